// The exec side in a browser: an exec's /status shows a new SEV1 and then its exec
// update live, without reloading, and never a private incident, a note or a
// write control; the feed parses as XML in the browser; a stakeholder share link
// works without an account until it is revoked or expires, then says so.
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import pg from "pg";
import { expect, signIn, test } from "./fixtures";
import { testPorts } from "./test-server";

const EXPIRED = "This link has expired or was revoked";

async function declare(request: APIRequestContext, baseURL: string, body: Record<string, unknown>): Promise<string> {
  const res = await request.post("/api/v1/incidents", { data: body, headers: { Origin: baseURL } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { ref: string }).ref;
}

async function postJson(request: APIRequestContext, baseURL: string, url: string, data: Record<string, unknown>) {
  const res = await request.post(url, { data, headers: { Origin: baseURL } });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}

/** The e2e server's own database (fresh per run, see e2e/test-server.ts). */
async function withE2eDb<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const password = fs.readFileSync(path.resolve(__dirname, "../.conn-test-data/e2e/pg-password"), "utf8").trim();
  const client = new pg.Client({ host: "127.0.0.1", port: testPorts.e2e.pgPort, user: "conn", password, database: "conn" });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const card = (page: Page, ref: string) => page.locator(`[data-testid=active] li[data-ref='${ref}']`);

test("an exec's status page shows a new SEV1 and its exec update live, nothing private, no chatter, no write control", async ({ browser, baseURL }) => {
  const execContext = await browser.newContext();
  const icContext = await browser.newContext();
  const exec = await execContext.newPage();
  const ic = await icContext.newPage();
  await signIn(ic, "ic@example.com");
  await expect(ic).toHaveURL(/\/dashboard/);

  // The viewer lands on the status page.
  await signIn(exec, "exec@example.com");
  await expect(exec).toHaveURL(/\/status$/);
  await expect(exec.getByRole("heading", { level: 1, name: "Status" })).toBeVisible();
  await expect(exec.getByTestId("connection")).toHaveAttribute("data-state", "live");
  // The demo's live incident is there; its private one (INC-5, an exec update and all) is not.
  await expect(card(exec, "INC-6")).toContainText("Search index lagging 20 minutes");
  await expect(exec.getByText("Suspicious admin sign-ins", { exact: false })).toHaveCount(0);
  await exec.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  const stamp = Date.now();
  const title = `Payments API down ${stamp}`;
  const secretTitle = `PRIVATE breach ${stamp}`;
  const secret = await declare(ic.request, baseURL!, { title: secretTitle, severity: "SEV1", private: true });
  await postJson(ic.request, baseURL!, `/api/v1/incidents/${secret}/updates`, { condition: `private exec ${stamp}`, action: "x", need: "", audience: "exec" });
  const ref = await declare(ic.request, baseURL!, { title, severity: "SEV1", services: ["SVC-PAYMENTS-API"] });

  // The SEV1 appears without reload, most severe first, with its impact and no update yet.
  const sev1 = card(exec, ref);
  await expect(sev1).toContainText(title);
  await expect(sev1).toContainText("SEV1");
  await expect(sev1.getByTestId("impact")).toHaveText("Major outage or degradation of core features");
  await expect(sev1.getByTestId("exec-update")).toHaveText("No update for execs yet.");
  await expect(exec.locator("[data-testid=active] li").first()).toHaveAttribute("data-ref", /INC-\d+/);
  const order = await exec.locator("[data-testid=active] > ul > li").evaluateAll((items) => items.map((li) => li.getAttribute("data-ref")));
  expect(order.indexOf(ref)).toBeLessThan(order.indexOf("INC-6"));

  // Chatter first (a note, a responders-only update), then the exec update: only the last shows.
  await postJson(ic.request, baseURL!, `/api/v1/incidents/${ref}/timeline`, { body: `NOTE chatter ${stamp}` });
  await postJson(ic.request, baseURL!, `/api/v1/incidents/${ref}/updates`, { condition: `responders only ${stamp}`, action: "grep", need: "", audience: "responders" });
  const eta = new Date(Date.now() + 90 * 60_000).toISOString();
  await postJson(ic.request, baseURL!, `/api/v1/incidents/${ref}/updates`, {
    condition: `Card payments failing for 40% of customers ${stamp}`,
    action: "Failing over to the secondary processor",
    need: "Approval to waive fees",
    audience: "exec",
    eta,
  });
  await expect(sev1.getByTestId("exec-update")).toContainText(`Card payments failing for 40% of customers ${stamp}`);
  await expect(sev1.getByTestId("exec-update")).toContainText("Exec update");
  await expect(sev1.getByTestId("exec-update")).toContainText("Approval to waive fees");
  await expect(sev1.getByTestId("eta")).toBeVisible();
  await expect(sev1.getByTestId("next-update")).toHaveText(/^in \d+m$/);
  await expect(exec.getByText(`NOTE chatter ${stamp}`)).toHaveCount(0);
  await expect(exec.getByText(`responders only ${stamp}`)).toHaveCount(0);
  await expect(exec.getByText(secretTitle)).toHaveCount(0);
  await expect(exec.getByText(`private exec ${stamp}`)).toHaveCount(0);
  await expect(exec.locator(`[data-ref='${secret}']`)).toHaveCount(0);
  expect(await exec.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  // Nothing on the page writes: no form control, no button, no way to declare.
  await expect(exec.locator("main input, main textarea, main select, main button, main form")).toHaveCount(0);
  await expect(exec.getByRole("button", { name: /Declare/ })).toHaveCount(0);

  // Print: no navigation, connection state or feed help on paper.
  await exec.emulateMedia({ media: "print" });
  await expect(exec.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(exec.getByTestId("connection")).toBeHidden();
  await expect(exec.getByRole("heading", { name: "Atom feed" })).toBeHidden();
  await expect(sev1).toBeVisible();
  await exec.emulateMedia({ media: "screen" });

  // The exec summary: the same update, the decisions, no chatter and no controls; live as well.
  await sev1.getByRole("link", { name: title }).click();
  await expect(exec).toHaveURL(new RegExp(`/status/${ref}$`));
  const summary = exec.getByTestId("exec-summary");
  await expect(summary.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(summary.getByTestId("latest-update")).toContainText(`Card payments failing for 40% of customers ${stamp}`);
  await expect(summary.getByTestId("commander")).toHaveText("Ian Commander");
  await expect(exec.getByTestId("connection")).toHaveAttribute("data-state", "live");
  await postJson(ic.request, baseURL!, `/api/v1/incidents/${ref}/decisions`, { decision: `Fail over to the secondary processor ${stamp}`, rationale: "Primary is down" });
  await expect(summary.getByTestId("decisions")).toContainText(`Fail over to the secondary processor ${stamp}`);
  await expect(exec.getByText(`NOTE chatter ${stamp}`)).toHaveCount(0);
  await expect(exec.locator("main input, main textarea, main select, main button, main form")).toHaveCount(0);

  // A private incident has no exec summary, even by URL.
  const hidden = await exec.goto(`/status/${secret}`);
  expect(hidden?.status()).toBe(404);
  await expect(exec.getByText(secretTitle)).toHaveCount(0);

  await execContext.close();
  await icContext.close();
});

test("the feed is well-formed Atom for the browser's XML parser, with the token in the URL", async ({ page, baseURL }) => {
  await signIn(page, "exec@example.com");
  await expect(page).toHaveURL(/\/status$/);
  await expect(page.getByRole("link", { name: "Feed" })).toHaveAttribute("href", "#feed");
  await expect(page.locator("#feed")).toContainText("/api/v1/status/feed.atom?token=YOUR_API_TOKEN");
  const created = await page.request.post("/api/v1/tokens", { data: { name: "feed reader" }, headers: { Origin: baseURL! } });
  expect(created.status()).toBe(201);
  const { token } = (await created.json()) as { token: string };

  const anonymous = await page.context().browser()!.newContext();
  const res = await anonymous.request.get(`/api/v1/status/feed.atom?token=${token}`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^application\/atom\+xml/);
  const xml = await res.text();
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "application/xml");
    const ns = "http://www.w3.org/2005/Atom";
    return {
      error: doc.getElementsByTagName("parsererror").length,
      root: doc.documentElement.namespaceURI + " " + doc.documentElement.localName,
      entries: [...doc.getElementsByTagNameNS(ns, "entry")].map((e) => ({
        title: e.getElementsByTagNameNS(ns, "title")[0]?.textContent ?? "",
        content: e.getElementsByTagNameNS(ns, "content")[0]?.textContent ?? "",
        hasId: e.getElementsByTagNameNS(ns, "id").length === 1,
        hasUpdated: e.getElementsByTagNameNS(ns, "updated").length === 1,
      })),
    };
  }, xml);
  expect(parsed.error).toBe(0);
  expect(parsed.root).toBe("http://www.w3.org/2005/Atom feed");
  expect(parsed.entries.length).toBeGreaterThan(0);
  expect(parsed.entries.every((e) => e.hasId && e.hasUpdated)).toBe(true);
  // INC-6's internal update is there; INC-5 (private) is not.
  expect(parsed.entries.some((e) => e.title.startsWith("INC-6 [SEV2] Search index lagging"))).toBe(true);
  expect(parsed.entries.some((e) => e.title.includes("INC-5") || e.content.includes("Suspicious admin"))).toBe(false);
  expect((await anonymous.request.get("/api/v1/status/feed.atom")).status()).toBe(401);
  await anonymous.close();
});

test("a share link works without an account until it is revoked or expires, then shows the expired page", async ({ browser, baseURL }) => {
  const icContext = await browser.newContext();
  const ic = await icContext.newPage();
  await signIn(ic, "ic@example.com");
  await expect(ic).toHaveURL(/\/dashboard/);
  const title = `Checkout errors for stakeholders ${Date.now()}`;
  const ref = await declare(ic.request, baseURL!, { title, severity: "SEV2" });
  await postJson(ic.request, baseURL!, `/api/v1/incidents/${ref}/updates`, { condition: "Some checkouts fail", action: "Rolling back", need: "", audience: "exec" });
  const toRevoke = (await postJson(ic.request, baseURL!, `/api/v1/incidents/${ref}/share-links`, {})) as { id: string; url: string };
  const toExpire = (await postJson(ic.request, baseURL!, `/api/v1/incidents/${ref}/share-links`, { expiresInHours: 1 })) as { id: string; url: string };

  // A stakeholder without an account.
  const stakeholderContext = await browser.newContext();
  const stakeholder = await stakeholderContext.newPage();
  for (const link of [toRevoke, toExpire]) {
    const res = await stakeholder.goto(link.url);
    expect(res?.status()).toBe(200);
    await expect(stakeholder.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(stakeholder.getByTestId("latest-update")).toContainText("Some checkouts fail");
    await expect(stakeholder.getByText(EXPIRED)).toHaveCount(0);
    await expect(stakeholder.locator("input, textarea, select, button, form")).toHaveCount(0);
  }
  await expect(stakeholder.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);

  // Revoked: the same URL now says so.
  const revoked = await ic.request.delete(`/api/v1/incidents/${ref}/share-links/${toRevoke.id}`, { headers: { Origin: baseURL! } });
  expect(revoked.status()).toBe(200);
  const afterRevoke = await stakeholder.goto(toRevoke.url);
  expect(afterRevoke?.status()).toBe(404);
  await expect(stakeholder.getByRole("heading", { level: 1, name: EXPIRED })).toBeVisible();
  await expect(stakeholder.getByText(title)).toHaveCount(0);

  // Expired: the link reaches its expiry.
  await withE2eDb((db) => db.query(`UPDATE "ShareLink" SET "expiresAt" = now() - interval '1 minute' WHERE id = $1`, [toExpire.id]));
  const afterExpiry = await stakeholder.goto(toExpire.url);
  expect(afterExpiry?.status()).toBe(404);
  await expect(stakeholder.getByRole("heading", { level: 1, name: EXPIRED })).toBeVisible();
  await expect(stakeholder.getByText(title)).toHaveCount(0);

  await stakeholderContext.close();
  await icContext.close();
});
