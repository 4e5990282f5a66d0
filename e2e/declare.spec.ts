// A newcomer signs in, declares an incident and lands on its page.
import { expect, signIn, signInReady, test } from "./fixtures";

test("a wrong password gets a clear message and no session", async ({ page }) => {
  await signIn(page, "ic@example.com", "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveText("Wrong email or password.");
  await page.goto("/incidents");
  await expect(page).toHaveURL(/\/signin/);
});

test("sign in, declare with the keyboard shortcut on a suggested service, see who it pages and a possible duplicate, land on the incident page", async ({ page, baseURL }) => {
  await signIn(page, "ic@example.com");
  await expect(page.getByRole("heading", { name: "War room" })).toBeVisible();
  // Someone declared the same outage a minute ago, on the same service.
  const earlier = await page.request.post("/api/v1/incidents", { data: { title: "Checkout errors spiking", severity: "SEV2", services: ["SVC-CHECKOUT"] }, headers: { Origin: baseURL! } });
  expect(earlier.status()).toBe(201);
  const earlierRef = ((await earlier.json()) as { ref: string }).ref;

  const dialog = page.getByRole("dialog", { name: "Declare an incident" });
  // The shortcut works once the page is interactive (hydrated).
  await expect(async () => {
    await page.keyboard.press("d");
    await expect(dialog).toBeVisible({ timeout: 500 });
  }).toPass();
  const title = `Checkout 502s for EU customers ${Date.now()}`;
  await dialog.getByLabel("What is broken?").fill(title);
  await dialog.getByRole("radio", { name: /SEV1/ }).check();
  // The title names Checkout: it is suggested, with its team and who it pages now.
  const suggested = dialog.getByRole("list", { name: "Suggested services" });
  await expect(suggested.getByRole("button", { name: "Add Checkout (SVC-CHECKOUT)" })).toContainText("named in the title");
  await expect(suggested).toContainText("pages @sgarcia");
  // Searching by key or team finds services too.
  await dialog.getByLabel("Search services by name, key or team").fill("payments api");
  await expect(dialog.getByRole("list", { name: "Matching services" }).getByRole("button")).toHaveText([/Payments API/]);
  await dialog.getByLabel("Search services by name, key or team").fill("");
  await suggested.getByRole("button", { name: "Add Checkout (SVC-CHECKOUT)" }).click();
  await expect(dialog.getByRole("list", { name: "Chosen services" })).toContainText("SVC-CHECKOUT");
  await expect(dialog.getByTestId("declare-paging")).toHaveText("Declaring pages @sgarcia.");
  // The demo's open checkout incident may be this one: joining it is one tap away.
  const duplicates = dialog.getByRole("region", { name: "Possibly the same incident" });
  await expect(duplicates.getByRole("link", { name: `Join ${earlierRef} instead` })).toBeVisible();
  await expect(duplicates.getByRole("listitem").filter({ hasText: earlierRef })).toContainText("same service");
  await dialog.getByText("More: priority, commander, intake questions").click();
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

  // Its on-call was paged for the earlier one: not paged twice, and the page says where she is.
  const ref = /INC-\d+/.exec(page.url())![0];
  await expect(page.getByRole("region", { name: "Pages" }).getByTestId("paged-elsewhere")).toContainText(`${earlierRef} is open on SVC-CHECKOUT and already paged @sgarcia`, { timeout: 15_000 });

  // The list shows it too.
  await page.getByRole("link", { name: "Incidents" }).click();
  await expect(page.getByRole("link", { name: new RegExp(title) })).toBeVisible();

  // Out of the way of later specs: both mitigated, their paging ends (an open one would be "already paged" for them).
  for (const r of [ref, earlierRef]) {
    const current = await (await page.request.get(`/api/v1/incidents/${r}`)).json();
    expect((await page.request.patch(`/api/v1/incidents/${r}`, { data: { version: current.version, status: "mitigated", reason: "test done" }, headers: { Origin: baseURL! } })).status()).toBe(200);
  }
});

test("declaring with no service asks once whether nobody should be paged, then says so on the incident", async ({ page }) => {
  await signInReady(page, "ic@example.com");
  const dialog = page.getByRole("dialog", { name: "Declare an incident" });
  // A click before hydration is lost on a loaded machine (CI saw it): click until the dialog opens.
  await expect(async () => {
    await page.getByRole("button", { name: /Declare/ }).click();
    await expect(dialog).toBeVisible({ timeout: 1000 });
  }).toPass();
  const title = `Odd latency blip ${Date.now()}`;
  await dialog.getByLabel("What is broken?").fill(title);
  await expect(dialog.getByTestId("declare-paging")).toHaveText("Nobody will be paged.");
  await dialog.getByRole("button", { name: "Declare", exact: true }).click();
  await expect(dialog.getByRole("alert")).toContainText("Nobody will be paged — declare anyway?");
  await expect(page).not.toHaveURL(/\/incidents\/INC-/);
  await dialog.getByRole("button", { name: "Declare anyway" }).click();
  await expect(page).toHaveURL(/\/incidents\/INC-\d+$/);

  // The incident says it out loud, with the way to page someone.
  const pages = page.getByRole("region", { name: "Pages" });
  await expect(pages.getByTestId("nobody-paged")).toContainText("Nobody was paged.");
  await pages.getByRole("button", { name: "Page a service or person" }).click();
  const pageDialog = page.getByRole("dialog", { name: "Page a service or person" });
  await pageDialog.getByLabel("A person").check();
  await pageDialog.getByLabel("Who").fill("mpatel");
  await page.getByRole("option", { name: /mpatel/ }).click();
  await pageDialog.getByLabel("Why (optional)").fill("Need the payments DBA");
  await pageDialog.getByRole("button", { name: "Page now" }).click();
  await expect(pageDialog).toBeHidden();
  await expect(pages.getByRole("article", { name: "Page to @mpatel" })).toContainText("Need the payments DBA");
  await expect(pages).toContainText("Paged by @ic");
  await expect(pages.getByTestId("nobody-paged")).toHaveCount(0);
});

test("a viewer sees incidents but no way to declare", async ({ page }) => {
  await signIn(page, "exec@example.com");
  await expect(page.getByRole("heading", { level: 1, name: "Status" })).toBeVisible();
  await page.goto("/incidents");
  await expect(page.getByRole("heading", { name: "Incidents" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Declare/ })).toHaveCount(0);
});

test("the keyboard: a skip link past the header, and ? lists every shortcut", async ({ page }) => {
  await signIn(page, "ic@example.com");
  await expect(page.getByRole("heading", { name: "War room" })).toBeVisible();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();

  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(async () => {
    await page.keyboard.press("?");
    await expect(help).toBeVisible({ timeout: 500 });
  }).toPass();
  for (const what of ["Declare an incident", "Post a CAN update", "Add a note", "Log a decision"]) await expect(help).toContainText(what);
});
