// The alert inbox (issue 16) as a responder uses it: alerts from Alertmanager and Events v2 arrive live, grouped
// "on no incident"; one opens to its labels, runbook link and the body as sent; its identity is muted for two hours;
// two are picked and declared as an incident, and the inbox then groups them under it. On a phone in the dark and at
// 1440 px in the light: nothing wider than the screen, axe finds nothing. `CONN_SCREENS=1` saves screenshots.
import { expect, signIn, test } from "./fixtures";
import { expectAccessible, expectFitsTheScreen, screenshot } from "./page-checks";
import { testPorts } from "./test-server";

const baseURL = `http://localhost:${testPorts.e2e.port}`;



for (const look of [
  { name: "phone-dark", viewport: { width: 375, height: 740 }, colorScheme: "dark" as const },
  { name: "desktop-light", viewport: { width: 1440, height: 900 }, colorScheme: "light" as const },
]) {
  test(`a responder works the alert inbox (${look.name})`, async ({ browser }) => {
    const context = await browser.newContext({ baseURL, viewport: look.viewport, colorScheme: look.colorScheme });
    const page = await context.newPage();
    await signIn(page, "okafor@example.com");
    await expect(page).not.toHaveURL(/\/signin/);
    const suffix = `${look.name[0]!.toUpperCase()}${Date.now().toString(36).toUpperCase()}`;
    const serviceKey = `SVC-IB${suffix}`;
    const headers = { Origin: baseURL };
    // Out of the other specs' way: team Identity, no escalation policy (pages nobody), its incident resolved at the end.
    const adminContext = await browser.newContext({ baseURL });
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, "admin@example.com");
    await expect(adminPage).not.toHaveURL(/\/signin/);
    expect((await adminPage.request.post("/api/v1/services", { data: { key: serviceKey, name: `Inbox ${suffix}`, team: "identity", tier: 2 }, headers })).status()).toBe(201);
    const secret = (await (await adminPage.request.post(`/api/v1/services/${serviceKey}/integration-keys`, { data: { name: "Prometheus" }, headers })).json()).key as string;

    await page.goto(`/alerts?service=${serviceKey}`);
    await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
    await expect(page.getByText("No alerts match")).toBeVisible();
    await expect(page.getByText("Live")).toBeVisible();

    // Alerts arrive while the inbox is open: no reload.
    const am = await page.request.post("/api/v1/alerts/alertmanager", {
      headers: { authorization: `Bearer ${secret}` },
      data: {
        version: "4",
        status: "firing",
        groupKey: `{}:{alertname="DiskFull"}`,
        alerts: [
          {
            status: "firing",
            labels: { alertname: "DiskFull", severity: "warning", instance: `db-${suffix}` },
            annotations: { summary: `Disk 91% full on db-${suffix}`, runbook_url: "https://runbooks.example/disk" },
            startsAt: new Date().toISOString(),
            generatorURL: "https://prometheus.example/graph?g0.expr=disk",
            fingerprint: `disk-${suffix}`,
          },
        ],
      },
    });
    expect(am.status()).toBe(202);
    const ev = await page.request.post("/api/v1/alerts/events", { data: { routing_key: secret, event_action: "trigger", dedup_key: `queue-${suffix}`, payload: { summary: `Queue backlog ${suffix}`, source: "worker", severity: "error" } } });
    expect(ev.status()).toBe(202);
    const none = page.getByRole("region", { name: "Alerts on no incident" });
    await expect(none.locator("li[data-alert]")).toHaveCount(2, { timeout: 15_000 });
    await expect(none.locator("li[data-alert]").first()).toContainText(`Queue backlog ${suffix}`);

    // The filters narrow it, in the URL.
    await page.getByLabel("Severity").selectOption("warning");
    await expect(page).toHaveURL(/severity=warning/);
    await expect(none.locator("li[data-alert]")).toHaveCount(1);
    await page.getByLabel("Severity").selectOption("");
    await expect(none.locator("li[data-alert]")).toHaveCount(2);

    // One opens to its detail: labels, the runbook and Prometheus links, the body as sent.
    const disk = none.locator("li[data-alert]").filter({ hasText: `Disk 91% full on db-${suffix}` });
    await disk.getByRole("button", { name: new RegExp(`Disk 91% full on db-${suffix}`) }).click();
    const detail = disk.getByTestId("alert-detail");
    await expect(detail).toContainText("alertname=DiskFull");
    await expect(detail.getByRole("link", { name: "Runbook" })).toHaveAttribute("href", "https://runbooks.example/disk");
    await expect(detail.getByRole("link", { name: "Source" })).toHaveAttribute("href", /prometheus\.example/);
    await detail.getByText("Raw body, as sent").click();
    await expect(detail.getByTestId("alert-raw")).toContainText(`"fingerprint": "disk-${suffix}"`);
    await expectFitsTheScreen(page);
    await expectAccessible(page);
    await screenshot(page, `alert-inbox-${look.name}-1-detail`);

    // Muted for two hours, for a reason: the row says until when.
    await detail.getByLabel("Mute this identity for").selectOption("2");
    await detail.getByLabel("Why").fill("Known: the nightly backup");
    await detail.getByRole("button", { name: "Mute" }).click();
    await expect(disk).toContainText("muted until");
    await expect(detail).toContainText("Muted until");

    // Both picked and declared: she lands on the incident, and the inbox groups them under it.
    await none.getByRole("checkbox", { name: `Pick Queue backlog ${suffix}` }).check();
    await none.getByRole("checkbox", { name: `Pick Disk 91% full on db-${suffix}` }).check();
    const bar = page.getByRole("region", { name: "Picked alerts" });
    await expect(bar).toContainText("2 alerts picked");
    await expectFitsTheScreen(page);
    await screenshot(page, `alert-inbox-${look.name}-2-picked`);
    await bar.getByLabel("Severity").selectOption("SEV3");
    await bar.getByRole("button", { name: "Declare an incident" }).click();
    await expect(page).toHaveURL(/\/incidents\/INC-\d+$/);
    const ref = page.url().split("/").pop()!;
    await expect(page.getByRole("main")).toContainText("2 of 2 alerts firing", { timeout: 15_000 });

    await page.goto(`/alerts?service=${serviceKey}`);
    const onIt = page.getByRole("region", { name: `Alerts on ${ref}` });
    await expect(onIt.locator("li[data-alert]")).toHaveCount(2);
    await expect(page.getByRole("region", { name: "Alerts on no incident" })).toHaveCount(0);
    await expectFitsTheScreen(page);
    await expectAccessible(page);
    await screenshot(page, `alert-inbox-${look.name}-3-grouped`);

    const current = await (await page.request.get(`/api/v1/incidents/${ref}`)).json();
    const resolved = await page.request.patch(`/api/v1/incidents/${ref}`, {
      headers,
      data: { version: current.version, status: "resolved", reason: "alert inbox e2e done", resolution: { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true } },
    });
    expect(resolved.status(), await resolved.text()).toBe(200);
    await context.close();
    await adminContext.close();
  });
}
