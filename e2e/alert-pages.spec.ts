// "Page only" as the on-call person lives it (issue 16): an error alert pages @hmueller with no incident. The red bar
// says what fired on which service and that no incident was opened; /pages shows the alert, its link and count, and
// "Declare an incident" turns it into one: she lands on it, in command, and its timeline gets the alert entry. On a
// phone in the dark and at 1440 px in the light: nothing wider than the screen, axe finds nothing. `CONN_SCREENS=1`
// saves screenshots to screens/.
import { expect, signIn, test } from "./fixtures";
import { expectAccessible, expectFitsTheScreen, screenshot } from "./page-checks";
import { testPorts } from "./test-server";

const baseURL = `http://localhost:${testPorts.e2e.port}`;



for (const look of [
  { name: "phone-dark", viewport: { width: 375, height: 740 }, colorScheme: "dark" as const },
  { name: "desktop-light", viewport: { width: 1440, height: 900 }, colorScheme: "light" as const },
]) {
  test(`a page-only alert pages the on-call, who declares an incident from it (${look.name})`, async ({ browser }) => {
    // The admin sets up a service of team Identity whose policy pages @hmueller (nothing else pages her).
    const adminContext = await browser.newContext({ baseURL });
    const admin = await adminContext.newPage();
    await signIn(admin, "admin@example.com");
    await expect(admin).not.toHaveURL(/\/signin/);
    const suffix = `${look.name[0]!.toUpperCase()}${Date.now().toString(36).toUpperCase()}`;
    const serviceKey = `SVC-PO${suffix}`;
    const headers = { Origin: baseURL };
    const policy = await admin.request.post("/api/v1/escalation-policies", {
      data: { name: `Queue pages ${suffix}`, steps: [{ targets: [{ kind: "user", user: "hmueller" }], delayMinutes: 10 }], repeat: 0 },
      headers,
    });
    expect(policy.status(), await policy.text()).toBe(201);
    const made = await admin.request.post("/api/v1/services", { data: { key: serviceKey, name: "Queue workers", team: "identity", tier: 2, escalationPolicy: (await policy.json()).id }, headers });
    expect(made.status(), await made.text()).toBe(201);
    const key = await admin.request.post(`/api/v1/services/${serviceKey}/integration-keys`, { data: { name: "Events sender" }, headers });
    const secret = (await key.json()).key as string;

    const context = await browser.newContext({ baseURL, viewport: look.viewport, colorScheme: look.colorScheme });
    const page = await context.newPage();
    await signIn(page, "hmueller@example.com");
    await expect(page).not.toHaveURL(/\/signin/);

    const dedup = `queue-${suffix}`;
    const sent = await admin.request.post("/api/v1/alerts/events", {
      data: {
        routing_key: secret,
        event_action: "trigger",
        dedup_key: dedup,
        payload: { summary: `Queue backlog above 10k jobs (${suffix})`, source: "worker-3", severity: "error" },
        links: [{ href: "https://grafana.example/d/queues", text: "Queue dashboard" }],
      },
    });
    expect(sent.status()).toBe(202);

    // The red bar, live: what fired where, and that no incident was opened.
    const bar = page.getByRole("alert").filter({ hasText: "You are paged" });
    const entry = bar.locator("li").filter({ hasText: suffix });
    await expect(entry).toBeVisible({ timeout: 15_000 });
    await expect(entry).toContainText(`Queue workers error alert: Queue backlog above 10k jobs (${suffix})`);
    await expect(entry).toContainText("No incident: firing");
    await expect(entry).toContainText(`Queue pages ${suffix}, step 1`);
    await expect(entry.getByRole("button", { name: "Acknowledge" })).toBeVisible();
    await expectFitsTheScreen(page);
    await screenshot(page, `alert-pages-${look.name}-1-bar`);

    // The details: /pages shows the alert with its link, and declaring is one choice away.
    await entry.getByRole("link", { name: "details, or declare an incident" }).click();
    await expect(page).toHaveURL(/\/pages\?page=/);
    const card = page.getByRole("article", { name: "Page to @hmueller" }).filter({ hasText: suffix });
    await expect(card).toContainText("error alert");
    await expect(card).toContainText("Queue workers");
    await expect(card).toContainText("No incident was opened: its rule pages only.");
    await expect(card.getByRole("link", { name: "Queue dashboard" })).toHaveAttribute("href", "https://grafana.example/d/queues");
    await expect(card.getByLabel("It is an outage:")).toHaveValue("SEV3");
    await expectFitsTheScreen(page);
    await expectAccessible(page);
    await screenshot(page, `alert-pages-${look.name}-2-page`);

    await card.getByLabel("It is an outage:").selectOption("SEV2");
    await card.getByRole("button", { name: "Declare an incident" }).click();
    await expect(page).toHaveURL(/\/incidents\/INC-\d+$/);
    const ref = page.url().split("/").pop()!;
    await expect(page.getByRole("heading", { level: 1, name: `Queue backlog above 10k jobs (${suffix})` })).toBeVisible();
    // Her page was answered by declaring: the bar has nothing for it any more, and the alert entry arrives.
    await expect(bar.locator("li").filter({ hasText: suffix })).toHaveCount(0);
    await expect(page.getByRole("main")).toContainText("1 of 1 alert firing", { timeout: 15_000 });
    await expectFitsTheScreen(page);
    await screenshot(page, `alert-pages-${look.name}-3-incident`);

    // The service page's alert health: the one alert led to action (an incident), its page was answered; she marks it
    // noisy all the same, and the figures say so.
    await page.goto(`/services/${serviceKey}`);
    const health = page.getByRole("region", { name: "Alert health" });
    await expect(health.getByTestId("action-ratio")).toHaveText("100 % (1 of 1)");
    await expect(health.getByTestId("alert-mtta")).toContainText("median");
    await expect(health.getByRole("img", { name: /: 1 alert \(1 error\)$/ })).toHaveCount(1);
    const noisiest = health.locator(`li[data-identity="${dedup}"]`);
    await expect(noisiest).toContainText(`Queue backlog above 10k jobs (${suffix})`);
    await noisiest.getByLabel(`Why, for ${dedup}`).fill("Backlog clears itself after the nightly batch");
    await noisiest.getByRole("button", { name: `Mark ${dedup} noisy` }).click();
    await expect(noisiest.getByRole("status")).toHaveText("1 alert marked noisy");
    await expect(noisiest).toContainText("marked 0 useful, 1 noisy");
    await expect(noisiest).toContainText("noisy: tune or drop it");
    await expectFitsTheScreen(page);
    await expectAccessible(page);
    await screenshot(page, `alert-pages-${look.name}-4-health`);

    // Out of the other specs' way: the incident resolved, the alert too.
    const current = await (await admin.request.get(`/api/v1/incidents/${ref}`)).json();
    expect(current.roles.find((r: { role: string }) => r.role === "commander")?.user.handle).toBe("hmueller");
    const resolved = await admin.request.patch(`/api/v1/incidents/${ref}`, {
      headers,
      data: { version: current.version, status: "resolved", reason: "alert pages e2e done", resolution: { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true } },
    });
    expect(resolved.status(), await resolved.text()).toBe(200);
    await admin.request.post("/api/v1/alerts/events", { data: { routing_key: secret, event_action: "resolve", dedup_key: dedup } });
    await context.close();
    await adminContext.close();
  });
}
