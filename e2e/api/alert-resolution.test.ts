// Alerts never resolve an incident (issue 16): when every alert of an incident monitoring opened has resolved, the
// page says so ("all alerts resolved since 03:12") and a person decides; if that happens before anyone acknowledged,
// the paging is called off (a per-service setting, on by default). Against the real server, its job queue and Postgres.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, baseUrl, createOrg, testDb, until, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let admin: TestUser;
let oncall: TestUser;
let n = 0;

beforeAll(async () => {
  org = await createOrg();
  [admin, oncall] = await Promise.all([org.user("admin"), org.user("responder")]);
});

afterAll(async () => {
  await testDb().$disconnect();
});

/** A service whose alerts page @oncall (then wait 10 minutes before anything else). */
async function pagedService() {
  const key = `SVC-RS${++n}${Date.now().toString(36).toUpperCase()}`;
  const policy = await api("POST", "/api/v1/escalation-policies", {
    token: admin.token,
    body: { name: `Alerts ${key}`, steps: [{ targets: [{ kind: "user", user: oncall.handle }], delayMinutes: 10 }], repeat: 0 },
  });
  expect(policy.status).toBe(201);
  const service = await org.service(key);
  await testDb().service.update({ where: { id: service.id }, data: { escalationPolicyId: policy.body.id } });
  const made = await api("POST", `/api/v1/services/${key}/integration-keys`, { token: admin.token, body: { name: "Prometheus" } });
  return { key, serviceId: service.id, secret: made.body.key as string };
}

async function send(secret: string, status: "firing" | "resolved", fingerprints: string[]) {
  const res = await fetch(`${baseUrl()}/api/v1/alerts/alertmanager`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
    body: JSON.stringify({
      version: "4",
      groupKey: '{}:{alertname="Down"}',
      status,
      alerts: fingerprints.map((f) => ({ status, labels: { alertname: "Down", severity: "critical", instance: f }, annotations: { summary: `Down on ${f}` }, startsAt: "2026-12-02T03:00:00Z", fingerprint: f })),
    }),
  });
  expect(res.status).toBe(202);
  return (await res.json()) as { incidents: string[] };
}

const escalationsOf = (incidentId: string) => testDb().escalation.findMany({ where: { incidentId } });
const pageOf = (incidentId: string) => testDb().page.findFirst({ where: { incidentId, userId: oncall.id } });

describe("when every alert resolves", () => {
  it("before anyone acknowledged: the paging is called off, the incident stays open, and the page says all alerts resolved", async () => {
    const { secret } = await pagedService();
    const { incidents } = await send(secret, "firing", ["a", "b"]);
    const ref = incidents[0]!;
    const incident = await testDb().incident.findFirstOrThrow({ where: { orgId: org.id, number: Number(ref.slice(4)) } });
    await until("the on-call's page", () => pageOf(incident.id));
    const firing = await api("GET", `/api/v1/incidents/${ref}`, { token: admin.token });
    expect(firing.body.alerts).toEqual({ total: 2, open: 2, allResolvedAt: null });

    await send(secret, "resolved", ["a"]);
    expect((await escalationsOf(incident.id)).map((e) => e.status)).toEqual(["active"]);
    await send(secret, "resolved", ["b"]);
    const [escalation] = await escalationsOf(incident.id);
    expect(escalation).toMatchObject({ status: "cancelled", endedReason: "every alert resolved before anyone acknowledged" });
    expect((await testDb().incident.findUniqueOrThrow({ where: { id: incident.id } })).status).toBe("investigating");

    // The resolutions came within 30 s of the first entry: they are written together when the 30 s are up.
    const entry = await until(
      "the alert entry that says all resolved",
      async () => {
        const timeline = await api("GET", `/api/v1/incidents/${ref}/timeline?after=0`, { token: admin.token });
        return (timeline.body.items as { kind: string; data: Record<string, unknown> }[]).find((e) => e.kind === "alert" && e.data.open === 0);
      },
      45_000,
    );
    expect(entry.data).toMatchObject({ total: 2, open: 0, resolved: 2, pagingCancelled: true, allResolvedAt: expect.any(String) });
    const view = await api("GET", `/api/v1/incidents/${ref}`, { token: admin.token });
    expect(view.body.alerts).toEqual({ total: 2, open: 0, allResolvedAt: entry.data.allResolvedAt });
    expect(view.body.status).toBe("investigating");
  }, 60_000);

  it("after a person acknowledged: the paging is theirs, nothing is called off", async () => {
    const { secret } = await pagedService();
    const ref = (await send(secret, "firing", ["c"])).incidents[0]!;
    const incident = await testDb().incident.findFirstOrThrow({ where: { orgId: org.id, number: Number(ref.slice(4)) } });
    const page = await until("the on-call's page", () => pageOf(incident.id));
    expect((await api("POST", `/api/v1/pages/${page.id}/acknowledge`, { token: oncall.token })).status).toBe(200);
    await send(secret, "resolved", ["c"]);
    expect((await escalationsOf(incident.id)).map((e) => e.status)).toEqual(["acknowledged"]);
  });

  it("with the service's setting off, the paging goes on", async () => {
    const { key, secret } = await pagedService();
    const settings = await api("GET", `/api/v1/services/${key}/alert-settings`, { token: admin.token });
    expect(settings.body.cancelPagingWhenResolved).toBe(true);
    const off = await api("PUT", `/api/v1/services/${key}/alert-settings`, { token: admin.token, body: { version: settings.body.version, rules: [], cancelPagingWhenResolved: false } });
    expect(off.status).toBe(200);
    const ref = (await send(secret, "firing", ["d"])).incidents[0]!;
    const incident = await testDb().incident.findFirstOrThrow({ where: { orgId: org.id, number: Number(ref.slice(4)) } });
    await until("the on-call's page", () => pageOf(incident.id));
    await send(secret, "resolved", ["d"]);
    expect((await escalationsOf(incident.id)).map((e) => e.status)).toEqual(["active"]);
  });

  it("an alert firing again within 10 minutes rejoins its incident unpaged; three transitions in 30 minutes mark it flapping", async () => {
    const { secret, serviceId } = await pagedService();
    const ref = (await send(secret, "firing", ["f"])).incidents[0]!;
    const incident = await testDb().incident.findFirstOrThrow({ where: { orgId: org.id, number: Number(ref.slice(4)) } });
    await until("the on-call's page", () => pageOf(incident.id));
    await send(secret, "resolved", ["f"]);
    // A new episode (another startsAt) of the same fingerprint, right after it resolved.
    const again = await fetch(`${baseUrl()}/api/v1/alerts/alertmanager`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
      body: JSON.stringify({ version: "4", status: "firing", alerts: [{ status: "firing", labels: { alertname: "Down", severity: "critical", instance: "f" }, annotations: { summary: "Down on f" }, startsAt: "2026-12-02T03:05:00Z", fingerprint: "f" }] }),
    });
    expect(again.status).toBe(202);
    const rows = await testDb().alert.findMany({ where: { serviceId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "firing", incidentId: incident.id, flapping: true });
    expect(await testDb().incident.count({ where: { services: { some: { serviceId } } } })).toBe(1);
    expect(await testDb().page.count({ where: { incidentId: incident.id } })).toBe(1);
    const delivery = await testDb().alertDelivery.findFirstOrThrow({ where: { serviceId }, orderBy: { receivedAt: "desc" } });
    expect(delivery.outcome).toEqual([expect.objectContaining({ identity: "f", transition: "rejoin", incident: ref })]);
  });
});
