// An admin sets up ownership in the UI: a team, a member, a service the team
// owns, and then edits the service's tier. And on an incident, the page says
// who owns its service and who is on call for it right now.
import { expect, signIn, signInReady, test } from "./fixtures";

const stamp = () => Date.now().toString(36);

test("admin creates a team, adds a member, creates a service owned by it and edits its tier", async ({ page }) => {
  const id = stamp();
  const teamName = `Fraud ${id}`;
  const teamKey = `fraud-${id}`;
  const serviceKey = `SVC-FRAUD-${id.toUpperCase()}`;

  await signInReady(page, "admin@example.com");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Services" }).click();
  await page.getByRole("navigation", { name: "Catalog" }).getByRole("link", { name: "Teams" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Teams" })).toBeVisible();

  // ─── The team ───
  await page.getByRole("button", { name: "New team" }).click();
  const dialog = page.getByRole("dialog", { name: "New team" });
  // A key already taken: the field says so, and the server's message is shown.
  await dialog.getByLabel("Name").fill("Payments");
  await dialog.getByRole("button", { name: "Create team" }).click();
  await expect(dialog.getByRole("alert").filter({ hasText: "A team payments already exists." })).toBeVisible();
  await expect(dialog.getByRole("alert").filter({ hasText: /^already exists$/ })).toBeVisible();
  await dialog.getByLabel("Name").fill(teamName);
  // The key is suggested from the name.
  await expect(dialog.getByLabel("Key")).toHaveValue(teamKey);
  await dialog.getByRole("button", { name: "Create team" }).click();
  await expect(page).toHaveURL(new RegExp(`/teams/${teamKey}$`));
  await expect(page.getByRole("heading", { level: 1, name: teamName })).toBeVisible();
  await expect(page.getByRole("region", { name: "Members (0)" })).toContainText("Nobody yet.");

  // A blank name is refused under the field.
  await page.getByRole("button", { name: "Rename" }).click();
  const rename = page.getByRole("form", { name: "Rename team" });
  await rename.getByLabel("Team name").fill(" ");
  await rename.getByRole("button", { name: "Save" }).click();
  await expect(rename.getByRole("alert")).toHaveText("Required");
  await rename.getByRole("button", { name: "Cancel" }).click();

  // ─── A member ───
  const addMember = page.getByRole("form", { name: "Add a member" });
  await addMember.getByRole("button", { name: "Add member" }).click();
  await expect(addMember.getByRole("alert")).toHaveText("Pick someone from the list");
  await addMember.getByLabel("Add a member").fill("lchen");
  await addMember.getByRole("option", { name: /@lchen/ }).click();
  await addMember.getByLabel("Team lead").check();
  await addMember.getByRole("button", { name: "Add member" }).click();
  const members = page.getByRole("list", { name: "Members" });
  await expect(members.getByRole("listitem")).toHaveCount(1);
  await expect(members).toContainText("Lin Chen");
  await expect(members).toContainText("lead");
  await expect(page.getByRole("region", { name: "Members (1)" })).toBeVisible();

  // ─── A service it owns ───
  await page.getByRole("region", { name: "Services owned" }).getByRole("link", { name: "New service" }).click();
  const form = page.getByRole("dialog", { name: "New service" });
  await expect(form).toBeVisible();
  await expect(form.getByLabel("Owning team")).toHaveValue(teamKey);
  await form.getByLabel("Key").fill("SVC-CHECKOUT");
  await form.getByLabel("Name").fill("Fraud scoring");
  await form.getByLabel("Tier").selectOption({ label: "Tier 3: internal or best effort" });
  await form.getByRole("button", { name: "Add a link" }).click();
  await expect(form.getByLabel("Link 1 label")).toHaveValue("Runbook");
  await form.getByLabel("Link 1 URL").fill("wiki.example/runbooks/fraud");
  await form.getByRole("checkbox", { name: "SVC-CHECKOUT" }).check();
  // A URL without its scheme: the API's 400 shows next to the link, the summary only says where to look.
  await form.getByRole("button", { name: "Create service" }).click();
  await expect(form.getByRole("alert")).toHaveText(["Must be an http(s) URL", "Check the marked fields."]);
  // A key that is taken: the 409 marks the key and the server's words say which.
  await form.getByLabel("Link 1 URL").fill("https://wiki.example/runbooks/fraud");
  await form.getByRole("button", { name: "Create service" }).click();
  await expect(form.getByRole("alert")).toHaveText(["already exists", "SVC-CHECKOUT already exists."]);
  await form.getByLabel("Key").fill(serviceKey);
  await form.getByRole("button", { name: "Create service" }).click();

  await expect(page).toHaveURL(new RegExp(`/services/${serviceKey}$`));
  await expect(page.getByRole("heading", { level: 1, name: serviceKey })).toBeVisible();
  await expect(page.getByText("tier 3", { exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Ownership" })).toContainText(`Team ${teamName} (${teamKey})`);
  await expect(page.getByRole("region", { name: "Dependencies" })).toContainText("Depends on: SVC-CHECKOUT");

  // ─── Edit its tier ───
  await page.getByRole("button", { name: "Edit service" }).click();
  const edit = page.getByRole("dialog", { name: `Edit ${serviceKey}` });
  await expect(edit.getByLabel("Name")).toHaveValue("Fraud scoring");
  await edit.getByLabel("Tier").selectOption({ label: "Tier 1: critical, customers notice at once" });
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByText("tier 1", { exact: true })).toBeVisible();
  // Tier 1 with an owner and a runbook: no hygiene warnings.
  await expect(page.locator("[data-flag]")).toHaveCount(0);

  // Someone else saves while the page is open: the edit and "Mark reviewed" are refused and say so.
  const current = await (await page.request.get(`/api/v1/services/${serviceKey}`)).json();
  expect((await page.request.patch(`/api/v1/services/${serviceKey}`, { data: { version: current.version, description: "Scores card payments" } })).status()).toBe(200);
  await page.getByRole("button", { name: "Edit service" }).click();
  await edit.getByLabel("Name").fill("Fraud scoring (mine)");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByRole("alert")).toContainText("Someone saved this service since the page loaded.");
  await expect(edit.getByLabel("Name")).toHaveValue("Fraud scoring (mine)");
  await edit.getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("button", { name: "Mark reviewed" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Someone changed this service" })).toHaveText("Someone changed this service since the page loaded: reload, then mark it reviewed.");

  // The team page lists the service; the catalog shows its owner.
  await page.goto(`/teams/${teamKey}`);
  await expect(page.getByRole("list", { name: "Services owned" })).toContainText(serviceKey);
  // Removing a member someone else removed first: the server's answer is shown.
  expect((await page.request.delete(`/api/v1/teams/${teamKey}/members/lchen`)).status()).toBe(200);
  await page.getByRole("button", { name: `Remove @lchen from ${teamName}` }).click();
  await expect(page.getByRole("region", { name: "Members (1)" }).getByRole("alert")).toHaveText(`lchen is not in team ${teamKey}.`);
  await page.goto("/services");
  await expect(page.locator(`[data-service="${serviceKey}"]`)).toContainText(teamName);
});

test("a viewer reads teams and services without any edit control", async ({ page }) => {
  await signIn(page, "exec@example.com");
  await expect(page.getByRole("heading", { level: 1, name: "Status" })).toBeVisible();
  await page.goto("/teams");
  await expect(page.getByRole("heading", { level: 1, name: "Teams" })).toBeVisible();
  await expect(page.getByRole("button", { name: "New team" })).toHaveCount(0);
  await page.getByRole("list", { name: "Teams" }).getByRole("link", { name: "Payments", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Payments" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Members" })).toContainText("@jtsimmons");
  await expect(page.getByRole("button", { name: /Remove|Rename|Add member/ })).toHaveCount(0);
  await page.goto("/services/SVC-CHECKOUT");
  await expect(page.getByRole("heading", { level: 1, name: "SVC-CHECKOUT" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Edit service|Mark reviewed/ })).toHaveCount(0);
  await page.goto("/services");
  await expect(page.getByRole("button", { name: "New service" })).toHaveCount(0);
});

test("the incident page shows its service's owning team and who is on call for it now", async ({ page }) => {
  const id = stamp();
  const teamKey = `ledger-${id}`;
  const serviceKey = `SVC-LEDGER-${id.toUpperCase()}`;

  // Setup through the API as the admin (same session): a team with a one-person weekly rotation, owning a service.
  await signIn(page, "admin@example.com");
  await expect(page.getByRole("heading", { name: "War room" })).toBeVisible();
  const post = async (path: string, data: unknown) => {
    const res = await page.request.post(path, { data });
    expect(res.status(), `${path}: ${await res.text()}`).toBe(201);
  };
  await post("/api/v1/teams", { key: teamKey, name: `Ledger ${id}` });
  await post(`/api/v1/teams/${teamKey}/members`, { user: "mpatel" });
  await post("/api/v1/schedules", {
    name: `Ledger ${id} primary`,
    team: teamKey,
    timeZone: "Europe/Berlin",
    layers: [{ start: "2024-01-01T09:00", shift: { unit: "week", count: 1 }, participants: ["mpatel"] }],
  });
  await post("/api/v1/services", { key: serviceKey, name: "Ledger", team: teamKey, tier: 1, links: [{ label: "Runbook", url: "https://wiki.example/runbooks/ledger" }] });

  // Declare on that service in the UI (a fresh page: the declare form lists services as of its load).
  await page.goto("/dashboard");
  await page.getByRole("button", { name: /Declare/ }).first().click();
  const dialog = page.getByRole("dialog", { name: "Declare an incident" });
  await dialog.getByLabel("What is broken?").fill(`Ledger writes failing ${id}`);
  await dialog.getByLabel("Search services by name, key or team").fill(serviceKey.toLowerCase());
  await dialog.getByRole("button", { name: `Add Ledger (${serviceKey})` }).click();
  // The new service has no escalation policy: the form says so and asks once.
  await expect(dialog.getByTestId("declare-paging")).toHaveText("Nobody will be paged.");
  await dialog.getByRole("button", { name: "Declare", exact: true }).click();
  await dialog.getByRole("button", { name: "Declare anyway" }).click();
  await expect(page).toHaveURL(/\/incidents\/INC-\d+$/);

  const panel = page.getByRole("region", { name: "Services", exact: true });
  const row = panel.locator(`[data-service="${serviceKey}"]`);
  await expect(row).toContainText("tier 1");
  await expect(row).toContainText(`Ledger · Ledger ${id}`);
  await expect(row.getByRole("list", { name: "On call now" })).toContainText("@mpatel");
  await expect(row.getByRole("list", { name: "On call now" })).toContainText(`Ledger ${id} primary`);
  await expect(row.getByRole("link", { name: `Runbook of ${serviceKey} (opens in a new tab)` })).toHaveAttribute("href", "https://wiki.example/runbooks/ledger");
  await row.getByRole("link", { name: `Ledger ${id}`, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/teams/${teamKey}$`));
  await expect(page.getByTestId("team-on-call")).toContainText("Meera Patel");
});
