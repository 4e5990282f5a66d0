import { test as base, expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "conn-demo";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * Signs in and waits until the landing page (war room or status) is live: hydrated, its socket connected. A click on
 * the navigation before hydration can be lost on a loaded machine.
 */
export async function signInReady(page: Page, email: string) {
  await signIn(page, email);
  await expect(page).toHaveURL(/\/(dashboard|status)/);
  await expect(page.getByRole("status").filter({ hasText: "Live" }).first()).toBeVisible({ timeout: 15_000 });
}

export const test = base;
export { expect };
