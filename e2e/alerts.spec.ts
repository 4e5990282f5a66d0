// Alerts in on the service page (issue 16), as an admin sets up a sender: make an integration key for Alertmanager,
// copy the snippet shown once, send a test alert, and watch the delivery arrive and open to its body; a critical
// alert from curl opens an incident whose timeline shows the alert entry. On a phone in the dark and at 1440 px in
// the light: nothing wider than the screen, axe finds nothing. Then a heartbeat: added with its ping command shown
// once, pinged with that command's URL and key, deleted after a second word. `CONN_SCREENS=1` saves screenshots to
// screens/.
import { expect, signIn, test } from "./fixtures";
import { expectAccessible, expectFitsTheScreen, screenshot } from "./page-checks";
import { testPorts } from "./test-server";

const baseURL = `http://localhost:${testPorts.e2e.port}`;



for (const look of [
  { name: "phone-dark", viewport: { width: 375, height: 740 }, colorScheme: "dark" as const },
  { name: "desktop-light", viewport: { width: 1440, height: 900 }, colorScheme: "light" as const },
]) {
  test(`an admin connects a sender from the service page (${look.name})`, async ({ browser }) => {
    const context = await browser.newContext({ baseURL, viewport: look.viewport, colorScheme: look.colorScheme });
    const page = await context.newPage();
    await signIn(page, "admin@example.com");
    await expect(page).not.toHaveURL(/\/signin/);
    const serviceKey = `SVC-AL${look.name[0]!.toUpperCase()}${Date.now().toString(36).toUpperCase()}`;
    // Out of the other specs' way: a team and a name nothing else searches for, no escalation policy (pages nobody),
    // and the incident the alert opens is resolved at the end.
    const made = await page.request.post("/api/v1/services", { data: { key: serviceKey, name: "Alert intake", team: "identity", tier: 1 }, headers: { Origin: baseURL } });
    expect(made.status(), await made.text()).toBe(201);

    await page.goto(`/services/${serviceKey}`);
    const intake = page.getByRole("region", { name: "Alerts in" });
    await expect(intake).toContainText("No keys yet");
    await expect(page.getByRole("region", { name: "Alert routing" })).toContainText("No rules: critical opens an incident (SEV2)");
    // The tester: the example payload (a critical Alertmanager alert) would open an incident by the defaults; bad JSON is said so.
    const tester = page.getByRole("region", { name: "Try the routing" });
    await tester.getByRole("button", { name: "Show what would happen" }).click();
    await expect(tester.getByTestId("rule-test-results")).toContainText("Checkout 5xx above 5% (critical)→ The default for critical: opens an incident (SEV2)");
    await tester.getByLabel("Payload, as the sender posts it").fill("{oops");
    await tester.getByRole("button", { name: "Show what would happen" }).click();
    await expect(tester.getByRole("alert")).toContainText("Not valid JSON");
    await tester.getByLabel("Payload, as the sender posts it").fill('{"version":"4","alerts":[{"labels":"nope"}]}');
    await tester.getByRole("button", { name: "Show what would happen" }).click();
    await expect(tester.getByRole("alert")).toContainText("alerts.0.status: Required");

    // An admin adds a rule: a matcher that is no matcher is refused on its rule; then prod's critical alerts open SEV1.
    await page.getByRole("region", { name: "Alert routing" }).getByRole("button", { name: "Edit routing" }).click();
    const editor = page.getByRole("dialog", { name: `Alert routing of ${serviceKey}` });
    await editor.getByRole("button", { name: "Add a rule" }).click();
    await editor.getByLabel("Name").fill("Prod checkout");
    await editor.getByLabel("Labels to match, one per line").fill("env");
    await editor.getByLabel("Incident severity").selectOption("SEV1");
    await editor.getByRole("button", { name: "Save routing" }).click();
    await expect(editor.getByRole("alert").filter({ hasText: "matchers: a label matcher such as env=prod" })).toBeVisible();
    await screenshot(page, `alerts-${look.name}-0-routing-editor`);
    await editor.getByLabel("Labels to match, one per line").fill("env=prod");
    await editor.getByRole("button", { name: "Save routing" }).click();
    await expect(editor).toBeHidden();
    await expect(page.getByRole("region", { name: "Alert routing" })).toContainText("Prod checkout: critical · env=prod → opens an incident (SEV1)");
    await tester.getByLabel("Payload, as the sender posts it").fill(JSON.stringify({ version: "4", status: "firing", alerts: [{ status: "firing", labels: { alertname: "X", severity: "critical", env: "prod" }, annotations: { summary: "Prod down" } }] }));
    await tester.getByRole("button", { name: "Show what would happen" }).click();
    await expect(tester.getByTestId("rule-test-results")).toContainText("Rule 1 (Prod checkout): opens an incident (SEV1)");

    await intake.getByLabel("Sender").selectOption("alertmanager");
    await intake.getByLabel("Key name").fill("Prometheus eu-west-1");
    await intake.getByRole("button", { name: "New integration key" }).click();
    const secret = (await intake.getByTestId("new-integration-key").textContent())!.trim();
    expect(secret).toMatch(/^conn_ik_/);
    const yaml = intake.locator('pre[data-snippet="yaml"]');
    await expect(yaml).toContainText(`${baseURL}/api/v1/alerts/alertmanager`);
    await expect(yaml).toContainText(secret);
    await expectFitsTheScreen(page);
    await screenshot(page, `alerts-${look.name}-1-new-key`);

    await intake.getByRole("button", { name: "Done: hide the key" }).click();
    await expect(intake.getByTestId("new-integration-key")).toHaveCount(0);
    await intake.getByRole("button", { name: "Send a test alert with Prometheus eu-west-1" }).click();
    await expect(intake.getByRole("status").filter({ hasText: "recorded (nobody paged)" })).toBeVisible();
    const deliveries = intake.getByTestId("alert-deliveries");
    await expect(deliveries.locator("li")).toHaveCount(1);
    await expect(deliveries).toContainText("1 alert: 1 new");

    // A critical alert, as Alertmanager's curl "Try it" would send it: an incident, linked from the delivery.
    const critical = await page.request.post("/api/v1/alerts/alertmanager", {
      headers: { authorization: `Bearer ${secret}` },
      data: {
        version: "4",
        status: "firing",
        alerts: [{ status: "firing", labels: { alertname: "CheckoutDown", severity: "critical", impact: "orders_per_min" }, annotations: { summary: "Checkout is failing for 40% of requests", value: "412" } }],
      },
    });
    expect(critical.status()).toBe(202);
    const ref = ((await critical.json()) as { incidents: string[] }).incidents[0]!;
    // A refused one says why.
    expect((await page.request.post("/api/v1/alerts/alertmanager", { headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, data: Buffer.from("{oops") })).status()).toBe(400);
    await page.reload();
    await expect(deliveries.locator("li")).toHaveCount(3);
    await expect(deliveries.locator('li[data-status="400"]')).toContainText("400: body: not valid JSON");
    await expect(deliveries.getByRole("link", { name: ref })).toBeVisible();
    const latest = deliveries.locator('li[data-status="202"]').first();
    await latest.getByRole("button").click();
    await expect(latest.getByTestId("delivery-body")).toContainText('"alertname": "CheckoutDown"');
    await expectFitsTheScreen(page);
    await expectAccessible(page);
    await screenshot(page, `alerts-${look.name}-2-deliveries`);

    // The incident the alert opened: declared by the key, its timeline shows the alert.
    await deliveries.getByRole("link", { name: ref }).click();
    await expect(page).toHaveURL(new RegExp(`/incidents/${ref}$`));
    await expect(page.getByText("Checkout is failing for 40% of requests").first()).toBeVisible();
    // The alert entry names its sender (the key), not "system".
    await expect(page.locator('li[data-kind="alert"]')).toContainText("Prometheus eu-west-1");
    // Its impact number, from the alert's annotation `value`.
    await expect(page.getByRole("region", { name: "Impact" })).toContainText("orders_per_min412");
    await expectFitsTheScreen(page);
    await screenshot(page, `alerts-${look.name}-3-incident`);

    const current = (await (await page.request.get(`/api/v1/incidents/${ref}`)).json()) as { version: number };
    const resolved = await page.request.patch(`/api/v1/incidents/${ref}`, {
      headers: { Origin: baseURL },
      data: { version: current.version, status: "resolved", reason: "alerts e2e done", resolution: { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true } },
    });
    expect(resolved.status(), await resolved.text()).toBe(200);
    await context.close();
  });
}

for (const look of [
  { name: "phone-dark", viewport: { width: 375, height: 740 }, colorScheme: "dark" as const },
  { name: "desktop-light", viewport: { width: 1440, height: 900 }, colorScheme: "light" as const },
]) {
  test(`an admin adds a heartbeat to a service, pings it with the command shown, and deletes it (${look.name})`, async ({ browser }) => {
    const context = await browser.newContext({ baseURL, viewport: look.viewport, colorScheme: look.colorScheme });
    const page = await context.newPage();
    await signIn(page, "admin@example.com");
    await expect(page).not.toHaveURL(/\/signin/);
    const serviceKey = `SVC-HB${look.name[0]!.toUpperCase()}${Date.now().toString(36).toUpperCase()}`;
    const made = await page.request.post("/api/v1/services", { data: { key: serviceKey, name: "Heartbeats", team: "identity", tier: 2 }, headers: { Origin: baseURL } });
    expect(made.status(), await made.text()).toBe(201);

    await page.goto(`/services/${serviceKey}`);
    const section = page.getByRole("region", { name: "Heartbeats" });
    await expect(section).toContainText(`None: nothing on ${serviceKey} is watched for silence.`);
    await section.getByLabel("Name (in its ping URL)").fill("nightly-backup");
    await section.getByLabel("Pinged at least every").fill("1");
    await section.getByLabel("Unit").selectOption("days");
    await section.getByRole("button", { name: "Add heartbeat" }).click();
    const command = section.getByLabel("Ping after each successful run (the last step of the job)", { exact: true });
    await expect(command).toContainText("/api/v1/heartbeats/");
    const text = (await command.textContent())!;
    const url = /'(http[^']+\/ping)'/.exec(text)![1]!;
    const key = /Authorization: Bearer (conn_ik_[^']+)'/.exec(text)![1]!;
    const row = section.locator('li[data-heartbeat="nightly-backup"]');
    await expect(row).toContainText("every 1d · critical");
    await expect(row).toContainText("Never pinged yet");
    // Its own key is listed with the service's keys, as the heartbeat's: not revoked or tested from there.
    await expect(page.getByTestId("integration-keys")).toContainText("pings heartbeat nightly-backup: delete the heartbeat to revoke it");
    await expectFitsTheScreen(page);
    await expectAccessible(page);
    await screenshot(page, `alerts-${look.name}-4-heartbeat`);

    // The job's first ping, with what the command holds.
    expect((await page.request.post(url, { headers: { authorization: `Bearer ${key}` } })).status()).toBe(202);
    await page.reload();
    await expect(row).toContainText("Last ping");
    await expect(section.locator('pre[data-snippet="shell"]')).toHaveCount(0);

    // A second of one name is refused by name.
    await section.getByLabel("Name (in its ping URL)").fill("nightly-backup");
    await section.getByRole("button", { name: "Add heartbeat" }).click();
    await expect(section.getByRole("alert")).toContainText("already used on this service");

    await row.getByRole("button", { name: "Delete heartbeat nightly-backup" }).click();
    await row.getByRole("button", { name: "Delete nightly-backup" }).click();
    await expect(section).toContainText("None: nothing on");
    expect((await page.request.post(url, { headers: { authorization: `Bearer ${key}` } })).status()).toBe(401);
    await context.close();
  });
}
