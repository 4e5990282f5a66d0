// Escalation policies in the UI: an admin writes one (a schedule's on-call,
// then a person), finds it in the list, changes a delay, is told when someone
// else saved first, and deletes it (and is told when a delete is refused); a viewer reads without any edit control.
// And the on-call health page shows the demo's numbers, worst burden first.
import { expect, signIn, signInReady, test } from "./fixtures";

const stamp = () => Date.now().toString(36);

test("admin creates a policy with a schedule step and a person step, sees it listed, edits a delay and deletes it", async ({ page }) => {
  const name = `Checkout nights ${stamp()}`;
  await signInReady(page, "admin@example.com");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "On-call" }).click();
  await page.getByRole("navigation", { name: "On-call" }).getByRole("link", { name: "Escalation policies" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Escalation policies" })).toBeVisible();

  await page.getByRole("button", { name: "New policy" }).click();
  const dialog = page.getByRole("dialog", { name: "New escalation policy" });
  await dialog.getByLabel("Name").fill(name);
  const step1 = dialog.getByRole("group", { name: "Step 1" });
  await step1.getByLabel("Step 1 target 1 schedule").selectOption({ label: "Payments primary (payments)" });
  await step1.getByLabel("Wait (minutes)").fill("5");

  // A second step whose person is not picked yet: the API's 400 shows next to that target.
  await dialog.getByRole("button", { name: "Add a step" }).click();
  const step2 = dialog.getByRole("group", { name: "Step 2" });
  await expect(step2.getByLabel("Step 2 target 1 kind")).toHaveValue("user");
  await dialog.getByRole("button", { name: "Create policy" }).click();
  await expect(step2.getByRole("alert")).toHaveText("Required");
  await expect(step1.getByRole("alert")).toHaveCount(0);
  await expect(dialog.getByRole("alert").filter({ hasText: "Check the marked fields" })).toHaveText("Check the marked fields.");

  await step2.getByLabel("Step 2 target 1 person").fill("lchen");
  await step2.getByRole("option", { name: /@lchen/ }).click();
  await step2.getByLabel("Wait (minutes)").fill("10");
  await expect(step2).toContainText("after 5 min");
  // A name that is taken: the 409 marks the name and the server's words say which.
  await dialog.getByLabel("Name").fill("Payments standard");
  await dialog.getByRole("button", { name: "Create policy" }).click();
  await expect(dialog.getByRole("alert")).toHaveText(["already taken", 'A policy named "Payments standard" exists already.']);
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Create policy" }).click();

  await expect(page).toHaveURL(/\/escalation-policies\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const steps = page.getByRole("region", { name: "Steps" });
  await expect(steps.locator("[data-step='1']")).toContainText("Whoever is on call for Payments primary");
  await expect(steps.locator("[data-step='2']")).toContainText("Lin Chen @lchen");
  await expect(steps.locator("[data-step='2']")).toContainText("5 min");
  await expect(page.getByTestId("policy-repeat")).toHaveText("The whole policy runs once.");
  const policyUrl = page.url();

  // The list summarizes it.
  await page.getByRole("link", { name: "← Escalation policies" }).click();
  const listed = page.locator(`[data-policy="${name}"]`);
  await expect(listed.getByTestId("policy-steps")).toHaveText("0 min → Payments primary (on call) · 5 min → @lchen");
  await expect(listed).toContainText(/Services:\s*none/);

  // Edit the first delay: the second step now fires at 7 min.
  await listed.getByRole("link", { name }).click();
  await page.getByRole("button", { name: "Edit policy" }).click();
  const edit = page.getByRole("dialog", { name: `Edit ${name}` });
  await expect(edit.getByRole("group", { name: "Step 2" }).getByLabel("Step 2 target 1 person")).toHaveValue("Lin Chen (@lchen)");
  await edit.getByRole("group", { name: "Step 1" }).getByLabel("Wait (minutes)").fill("7");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();
  await expect(steps.locator("[data-step='2']")).toContainText("7 min");
  await page.goto("/escalation-policies");
  await expect(listed.getByTestId("policy-steps")).toHaveText("0 min → Payments primary (on call) · 7 min → @lchen");

  // Someone else saves while the form is open: the save is refused and says so.
  await page.goto(policyUrl);
  await page.getByRole("button", { name: "Edit policy" }).click();
  const id = policyUrl.split("/").pop()!;
  const current = await (await page.request.get(`/api/v1/escalation-policies/${id}`)).json();
  expect((await page.request.patch(`/api/v1/escalation-policies/${id}`, { data: { version: current.version, repeat: 2 } })).status()).toBe(200);
  await edit.getByLabel("Name").fill(`${name} (mine)`);
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByRole("alert")).toContainText("changed by someone else");
  await edit.getByRole("button", { name: "Reload" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByTestId("policy-repeat")).toHaveText("The whole policy then repeats 2 times if nobody acknowledges.");

  // Delete, after confirming.
  await page.getByRole("button", { name: "Delete policy" }).click();
  const confirm = page.getByRole("dialog", { name: `Delete ${name}?` });
  await expect(confirm).toContainText("No service uses it.");
  await confirm.getByRole("button", { name: "Delete policy" }).click();
  await expect(page).toHaveURL(/\/escalation-policies$/);
  await expect(page.getByRole("heading", { level: 1, name: "Escalation policies" })).toBeVisible();
  await expect(page.locator(`[data-policy="${name}"]`)).toHaveCount(0);

  // A delete the server refuses (someone deleted it first): the dialog says why and stays open.
  const gone = await page.request.post("/api/v1/escalation-policies", { data: { name: `${name} (gone)`, steps: [{ delayMinutes: 5, targets: [{ kind: "user", user: "lchen" }] }] } });
  expect(gone.status()).toBe(201);
  const goneId = (await gone.json()).id;
  await page.goto(`/escalation-policies/${goneId}`);
  await page.getByRole("button", { name: "Delete policy" }).click();
  const refused = page.getByRole("dialog", { name: `Delete ${name} (gone)?` });
  expect((await page.request.delete(`/api/v1/escalation-policies/${goneId}`)).status()).toBe(204);
  await refused.getByRole("button", { name: "Delete policy" }).click();
  await expect(refused.getByRole("alert")).toHaveText("No such escalation policy.");
  await expect(refused.getByRole("button", { name: "Delete policy" })).toBeEnabled();
  await expect(page).toHaveURL(new RegExp(`/escalation-policies/${goneId}$`));
});

test("a viewer reads escalation policies without any edit control; a service links its policy", async ({ page }) => {
  await signIn(page, "exec@example.com");
  await expect(page.getByRole("heading", { level: 1, name: "Status" })).toBeVisible();
  await page.goto("/escalation-policies");
  const payments = page.locator('[data-policy="Payments standard"]');
  await expect(payments.getByTestId("policy-steps")).toHaveText("0 min → Payments primary (on call) · 15 min → @jtsimmons · 30 min → @admin");
  await expect(payments).toContainText("SVC-CHECKOUT");
  await expect(page.getByRole("button", { name: "New policy" })).toHaveCount(0);

  await payments.getByRole("link", { name: "Payments standard" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Payments standard" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Steps" }).locator("[data-step]")).toHaveCount(3);
  await expect(page.getByRole("button", { name: "Edit policy" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete policy" })).toHaveCount(0);

  await page.goto("/services/SVC-CHECKOUT");
  const policy = page.getByTestId("escalation-policy");
  await expect(policy).toContainText("0 min → Payments primary (on call) · 15 min → @jtsimmons · 30 min → @admin · then repeats once");
  await policy.getByRole("link", { name: "Payments standard" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Payments standard" })).toBeVisible();
});

test("the on-call health page shows the demo's numbers per team and person, worst burden first, for 7, 30 or 90 days", async ({ page }) => {
  await signIn(page, "ic@example.com");
  await expect(page.getByRole("heading", { name: "War room" })).toBeVisible();
  await page.goto("/schedules");
  await page.getByRole("navigation", { name: "On-call" }).getByRole("link", { name: "Health" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "On-call health" })).toBeVisible();
  await expect(page.getByRole("button", { name: "30 days" })).toHaveAttribute("aria-pressed", "true");

  // The table shows what the API answers (the demo's month of pages falls on whoever its schedules put on call).
  const api = await (await page.request.get("/api/v1/oncall/health?days=30")).json();
  expect(api.people.reduce((n: number, p: { pages: number }) => n + p.pages, 0)).toBeGreaterThanOrEqual(16);
  const people = page.getByRole("table", { name: "People" });
  const rows = people.locator("tbody tr");
  await expect(rows).toHaveCount(api.people.length);
  const worst = api.people[0];
  await expect(rows.first()).toContainText(`@${worst.handle}`);
  await expect(rows.first().locator("[data-col='pages']")).toHaveText(String(worst.pages));
  await expect(rows.first().locator("[data-col='pagesOutsideHours']")).toContainText(String(worst.pagesOutsideHours));
  // Worst burden first: nobody below has more pages outside their working hours.
  const outside = api.people.map((p: { pagesOutsideHours: number }) => p.pagesOutsideHours);
  expect(outside).toEqual([...outside].sort((a: number, b: number) => b - a));
  expect(worst.pagesOutsideHours).toBeGreaterThan(0);

  const teams = page.getByRole("table", { name: "Teams" });
  await expect(teams.locator("tbody tr")).toHaveCount(3);
  for (const key of ["payments", "platform", "identity"]) {
    const team = api.teams.find((t: { key: string }) => t.key === key);
    await expect(teams.locator(`[data-row='${key}'] [data-col='pages']`)).toHaveText(String(team.pages));
  }

  // Sort by hours on call: the longest first.
  await people.getByRole("button", { name: "Hours on call" }).click();
  await expect(people.getByRole("columnheader", { name: /Hours on call/ })).toHaveAttribute("aria-sort", "descending");
  const longest = [...api.people].sort((a: { hoursOnCall: number }, b: { hoursOnCall: number }) => b.hoursOnCall - a.hoursOnCall)[0];
  // Hours run on while the page and the API answer a few seconds apart: they agree to the tenth of an hour shown.
  await expect(async () => {
    const shown = Number(await rows.first().locator("[data-col='hoursOnCall']").textContent());
    expect(Math.abs(shown - longest.hoursOnCall)).toBeLessThanOrEqual(0.1);
  }).toPass({ timeout: 10_000 });

  // A 90-day window holds at least as many pages; the URL keeps it.
  await page.getByRole("button", { name: "90 days" }).click();
  await expect(page).toHaveURL(/days=90/);
  await expect(page.getByRole("button", { name: "90 days" })).toHaveAttribute("aria-pressed", "true");
  const quarter = await (await page.request.get("/api/v1/oncall/health?days=90")).json();
  await expect(teams.locator("[data-row='payments'] [data-col='pages']")).toHaveText(String(quarter.teams.find((t: { key: string }) => t.key === "payments").pages));
  await page.reload();
  await expect(page.getByRole("button", { name: "90 days" })).toHaveAttribute("aria-pressed", "true");
});
