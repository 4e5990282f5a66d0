// The live incident page's forms, seen from two browsers: the commander writes
// (mostly with the keyboard), another responder sees each change arrive without
// reloading. Each test declares its own incident through the API.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";
import { testPorts } from "./test-server";

const baseURL = `http://localhost:${testPorts.e2e.port}`;
type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

// Sign-ins are rate limited per person: sign in once per person, reuse the session.
const sessions = new Map<string, StorageState>();
let contexts: BrowserContext[] = [];

async function sessionOf(browser: Browser, email: string): Promise<StorageState> {
  const known = sessions.get(email);
  if (known) return known;
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, email);
  await expect(page).not.toHaveURL(/\/signin/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const state = await context.storageState();
  await context.close();
  sessions.set(email, state);
  return state;
}

async function pageAs(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, storageState: await sessionOf(browser, email) });
  contexts.push(context);
  return context.newPage();
}

test.afterEach(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  contexts = [];
});

async function declare(page: Page, body: Record<string, unknown> = {}): Promise<{ ref: string; title: string }> {
  const title = `Forms e2e ${Date.now()} ${Math.random().toString(36).slice(2, 6)}`;
  const res = await page.request.post("/api/v1/incidents", { data: { title, severity: "SEV2", ...body } });
  expect(res.status(), await res.text()).toBe(201);
  return { ref: (await res.json()).ref as string, title };
}

async function openLive(page: Page, ref: string) {
  await page.goto(`/incidents/${ref}`);
  await expect(page.getByTestId("connection")).toHaveAttribute("data-state", "live");
  // A marker that a reload would wipe: changes must arrive without one.
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
}

const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);

/** The commander's and an observing responder's views of a fresh incident. */
async function commanderAndObserver(browser: Browser, body: Record<string, unknown> = {}) {
  const ic = await pageAs(browser, "ic@example.com");
  const observer = await pageAs(browser, "jtsimmons@example.com");
  const incident = await declare(ic, body);
  await openLive(ic, incident.ref);
  await openLive(observer, incident.ref);
  return { ic, observer, ...incident };
}

/** Presses a page shortcut until its dialog opens (shortcuts work once the page is hydrated). */
async function pressForDialog(page: Page, key: string, name: string) {
  const dialog = page.getByRole("dialog", { name });
  await expect(async () => {
    await page.keyboard.press(key);
    await expect(dialog).toBeVisible({ timeout: 500 });
  }).toPass();
  return dialog;
}

/** Counts the PATCHes a page sends to the incident. */
function countPatches(page: Page, ref: string) {
  const sent: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "PATCH" && r.url().endsWith(`/api/v1/incidents/${ref}`)) sent.push(r.postData() ?? "");
  });
  return sent;
}

test("the commander posts a CAN update with u; the observer sees it as the latest update and on the timeline", async ({ browser }) => {
  const { ic, observer } = await commanderAndObserver(browser);
  const dialog = await pressForDialog(ic, "u", "Post a CAN update");
  // SEV2's cadence is 30 minutes.
  await expect(dialog.getByLabel("Next update in (minutes)")).toHaveValue("30");
  await expect(dialog.getByLabel("Audience")).toHaveValue("internal");

  const condition = `EU checkout 502s for 30% of requests ${Date.now()}`;
  await dialog.getByLabel("Condition").fill(condition);
  await dialog.getByLabel("Action").fill("Rolling back v2.3 in eu-west-1");
  await dialog.getByLabel("Need (optional)").fill("Approval to fail over from @payments-lead");
  await dialog.getByLabel("Audience").selectOption("exec");
  await dialog.getByLabel("Need (optional)").press("Control+Enter");
  await expect(dialog).toBeHidden();

  const latest = observer.getByTestId("latest-update");
  await expect(latest).toContainText(condition);
  await expect(latest).toContainText("Exec");
  await expect(latest).toContainText("Approval to fail over from @payments-lead");
  const entry = observer.getByTestId("timeline").locator("[data-kind='update']");
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText(condition);
  await expect(entry).toContainText("Rolling back v2.3 in eu-west-1");
  expect(await sameDocument(observer)).toBe(true);
});

test("the commander logs a decision with l; the observer sees it in the decision log", async ({ browser }) => {
  const { ic, observer } = await commanderAndObserver(browser);
  const dialog = await pressForDialog(ic, "l", "Log a decision");
  await expect(dialog.getByLabel("Decided by")).toHaveValue("ic");

  // Empty, it is refused next to the fields, and nothing is sent.
  await dialog.getByRole("button", { name: "Log decision" }).click();
  await expect(dialog.getByText("Say what was decided", { exact: true })).toBeVisible();
  await expect(dialog.getByText("Say why", { exact: true })).toBeVisible();

  const decision = `Roll back checkout to v2.2 everywhere ${Date.now()}`;
  await dialog.getByLabel("Decision", { exact: true }).fill(decision);
  await dialog.getByLabel("Rationale").fill("Errors began with the v2.3 deploy");
  await dialog.getByLabel("Alternatives considered (optional)").fill("Fail over to eu-central");
  await dialog.getByRole("radio", { name: "no", exact: true }).check();
  await dialog.getByRole("button", { name: "Log decision" }).click();
  await expect(dialog).toBeHidden();

  const logged = observer.getByTestId("decision-log").getByTestId("decision");
  await expect(logged).toHaveCount(1);
  await expect(logged).toContainText(decision);
  await expect(logged).toContainText("Errors began with the v2.3 deploy");
  await expect(logged).toContainText("Fail over to eu-central");
  await expect(logged).toContainText("irreversible");
  await expect(logged).toContainText("@ic");
  expect(await sameDocument(observer)).toBe(true);
});

test("a severity change needs a reason; with one, the observer sees the new severity", async ({ browser }) => {
  const { ic, observer, ref } = await commanderAndObserver(browser);
  const patches = countPatches(ic, ref);
  const icSummary = ic.getByRole("region", { name: "Incident summary" });
  await icSummary.getByRole("button", { name: "Severity / priority" }).click();
  const dialog = ic.getByRole("dialog", { name: "Change severity or priority" });
  await dialog.getByRole("radio", { name: /SEV1/ }).check();
  await expect(dialog.getByTestId("severity-guidance")).toContainText("Escalate early");

  await dialog.getByRole("button", { name: "Escalate to SEV1" }).click();
  await expect(dialog.getByText(/Required: say why you escalate/)).toBeVisible();
  await dialog.getByLabel("Why escalate?").press("Control+Enter");
  await expect(dialog).toBeVisible();
  expect(patches).toEqual([]);
  const observerSummary = observer.getByRole("region", { name: "Incident summary" });
  await expect(observerSummary).toContainText("SEV2");

  const reason = `All EU regions are now affected ${Date.now()}`;
  await dialog.getByLabel("Why escalate?").fill(reason);
  await dialog.getByRole("button", { name: "Escalate to SEV1" }).click();
  await expect(dialog).toBeHidden();
  expect(patches).toHaveLength(1);

  await expect(observerSummary).toContainText("SEV1");
  await expect(observerSummary).not.toContainText("SEV2");
  await expect(observer.getByTestId("timeline").locator("[data-kind='severity_changed']")).toContainText(reason);
  expect(await sameDocument(observer)).toBe(true);
});

test("resolving needs every resolution criterion; then the recovery checklist appears and runs to the all-clear", async ({ browser }) => {
  const { ic, observer, ref } = await commanderAndObserver(browser);
  const patches = countPatches(ic, ref);
  await expect(observer.getByTestId("recovery")).toHaveCount(0);
  await ic.getByRole("region", { name: "Incident summary" }).getByRole("button", { name: "Resolve", exact: true }).click();
  const dialog = ic.getByRole("dialog", { name: "Resolve" });
  const resolve = dialog.getByRole("button", { name: "Resolve", exact: true });
  await dialog.getByLabel("What was done?").fill("Error rate normal for 30 minutes");

  const criteria = dialog.getByRole("checkbox");
  await expect(criteria).toHaveCount(4);
  await expect(resolve).toBeDisabled();
  for (let i = 0; i < 3; i++) await criteria.nth(i).check();
  await expect(resolve).toBeDisabled();
  await dialog.getByLabel("What was done?").press("Control+Enter");
  await expect(dialog).toBeVisible();
  expect(patches).toEqual([]);

  await criteria.nth(3).check();
  await expect(resolve).toBeEnabled();
  await resolve.click();
  await expect(dialog).toBeHidden();
  expect(JSON.parse(patches[0]!)).toMatchObject({
    status: "resolved",
    resolution: { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true },
    update: { condition: "Resolved: service is back to normal for all users.", action: "Error rate normal for 30 minutes" },
  });
  // The latest update says so, for everyone.
  await expect(observer.getByTestId("latest-update")).toContainText("Resolved: service is back to normal for all users.");

  await expect(observer.getByRole("region", { name: "Incident summary" })).toContainText("resolved");
  const recovery = observer.getByTestId("recovery");
  await expect(recovery).toBeVisible();
  await expect(observer.getByTestId("recovery-progress")).toHaveText("0/7");
  await expect(recovery.getByRole("status")).toHaveCount(0);

  // Ticked quickly in a row by the commander: none refuses another (each waits for the version before it).
  const icRecovery = ic.getByTestId("recovery");
  const items = icRecovery.getByRole("checkbox");
  await expect(items).toHaveCount(7);
  await items.nth(0).check();
  await expect(observer.getByTestId("recovery-progress")).toHaveText("1/7");
  await expect(recovery.getByRole("checkbox").nth(0)).toBeChecked();
  for (let i = 1; i < 7; i++) await items.nth(i).check();
  await expect(observer.getByTestId("recovery-progress")).toHaveText("7/7");
  await expect(recovery.getByRole("status")).toContainText("All clear");
  await expect(icRecovery.getByRole("alert")).toHaveCount(0);
  expect(await sameDocument(observer)).toBe(true);
});

test("the whole lifecycle from the page: mitigate, resolve, close, reopen, each with its time and timeline entry", async ({ browser }) => {
  const { ic, observer, ref } = await commanderAndObserver(browser);
  const group = ic.getByRole("group", { name: "Change the incident" });
  const summary = observer.getByRole("region", { name: "Incident summary" });
  const statusEntries = observer.getByTestId("timeline").locator("[data-kind='status_changed']");

  async function move(button: string, dialogName: string, reason: string, criteria = false) {
    await group.getByRole("button", { name: button, exact: true }).click();
    const dialog = ic.getByRole("dialog", { name: dialogName });
    if (criteria) for (const box of await dialog.getByRole("checkbox").all()) await box.check();
    // Mitigating and resolving ask what was done (it is also the Action of their update); the other moves, why.
    await dialog.getByLabel(/^(Reason|What was done\?)$/).fill(reason);
    // The dialog's own "Close" (×) shares a name with the Close transition: submit the form.
    await dialog.locator("button[type=submit]").click();
    await expect(dialog).toBeHidden();
    await expect(observer.getByTestId("timeline")).toContainText(reason);
  }

  await move("Mark mitigated", "Mark mitigated", "Rolled back the deploy");
  await expect(summary).toContainText("mitigated");
  await move("Resolve", "Resolve", "Error rate normal for 30 minutes", true);
  await expect(summary).toContainText("resolved");
  // The Close button answered 500 before: the lifecycle helper spread the whole incident row into the update.
  await move("Close", "Close after review", "Review done, actions filed");
  await expect(summary).toContainText("closed");
  const closed = await (await ic.request.get(`/api/v1/incidents/${ref}`)).json();
  expect(closed).toMatchObject({ status: "closed", mitigatedAt: expect.any(String), resolvedAt: expect.any(String), closedAt: expect.any(String) });
  await move("Reopen", "Reopen", "The errors are back");
  await expect(summary).toContainText("investigating");
  await expect(statusEntries).toHaveCount(4);
  const reopened = await (await ic.request.get(`/api/v1/incidents/${ref}`)).json();
  expect(reopened).toMatchObject({ status: "investigating", mitigatedAt: null, resolvedAt: null, closedAt: null });
  expect(await sameDocument(observer)).toBe(true);
});

test("a note with a script and a javascript: link renders inert, in the preview and for the observer", async ({ browser }) => {
  const { ic, observer } = await commanderAndObserver(browser);
  const dialog = await pressForDialog(ic, "n", "Add a note");
  const marker = `inert-${Date.now()}`;
  await dialog
    .getByLabel("Note", { exact: true })
    .fill(`**${marker}** <script>window.__pwned = true</script>\n\n<img src=x onerror="window.__pwned = true">\n\n[x](javascript:window.__pwned=true)`);
  await dialog.getByLabel("Show preview").check();
  const preview = dialog.getByRole("region", { name: "Preview" });
  await expect(preview.locator("strong")).toHaveText(marker);
  await expect(preview.locator("script")).toHaveCount(0);
  await expect(preview).toContainText("<script>window.__pwned = true</script>");
  await expect(preview.getByRole("link", { name: "x" })).toHaveCount(1);
  expect((await preview.getByRole("link", { name: "x" }).getAttribute("href")) ?? "").not.toMatch(/javascript:/i);
  await dialog.getByRole("button", { name: "Add note" }).click();
  await expect(dialog).toBeHidden();

  const note = observer.getByTestId("timeline").locator("[data-kind='note']");
  await expect(note.locator("strong")).toHaveText(marker);
  await expect(note.locator("script")).toHaveCount(0);
  await expect(note.locator("img")).toHaveCount(0);
  // Raw HTML is shown as the text it is, not dropped: what was pasted is what the reader sees.
  await expect(note).toContainText("<script>window.__pwned = true</script>");
  await expect(note).toContainText('<img src=x onerror="window.__pwned = true">');
  const link = note.getByRole("link", { name: "x" });
  await expect(link).toHaveCount(1);
  expect((await link.getAttribute("href")) ?? "").not.toMatch(/javascript:/i);
  for (const page of [ic, observer]) {
    expect(await page.locator("a[href^='javascript:' i]").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
  }
});

test("a long note shows its length against the limit, is never cut, and too long is refused in plain words", async ({ browser }) => {
  const { ic, observer } = await commanderAndObserver(browser);
  const dialog = await pressForDialog(ic, "n", "Add a note");
  const field = dialog.getByLabel("Note", { exact: true });
  // Pasted: a log of 10,001 characters stays whole in the field (no maxlength cutting it), the counter says by how much.
  const log = `${"0123456789".repeat(1000)}!`;
  await field.fill(log);
  await expect(field).toHaveValue(log);
  await expect(dialog.getByText("10,001 / 10,000 — 1 too many")).toBeVisible();
  await dialog.getByRole("button", { name: "Add note" }).click();
  await expect(dialog.getByText("Keep it to 10,000 characters (this is 10,001)")).toBeVisible();
  await expect(field).toHaveValue(log);
  // One character fewer: the counter is calm, the note goes out whole.
  await field.fill(log.slice(0, -1));
  await expect(dialog.getByText("10,000 / 10,000", { exact: true })).toBeVisible();
  await dialog.getByRole("button", { name: "Add note" }).click();
  await expect(dialog).toBeHidden();
  await expect(observer.getByTestId("timeline").locator("[data-kind='note']").first()).toContainText("0123456789".repeat(3));
  // Empty: what to write, not the schema's word.
  const again = await pressForDialog(ic, "n", "Add a note");
  await again.getByRole("button", { name: "Add note" }).click();
  await expect(again.getByText("Write the note", { exact: true })).toBeVisible();
});

test("links: the commander adds one (an unsafe URL is refused), the observer sees it; names copy with feedback; intake answers show", async ({ browser }) => {
  const { ic, observer } = await commanderAndObserver(browser, { blastRadius: "All EU checkout traffic", notify: "Support leads" });
  const panel = ic.getByRole("region", { name: "Links" });
  await panel.getByRole("button", { name: "Add links" }).click();
  await panel.getByLabel("Link 1 label").fill("Bridge");
  await panel.getByLabel("Link 1 URL").fill("javascript:alert(1)");
  await panel.getByRole("button", { name: "Save links" }).click();
  await expect(panel.getByText("URL: Must be an http(s) URL")).toBeVisible();
  await panel.getByLabel("Link 1 URL").fill("https://meet.example.com/inc-bridge");
  await panel.getByRole("button", { name: "Save links" }).click();
  await expect(panel.getByRole("button", { name: "Save links" })).toHaveCount(0);

  const observed = observer.getByRole("region", { name: "Links" }).getByRole("link", { name: "Bridge" });
  await expect(observed).toHaveAttribute("href", "https://meet.example.com/inc-bridge");

  const observerPanel = observer.getByRole("region", { name: "Links" });
  await expect(observerPanel.getByTestId("intake")).toContainText("All EU checkout traffic");
  await expect(observerPanel.getByTestId("intake")).toContainText("Support leads");
  await expect(observerPanel.getByTestId("intake")).not.toContainText("Recent changes");
  const number = (await ic.url()).match(/INC-(\d+)/)![1];
  await expect(observerPanel).toContainText(`#inc-${number}`);
  await expect(observerPanel).toContainText(`hotfix/INC-${number}-forms-e2e-`);

  await observer.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  const copy = observerPanel.getByRole("button", { name: "Copy channel name" });
  await copy.click();
  await expect(observerPanel.getByRole("button", { name: "Copied channel name" })).toBeVisible();
  expect(await observer.evaluate(() => navigator.clipboard.readText())).toBe(`#inc-${number}`);
  await expect(observerPanel.getByRole("button", { name: "Copy channel name" })).toBeVisible({ timeout: 5_000 });
});

test("a viewer sees the decisions, links and recovery, but no way to change them", async ({ browser }) => {
  const ic = await pageAs(browser, "ic@example.com");
  const { ref } = await declare(ic);
  for (const [path, body] of [
    ["/decisions", { decision: "Roll back", rationale: "It started with the deploy", reversible: true }],
    ["", { version: 1, status: "resolved", reason: "Fixed", resolution: { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true } }],
    ["", { version: 2, recovery: { servicesVerified: true }, links: [{ label: "Runbook", url: "https://runbooks.example.com/checkout" }] }],
  ] as const) {
    const res = path ? await ic.request.post(`/api/v1/incidents/${ref}${path}`, { data: body }) : await ic.request.patch(`/api/v1/incidents/${ref}`, { data: body });
    expect(res.ok(), await res.text()).toBe(true);
  }

  const viewer = await pageAs(browser, "exec@example.com");
  await openLive(viewer, ref);
  await expect(viewer.getByTestId("decision-log")).toContainText("Roll back");
  await expect(viewer.getByRole("region", { name: "Links" }).getByRole("link", { name: "Runbook" })).toBeVisible();
  await expect(viewer.getByTestId("recovery-progress")).toHaveText("1/7");
  const checkboxes = viewer.getByTestId("recovery").getByRole("checkbox");
  await expect(checkboxes).toHaveCount(7);
  for (let i = 0; i < 7; i++) await expect(checkboxes.nth(i)).toBeDisabled();
  await expect(viewer.getByRole("group", { name: "Write to the incident" })).toHaveCount(0);
  await expect(viewer.getByRole("group", { name: "Change the incident" })).toHaveCount(0);
  for (const name of [/Post update/, /Note \(n\)/, /Decision \(l\)/, "Severity / priority", /Edit title/, "Reopen", "Close", /links/i]) {
    await expect(viewer.getByRole("button", { name })).toHaveCount(0);
  }
  await viewer.keyboard.press("u");
  await expect(viewer.getByRole("dialog")).toHaveCount(0);
  // Empty panels tell a viewer what is there, never to do what they cannot ("Post one", "Log it").
  await expect(viewer.getByTestId("latest-update")).toContainText("No update yet.");
  await expect(viewer.getByTestId("latest-update")).not.toContainText("Post one");
  const empty = await declare(ic);
  await openLive(viewer, empty.ref);
  await expect(viewer.getByRole("region", { name: /Decisions/ })).toContainText("No decisions logged yet.");
  await expect(viewer.getByRole("region", { name: /Decisions/ })).not.toContainText("Log it");
});
