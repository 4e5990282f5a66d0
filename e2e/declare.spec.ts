// A newcomer signs in, declares an incident and lands on its page.
import { expect, signIn, test } from "./fixtures";

test("a wrong password gets a clear message and no session", async ({ page }) => {
  await signIn(page, "ic@example.com", "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveText("Wrong email or password.");
  await page.goto("/incidents");
  await expect(page).toHaveURL(/\/signin/);
});

test("sign in, declare with the keyboard shortcut, land on the incident page", async ({ page }) => {
  await signIn(page, "ic@example.com");
  await expect(page.getByRole("heading", { name: "War room" })).toBeVisible();

  const dialog = page.getByRole("dialog", { name: "Declare an incident" });
  // The shortcut works once the page is interactive (hydrated).
  await expect(async () => {
    await page.keyboard.press("d");
    await expect(dialog).toBeVisible({ timeout: 500 });
  }).toPass();
  const title = `Checkout 502s for EU customers ${Date.now()}`;
  await dialog.getByLabel("What is broken?").fill(title);
  await dialog.getByRole("radio", { name: /SEV1/ }).check();
  await dialog.getByText("More: services, priority, intake questions").click();
  await dialog.getByRole("checkbox", { name: "SVC-CHECKOUT" }).check();
  await dialog.getByLabel("Blast radius").fill("All EU checkout traffic");
  await dialog.getByRole("button", { name: "Declare", exact: true }).click();

  await expect(page).toHaveURL(/\/incidents\/INC-\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const summary = page.getByRole("region", { name: "Incident summary" });
  await expect(summary).toContainText("SEV1");
  await expect(summary).toContainText("Commander@ic");
  const first = page.locator("[data-seq='1']");
  await expect(first).toContainText("Declared");
  await expect(first).toContainText(title);

  // The list shows it too.
  await page.getByRole("link", { name: "Incidents" }).click();
  await expect(page.getByRole("link", { name: new RegExp(title) })).toBeVisible();
});

test("a viewer sees incidents but no way to declare", async ({ page }) => {
  await signIn(page, "exec@example.com");
  await expect(page.getByRole("heading", { level: 1, name: "Status" })).toBeVisible();
  await page.goto("/incidents");
  await expect(page.getByRole("heading", { name: "Incidents" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Declare/ })).toHaveCount(0);
});
