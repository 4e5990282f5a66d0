// The live incident page in two browsers: what one person changes, the other
// sees without reloading; a viewer that lost its connection catches up on
// reconnect with every entry it missed, each shown exactly once.
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

async function declare(request: APIRequestContext, baseURL: string, title: string): Promise<string> {
  const res = await request.post("/api/v1/incidents", { data: { title, severity: "SEV2" }, headers: { Origin: baseURL } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { ref: string }).ref;
}

async function note(request: APIRequestContext, baseURL: string, ref: string, body: string) {
  const res = await request.post(`/api/v1/incidents/${ref}/timeline`, { data: { body }, headers: { Origin: baseURL } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { seq: number }).seq;
}

/** The seqs shown on the timeline, in page order (newest first). */
const shownSeqs = (page: Page) => page.locator("[data-testid=timeline] > li").evaluateAll((items) => items.map((li) => Number(li.getAttribute("data-seq"))));

test("a change by the IC appears for an observer without reload; an observer that went offline catches up exactly once", async ({ browser, baseURL }) => {
  const icContext = await browser.newContext();
  const observerContext = await browser.newContext();
  const ic = await icContext.newPage();
  const observer = await observerContext.newPage();
  await signIn(ic, "ic@example.com");
  await signIn(observer, "admin@example.com");
  await expect(ic).toHaveURL(/\/dashboard/);
  await expect(observer).toHaveURL(/\/dashboard/);

  const ref = await declare(ic.request, baseURL!, `Live page e2e ${Date.now()}`);
  await ic.goto(`/incidents/${ref}`);
  await observer.goto(`/incidents/${ref}`);
  await expect(ic.getByTestId("connection")).toHaveAttribute("data-state", "live");
  await expect(observer.getByTestId("connection")).toHaveAttribute("data-state", "live");

  // Presence: each sees the other.
  await expect(observer.getByTestId("viewers")).toContainText("ad");
  await expect(observer.getByTestId("viewers")).toContainText("ic");

  // A note by the IC reaches the observer live; the IC's own page shows it once (response and socket).
  const seq = await note(ic.request, baseURL!, ref, "Rolling back **checkout v2.3**");
  const entry = observer.locator(`[data-testid=timeline] > li[data-seq='${seq}']`);
  await expect(entry).toContainText("Rolling back checkout v2.3");
  await expect(entry.locator("strong")).toHaveText("checkout v2.3");
  await expect(ic.locator(`[data-testid=timeline] > li[data-seq='${seq}']`)).toHaveCount(1);

  // The observer loses its network: the indicator says so, and it receives nothing…
  await observerContext.setOffline(true);
  await expect(observer.getByTestId("connection")).toHaveAttribute("data-state", "offline");
  const missed: number[] = [];
  for (let i = 1; i <= 3; i++) missed.push(await note(ic.request, baseURL!, ref, `Missed while offline ${i}`));
  await expect(ic.locator(`[data-testid=timeline] > li[data-seq='${missed[2]}']`)).toBeVisible();
  await observer.waitForTimeout(500);
  await expect(observer.locator(`[data-testid=timeline] > li[data-seq='${missed[0]}']`)).toHaveCount(0);

  // …and on reconnect catches up: every missed entry, each once, in order, with no gap.
  await observerContext.setOffline(false);
  await expect(observer.getByTestId("connection")).toHaveAttribute("data-state", "live");
  for (const s of missed) await expect(observer.locator(`[data-testid=timeline] > li[data-seq='${s}']`)).toHaveCount(1);
  const seqs = await shownSeqs(observer);
  expect(seqs).toEqual(Array.from({ length: missed[2]! }, (_, i) => missed[2]! - i));

  // Live again after the catch-up.
  const after = await note(ic.request, baseURL!, ref, "Back to normal");
  await expect(observer.locator(`[data-testid=timeline] > li[data-seq='${after}']`)).toContainText("Back to normal");
  expect(await shownSeqs(observer)).toEqual(Array.from({ length: after }, (_, i) => after - i));

  await icContext.close();
  await observerContext.close();
});

test("a viewer sees the live page and no write control", async ({ page }) => {
  await signIn(page, "exec@example.com");
  await expect(page).not.toHaveURL(/\/signin/);
  await page.goto("/incidents/INC-6");
  await expect(page.getByTestId("connection")).toHaveAttribute("data-state", "live");
  await expect(page.getByTestId("incident-title")).toBeVisible();
  await expect(page.getByRole("button", { name: /^(Pin #|Unpin #|Suspect|Post update|Hand over|Note(?!s)|Decision(?!s)|Add|New|Assign|Edit|Change)/ })).toHaveCount(0);
  await expect(page.locator("main textarea, main input:not([type=hidden]), main select")).toHaveCount(0);
});

test("the war room shows a newly declared incident, then its resolution, without reload", async ({ browser, baseURL }) => {
  const declarer = await (await browser.newContext()).newPage();
  const watcher = await (await browser.newContext()).newPage();
  await signIn(declarer, "ic@example.com");
  await signIn(watcher, "admin@example.com");
  await expect(watcher.getByRole("heading", { level: 1, name: "War room" })).toBeVisible();
  await expect(watcher.getByTestId("connection")).toHaveAttribute("data-state", "live");

  const title = `War room e2e ${Date.now()}`;
  const res = await declarer.request.post("/api/v1/incidents", { data: { title, severity: "SEV1" }, headers: { Origin: baseURL! } });
  const ref = ((await res.json()) as { ref: string }).ref;
  const card = watcher.getByTestId("active").locator(`li[data-ref='${ref}']`);
  await expect(card).toContainText(title);
  await expect(card).toContainText("@ic");
  // Most severe first: the new SEV1 sits above the demo's SEV2 (INC-6), whatever else other tests left open.
  const order = await watcher.getByTestId("active").locator("li[data-ref]").evaluateAll((items) => items.map((li) => li.getAttribute("data-ref")));
  expect(order.indexOf(ref)).toBeGreaterThanOrEqual(0);
  expect(order.indexOf(ref)).toBeLessThan(order.indexOf("INC-6"));

  const resolved = await declarer.request.patch(`/api/v1/incidents/${ref}`, { data: { version: 1, status: "resolved", reason: "false alarm", resolution: { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true } }, headers: { Origin: baseURL! } });
  expect(resolved.status()).toBe(200);
  await expect(card).toHaveCount(0);
  await expect(watcher.getByTestId("resolved").locator(`li[data-ref='${ref}']`)).toBeVisible();
});

test("comms drafts per audience come from the latest update, and one posts as an update", async ({ page, baseURL }) => {
  await signIn(page, "ic@example.com");
  await expect(page).not.toHaveURL(/\/signin/);
  const ref = await declare(page.request, baseURL!, `Comms e2e ${Date.now()}`);
  const update = await page.request.post(`/api/v1/incidents/${ref}/updates`, {
    data: { condition: "Checkout fails for 30% of EU payments", action: "Rolling back v2.3", need: "Approval to fail over" },
    headers: { Origin: baseURL! },
  });
  expect(update.status()).toBe(201);
  await page.goto(`/incidents/${ref}`);
  await expect(page.getByTestId("connection")).toHaveAttribute("data-state", "live");

  await page.getByRole("button", { name: "Comms drafts" }).click();
  const dialog = page.getByRole("dialog", { name: "Comms drafts" });
  await expect(dialog.getByTestId("comms-text")).toHaveValue(/Condition: Checkout fails for 30% of EU payments/);
  await dialog.getByRole("tab", { name: "Exec briefing" }).click();
  await expect(dialog.getByTestId("comms-text")).toHaveValue(/Decision needed from you: Approval to fail over\./);
  await dialog.getByRole("tab", { name: "Public status text" }).click();
  await expect(dialog.getByTestId("comms-text")).toHaveValue(/^We are investigating an issue/);
  await expect(dialog.getByTestId("comms-text")).not.toHaveValue(/v2\.3|INC-/);

  await dialog.getByRole("tab", { name: "Exec briefing" }).click();
  await dialog.getByRole("button", { name: /Post as an exec update/ }).click();
  await expect(dialog.getByLabel("Condition")).toHaveValue(/Major incident \(SEV2\)|Moderate incident \(SEV2\)/);
  await dialog.getByRole("button", { name: /Post update/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("latest-update")).toContainText("Exec");
  await expect(page.getByTestId("latest-update")).toContainText("Checkout fails for 30% of EU payments");
});
