// What every page owes a tired reader, measured the same way by every spec that looks at pages:
// - accessible: axe-core finds no WCAG 2.x A/AA violation (contrast 4.5:1 included), in the theme the page is shown in;
// - tappable: on a phone every control is at least 44 × 44 CSS px (WCAG 2.5.5), links inside a sentence excepted;
// - dark from the first frame: with the dark theme, no frame of any document the browser painted was light
//   (the first page after sign-in and client-side navigations included);
// - no wider than the screen.
// And `screenshot`: with CONN_SCREENS=1, a full-page picture of where the spec stands, in screens/.
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "@playwright/test";
import { expect } from "./fixtures";

const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const SCREENS = process.env.CONN_SCREENS ? path.resolve(__dirname, "..", "screens") : null;

/** The page scrolls no wider than its viewport. */
export async function expectFitsTheScreen(page: Page) {
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scroll, "the page is no wider than the screen").toBeLessThanOrEqual(width);
}

/** With CONN_SCREENS=1: screens/<name>.png, the whole page. */
export async function screenshot(page: Page, name: string) {
  if (SCREENS) await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
}

/** axe-core on the whole page (or one part of it): no violation, each named with the elements that break it. */
export async function expectAccessible(page: Page, where = new URL(page.url()).pathname, include?: string) {
  let builder = new AxeBuilder({ page }).withTags(WCAG_AA);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  const found = violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(" ")}  ${n.failureSummary?.split("\n").slice(1).join(" ").trim() ?? ""}`)
        .join("\n"),
  );
  expect.soft(found, `${where}: axe-core found accessibility violations`).toEqual([]);
}

/**
 * Every visible control inside `scope` is at least 44 × 44 CSS px. Links inside running text (a sentence, a
 * rendered note) are exempt, as WCAG 2.5.5 exempts inline targets; so are controls visually hidden for screen readers.
 */
export async function expectTapTargets(page: Page, scope = "body", where = new URL(page.url()).pathname) {
  const small = await page.evaluate((selector) => {
    const out: string[] = [];
    for (const root of document.querySelectorAll(selector)) {
      for (const el of root.querySelectorAll<HTMLElement>("button, a[href], input:not([type=hidden]), select, textarea, summary, [role=button]")) {
        if (el.closest("[inert], [aria-hidden=true], .sr-only")) continue;
        const box = el.getBoundingClientRect();
        if (box.width <= 1 || box.height <= 1 || getComputedStyle(el).visibility === "hidden") continue;
        // A check box or radio is tapped through its label: the label's box counts.
        const label = (el as HTMLInputElement).labels?.[0];
        const target = label && ["checkbox", "radio"].includes((el as HTMLInputElement).type) ? label.getBoundingClientRect() : box;
        if (el.tagName === "A" && getComputedStyle(el).display === "inline") {
          const parent = el.parentElement;
          const sentence = [...(parent?.childNodes ?? [])].some((n) => n !== el && n.nodeType === Node.TEXT_NODE && n.textContent!.trim().length > 0);
          if (sentence || el.closest(".prose-conn, p")) continue;
        }
        if (target.width + 0.5 < 44 || target.height + 0.5 < 44) {
          const name = (el.getAttribute("aria-label") ?? el.textContent ?? (el as HTMLInputElement).name ?? "").trim().slice(0, 40);
          out.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(target.width)}×${Math.round(target.height)}`);
        }
      }
    }
    return [...new Set(out)];
  }, scope);
  expect.soft(small, `${where}: tap targets smaller than 44 × 44 px`).toEqual([]);
}

/**
 * Watches every document the context opens: on every animation frame from the document's start, before anything
 * else on it runs, it notes whether the page is painted light (the root's background, or the body's once it exists).
 * Call before the first navigation; read with {@link expectDarkThroughout}.
 */
export async function watchTheme(context: BrowserContext) {
  await context.addInitScript(() => {
    // Kept in sessionStorage: a full navigation (signing in) starts a new document, and its frames count too.
    const KEY = "conn-test-light-frames";
    const note = (frame: string) => {
      const seen = JSON.parse(sessionStorage.getItem(KEY) ?? "[]") as string[];
      if (seen.length < 20) sessionStorage.setItem(KEY, JSON.stringify([...seen, frame]));
    };
    if (sessionStorage.getItem(KEY) === null) sessionStorage.setItem(KEY, "[]");
    /** Lightness from 0 to 1 of a computed color (Tailwind 4 computes to oklch), or null when transparent. */
    const luminance = (color: string) => {
      const numbers = (color.match(/[\d.]+/g) ?? []).map(Number);
      const alpha = color.includes("/") ? numbers.at(-1)! : color.startsWith("rgba") ? numbers[3]! : 1;
      if (alpha === 0) return null;
      if (/^okl(ch|ab)\(/.test(color)) return numbers[0]! > 1 ? numbers[0]! / 100 : numbers[0]!;
      if (/^lab\(/.test(color)) return numbers[0]! / 100;
      const [r = 255, g = 255, b = 255] = numbers;
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    };
    let frames = 0;
    // What last changed the root's class, for a failure to name (a frame painted light says what preceded it).
    let lastChange = "";
    new MutationObserver(() => {
      lastChange = ` after class became "${document.documentElement.className}" at frame ${frames}`;
    }).observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
    const sample = () => {
      frames += 1;
      const html = document.documentElement;
      const painted = [document.body, html].filter(Boolean).map((el) => luminance(getComputedStyle(el!).backgroundColor)).find((l) => l !== null);
      // No background set at all yet is the browser's canvas: white in a light color scheme.
      const light = painted === undefined ? !matchMedia("(prefers-color-scheme: dark)").matches : painted > 0.5;
      if (light) note(`${location.pathname} frame ${frames} (${document.readyState})${html.classList.contains("dark") ? "" : " (no .dark)"}${lastChange}`);
      requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
}

/** No frame painted light in this tab since it opened (see {@link watchTheme}). */
export async function expectDarkThroughout(page: Page, where = new URL(page.url()).pathname) {
  const light = await page.evaluate(() => JSON.parse(sessionStorage.getItem("conn-test-light-frames") ?? '["the theme watcher is not installed"]') as string[]);
  expect.soft(light, `${where}: frames painted light in the dark theme`).toEqual([]);
}
