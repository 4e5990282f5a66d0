"use client";
import { signOut } from "next-auth/react";
import { useEffect, useState } from "react";
import { applyTheme, savedTheme, type Theme } from "./theme";

export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>("system");
  useEffect(() => {
    setTheme(savedTheme());
  }, []);
  const next: Record<Theme, Theme> = { system: "dark", dark: "light", light: "system" };
  return (
    <button
      type="button"
      className="min-h-10 whitespace-nowrap rounded-md px-1.5 text-sm text-slate-600 sm:px-2 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-800"
      title="Theme: system, dark or light"
      aria-label={`Theme: ${theme}. Switch to ${next[theme]}.`}
      onClick={() => {
        const t = next[theme];
        localStorage.setItem("conn-theme", t);
        setTheme(t);
        applyTheme(t);
      }}
    >
      {theme === "dark" ? "☾" : theme === "light" ? "☀" : "◐"}
    </button>
  );
}

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: "/signin" })}
      className="min-h-10 whitespace-nowrap rounded-md px-1.5 text-sm text-slate-600 sm:px-2 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-800"
    >
      Sign out
    </button>
  );
}
