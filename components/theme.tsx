"use client";
// The theme: the saved choice (localStorage "conn-theme"), else the system's. The root layout's inline script sets the
// `dark` class before the first paint; ThemeKeeper keeps it right afterwards, before any later paint.
import { useLayoutEffect } from "react";

export type Theme = "light" | "dark" | "system";

export function savedTheme(): Theme {
  try {
    const t = localStorage.getItem("conn-theme");
    return t === "light" || t === "dark" ? t : "system";
  } catch {
    return "system";
  }
}

export function applyTheme(theme: Theme) {
  const dark = theme === "dark" || (theme === "system" && matchMedia("(prefers-color-scheme: dark)").matches);
  if (document.documentElement.classList.contains("dark") !== dark) document.documentElement.classList.toggle("dark", dark);
}

/**
 * Keeps the `dark` class on <html> true to the theme: when the system switches while the page is open, and when React
 * re-creates the root element's attributes (it does for <html> when it recovers from a hydration error), which would
 * otherwise flash the page light. A MutationObserver's callback runs before the next paint.
 */
export function ThemeKeeper() {
  useLayoutEffect(() => {
    const sync = () => applyTheme(savedTheme());
    sync();
    const media = matchMedia("(prefers-color-scheme: dark)");
    media.addEventListener("change", sync);
    const observer = new MutationObserver(sync);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
    return () => {
      media.removeEventListener("change", sync);
      observer.disconnect();
    };
  }, []);
  return null;
}
