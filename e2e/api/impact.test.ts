// Impact numbers (issue 16) against the real server: an alert labelled impact="orders_per_min" with a number records
// one sample per delivery on its incident — Alertmanager's annotation `value`, Grafana's per-alert `values` (its own
// webhook fixture, values added as Grafana sends them) — served by GET /incidents/{ref}/impact and on /status.
// An alert on no incident records nothing.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, baseUrl, createOrg, testDb, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let admin: TestUser;
let outsider: TestUser;

beforeAll(async () => {
  org = await createOrg();
  [admin, outsider] = await Promise.all([org.user("admin"), org.user("responder")]);
});

afterAll(async () => {
  await testDb().$disconnect();
});

async function send(path: string, secret: string, body: unknown) {
  const res = await fetch(`${baseUrl()}${path}`, { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(res.status).toBe(202);
  return (await res.json()) as { incidents: string[] };
}

const amBody = (value: string, extra: Record<string, string> = {}, severity = "critical") => ({
  version: "4",
  groupKey: '{}:{alertname="OrdersLow"}',
  status: "firing",
  receiver: "conn",
  alerts: [{ status: "firing", labels: { alertname: "OrdersLow", severity, impact: "orders_per_min", ...extra }, annotations: { summary: "Orders per minute low", value }, startsAt: "2026-12-03T03:00:00Z", endsAt: "0001-01-01T00:00:00Z", fingerprint: `orders-${severity}` }],
});

describe("impact numbers", () => {
  it("records a sample per delivery on the alert's incident, Alertmanager's and Grafana's; served with the latest first in words and on /status", async () => {
    const service = await org.service(`SVC-IMP${Date.now().toString(36).toUpperCase()}`);
    const secret = (await api("POST", `/api/v1/services/${service.key}/integration-keys`, { token: admin.token, body: { name: "Prometheus" } })).body.key as string;
    const ref = (await send("/api/v1/alerts/alertmanager", secret, amBody("1180"))).incidents[0]!;
    expect(ref).toMatch(/^INC-\d+$/);
    for (const value of ["640", "212.5"]) expect((await send("/api/v1/alerts/alertmanager", secret, amBody(value))).incidents).toEqual([ref]);

    // Grafana's own webhook, its alert made critical, with the values Grafana evaluates (B: the reduce step, C: the threshold).
    const grafana = JSON.parse(readFileSync("lib/domain/alerts/fixtures/grafana-webhook.json", "utf8"));
    grafana.alerts = [{ ...grafana.alerts[0], labels: { ...grafana.alerts[0].labels, severity: "critical", impact: "checkouts_per_min" }, values: { B: 41, C: 1 } }];
    expect((await send("/api/v1/alerts/grafana", secret, grafana)).incidents).toEqual([ref]);

    const impact = await api("GET", `/api/v1/incidents/${ref}/impact`, { token: admin.token });
    expect(impact.status).toBe(200);
    expect(impact.body.items.map((s: any) => [s.metric, s.latest.value, s.points.map((p: any) => p.value)])).toEqual([
      ["checkouts_per_min", 41, [41]],
      ["orders_per_min", 212.5, [1180, 640, 212.5]],
    ]);
    const board = (await api("GET", "/api/v1/status", { token: admin.token })).body;
    const shown = board.active.find((i: any) => i.ref === ref);
    expect(shown.impactNumbers.find((n: any) => n.metric === "orders_per_min")).toMatchObject({ latest: { value: 212.5 }, points: [{ value: 1180 }, { value: 640 }, { value: 212.5 }] });

    // A warning is recorded on no incident: no sample. A value that is no number: no sample.
    await send("/api/v1/alerts/alertmanager", secret, amBody("99", {}, "warning"));
    await send("/api/v1/alerts/alertmanager", secret, amBody("lots"));
    const incident = await testDb().incident.findFirstOrThrow({ where: { orgId: org.id, number: Number(ref.slice(4)) } });
    expect(await testDb().impactSample.count({ where: { incidentId: incident.id } })).toBe(4);
    expect(await testDb().impactSample.count({ where: { value: 99, incident: { orgId: org.id } } })).toBe(0);

    const cur = (await api("GET", `/api/v1/incidents/${ref}`, { token: admin.token })).body;
    await api("PATCH", `/api/v1/incidents/${ref}`, { token: admin.token, body: { version: cur.version, status: "resolved", reason: "test done", resolution: { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true } } });
  });

  it("a private incident's numbers do not exist for a non-member; an incident with no numbers has none", async () => {
    const hidden = (await api("POST", "/api/v1/incidents", { token: admin.token, body: { title: "Quiet leak", severity: "SEV2", private: true } })).body.ref as string;
    expect((await api("GET", `/api/v1/incidents/${hidden}/impact`, { token: outsider.token })).status).toBe(404);
    expect((await api("GET", `/api/v1/incidents/${hidden}/impact`, { token: admin.token })).body).toEqual({ items: [] });
  });
});
