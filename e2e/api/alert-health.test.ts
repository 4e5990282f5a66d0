// Alert feedback and health (issue 16): a responder marks an alert, or every alert of its identity, useful or noisy;
// the service's health for the last 30 days counts the alerts that led to action (an incident, a page a person
// acknowledged, a "useful" mark), the MTTA of the pages alerts made, alerts by severity and hour of the viewer's day,
// and the noisiest identities — never counting or naming an alert of a private incident the viewer is not on.
// Real flows make the paged and opened alerts; a month of history for one identity is written as rows, with its
// expected figures computed here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, baseUrl, createOrg, declare, testDb, until, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let admin: TestUser;
let oncall: TestUser;
let lead: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  org = await createOrg();
  [admin, oncall, lead, viewer] = await Promise.all([org.user("admin"), org.user("responder"), org.user("responder"), org.user("viewer")]);
});

afterAll(async () => {
  await testDb().$disconnect();
});

async function event(secret: string, dedup: string, severity: string) {
  const res = await fetch(`${baseUrl()}/api/v1/alerts/events`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ routing_key: secret, event_action: "trigger", dedup_key: dedup, payload: { summary: `${dedup} ${severity}`, source: "health", severity } }),
  });
  expect(res.status).toBe(202);
}

const DAY = 86_400_000;

describe("alert health", () => {
  it("counts what led to action, how fast pages were answered, when alerts fire and which are noisiest — without private incidents' alerts", async () => {
    const key = `SVC-HL${Date.now().toString(36).toUpperCase()}`;
    const policy = await api("POST", "/api/v1/escalation-policies", {
      token: admin.token,
      body: { name: `Health ${key}`, steps: [{ targets: [{ kind: "user", user: oncall.handle }], delayMinutes: 10 }], repeat: 0 },
    });
    const service = await org.service(key);
    await testDb().service.update({ where: { id: service.id }, data: { escalationPolicyId: policy.body.id } });
    const made = await api("POST", `/api/v1/services/${key}/integration-keys`, { token: admin.token, body: { name: "Prom" } });
    const secret = made.body.key as string;
    const keyId = made.body.id as string;

    // An error alert pages (no incident) and is answered; then a critical alert opens an incident whose page is answered.
    await event(secret, "queue", "error");
    const pageOf = async (pred: (p: any) => boolean) =>
      until("a page", async () => ((await api("GET", "/api/v1/pages?open=true", { token: oncall.token })).body.items as any[]).find(pred));
    const alertPage = await pageOf((p) => p.alert?.service.key === key);
    expect((await api("POST", `/api/v1/pages/${alertPage.id}/acknowledge`, { token: oncall.token })).status).toBe(200);
    await event(secret, "down", "critical");
    const incidentPage = await pageOf((p) => p.incident && p.escalation?.policy === `Health ${key}`);
    expect((await api("POST", `/api/v1/pages/${incidentPage.id}/acknowledge`, { token: oncall.token })).status).toBe(200);

    // A month of a noisy disk warning: 6 episodes at 02:xx UTC within the 30 days (3 deliveries each), one older.
    const now = Date.now();
    const disk = (daysAgo: number, minute: number) => {
      const at = new Date(now - daysAgo * DAY);
      at.setUTCHours(2, minute, 0, 0);
      return { orgId: org.id, serviceId: service.id, integrationKeyId: keyId, source: "events_v2", identity: "disk", identityFrom: "dedup_key", status: "resolved", summary: `Disk 91% full (${daysAgo}d)`, severity: "warning", firstSeenAt: at, lastSeenAt: at, resolvedAt: at, occurrences: 3, action: "record" };
    };
    await testDb().alert.createMany({ data: [1, 3, 5, 8, 13, 21].map((d, i) => disk(d, i * 5)) });
    const old = await testDb().alert.create({ data: disk(31, 0) });

    // A private incident @lead declared (not on the service, so nobody is paged onto it) with 7 alerts of its own.
    const secretIncident = await declare(lead.token, { title: "Secret thing", severity: "SEV3", private: true });
    expect(secretIncident.status).toBe(201);
    const privateId = (await testDb().incident.findFirstOrThrow({ where: { orgId: org.id, number: Number(secretIncident.body.ref.slice(4)) } })).id;
    const at = new Date(now - 2 * DAY);
    await testDb().alert.createMany({
      data: Array.from({ length: 7 }, (_, i) => ({ orgId: org.id, serviceId: service.id, integrationKeyId: keyId, source: "events_v2", identity: "secret", identityFrom: "dedup_key", status: "resolved", summary: "Secret alert", severity: "critical", firstSeenAt: new Date(at.getTime() + i * 1000), lastSeenAt: at, resolvedAt: at, action: "open", incidentId: privateId })),
    });
    const privateAlert = await testDb().alert.findFirstOrThrow({ where: { incidentId: privateId } });

    // Feedback: the disk identity is noise (every alert of it, the old one too); the page-only alert was useful.
    const diskAlert = await testDb().alert.findFirstOrThrow({ where: { serviceId: service.id, identity: "disk", firstSeenAt: { gt: old.firstSeenAt } } });
    const noisy = await api("POST", `/api/v1/alerts/${diskAlert.id}/feedback`, { token: oncall.token, body: { verdict: "noisy", note: "Fires every night during the backup", identity: true } });
    expect(noisy.status, JSON.stringify(noisy.body)).toBe(200);
    expect(noisy.body).toMatchObject({ verdict: "noisy", alerts: 7, by: oncall.handle });
    const queue = await testDb().alert.findFirstOrThrow({ where: { serviceId: service.id, identity: "queue" } });
    expect((await api("POST", `/api/v1/alerts/${queue.id}/feedback`, { token: oncall.token, body: { verdict: "useful" } })).status).toBe(200);
    expect((await testDb().alert.findUniqueOrThrow({ where: { id: queue.id } })).feedbackById).toBe(oncall.id);

    // Refused: a viewer, a bad verdict, an alert of a private incident one is not on (it does not exist for them).
    expect((await api("POST", `/api/v1/alerts/${queue.id}/feedback`, { token: viewer.token, body: { verdict: "noisy" } })).status).toBe(403);
    const bad = await api("POST", `/api/v1/alerts/${queue.id}/feedback`, { token: oncall.token, body: { verdict: "meh" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.verdict).toBeDefined();
    expect((await api("POST", `/api/v1/alerts/${privateAlert.id}/feedback`, { token: oncall.token, body: { verdict: "noisy" } })).status).toBe(404);
    expect((await api("GET", `/api/v1/services/${key}/alert-health?tz=Mars/Olympus`, { token: oncall.token })).status).toBe(400);
    expect((await api("GET", `/api/v1/services/${key}/alert-health`, { token: viewer.token })).status).toBe(403);

    // The figures, computed here: queue (paged, answered) + down (an incident) + 6 disk warnings = 8; 2 led to action.
    const health = await api("GET", `/api/v1/services/${key}/alert-health?tz=Europe/Berlin`, { token: oncall.token });
    expect(health.status).toBe(200);
    const h = health.body;
    expect(h).toMatchObject({ days: 30, timeZone: "Europe/Berlin", total: 8, actioned: 2, ratio: 0.25, feedback: { useful: 1, noisy: 6 } });
    expect(h.mtta.pages).toBe(2);
    expect(h.mtta.acknowledged).toBe(2);
    expect(h.mtta.medianSeconds).toBeGreaterThanOrEqual(0);
    expect(h.mtta.medianSeconds).toBeLessThan(60);
    // Berlin is an hour ahead of UTC in November and December: the 02:xx UTC warnings fire at 03:xx there.
    expect(h.bySeverityHour.warning[3]).toBe(6);
    expect(h.bySeverityHour.warning.reduce((a: number, b: number) => a + b, 0)).toBe(6);
    expect(h.bySeverityHour.critical.reduce((a: number, b: number) => a + b, 0)).toBe(1);
    expect(h.bySeverityHour.error.reduce((a: number, b: number) => a + b, 0)).toBe(1);
    expect(h.noisiest[0]).toMatchObject({ identity: "disk", sender: "Prom", summary: "Disk 91% full (1d)", alerts: 6, deliveries: 18, actioned: 0, noisy: 6, flagged: true });
    expect(h.noisiest.map((n: any) => n.identity)).not.toContain("secret");
    expect(h.noisiest.find((n: any) => n.identity === "queue")).toMatchObject({ alerts: 1, actioned: 1, useful: 1, flagged: false });

    // @lead is on the private incident: its alerts count for them, and top the noisiest.
    const theirs = (await api("GET", `/api/v1/services/${key}/alert-health`, { token: lead.token })).body;
    expect(theirs.total).toBe(15);
    expect(theirs.actioned).toBe(9);
    expect(theirs.noisiest[0]).toMatchObject({ identity: "secret", alerts: 7 });
  });
});
