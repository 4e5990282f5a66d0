// A service's alert routing rules (issue 16) against the real server: read by everyone, written by admins with the
// service's version, applied in order to alerts as they arrive, flagged when nobody owns or reviews them, and tried
// with the tester on a pasted payload before saving.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, baseUrl, createOrg, testDb, until, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let admin: TestUser;
let responder: TestUser;
let viewer: TestUser;
let n = 0;

beforeAll(async () => {
  org = await createOrg();
  [admin, responder, viewer] = await Promise.all([org.user("admin"), org.user("responder"), org.user("viewer")]);
});

afterAll(async () => {
  await testDb().$disconnect();
});

async function serviceWithKey() {
  const key = `SVC-RT${++n}${Date.now().toString(36).toUpperCase()}`;
  const service = await org.service(key);
  const made = await api("POST", `/api/v1/services/${key}/integration-keys`, { token: admin.token, body: { name: `Prometheus ${n}` } });
  return { key, serviceId: service.id, secret: made.body.key as string };
}

const alert = (fingerprint: string, labels: Record<string, string>) => ({
  status: "firing",
  labels,
  annotations: { summary: `${labels.alertname} (${fingerprint})` },
  startsAt: "2026-12-02T03:00:00Z",
  endsAt: "0001-01-01T00:00:00Z",
  fingerprint,
});
const group = (alerts: unknown[]) => ({ version: "4", groupKey: `{}:{n="${++n}"}`, status: "firing", receiver: "conn", alerts });

async function deliver(secret: string, alerts: unknown[]) {
  const res = await fetch(`${baseUrl()}/api/v1/alerts/alertmanager`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${secret}` }, body: JSON.stringify(group(alerts)) });
  expect(res.status).toBe(202);
}

describe("alert routing rules", () => {
  it("start empty with the defaults shown; everyone reads, only admins write, with the version last read", async () => {
    const { key } = await serviceWithKey();
    const read = await api("GET", `/api/v1/services/${key}/alert-settings`, { token: viewer.token });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ service: key, version: 1, rules: [], groupWindowMinutes: 30, groupingLabels: [] });
    expect(read.body.defaults).toEqual([
      { severity: "critical", action: "open", incidentSeverity: "SEV2" },
      { severity: "error", action: "page", incidentSeverity: "SEV3" },
      { severity: "warning", action: "record", incidentSeverity: "SEV3" },
      { severity: "info", action: "record", incidentSeverity: "SEV4" },
    ]);
    const body = { version: 1, rules: [{ action: "drop", matchers: ["env=staging"] }] };
    expect((await api("PUT", `/api/v1/services/${key}/alert-settings`, { token: responder.token, body })).status).toBe(403);
    expect((await api("PUT", `/api/v1/services/${key}/alert-settings`, { token: admin.token, body: { ...body, version: 9 } })).status).toBe(409);
    const badMatcher = await api("PUT", `/api/v1/services/${key}/alert-settings`, { token: admin.token, body: { version: 1, rules: [{ action: "open", matchers: ["env~prod"] }] } });
    expect(badMatcher.status).toBe(400);
    expect(badMatcher.body.error.fields).toHaveProperty(["rules.0.matchers.0"]);
    const badOwner = await api("PUT", `/api/v1/services/${key}/alert-settings`, { token: admin.token, body: { version: 1, rules: [{ action: "open", owner: "@nobody-here" }] } });
    expect(badOwner.status).toBe(400);
    expect(badOwner.body.error.fields).toHaveProperty(["rules.0.owner"]);
    expect((await api("GET", `/api/v1/services/${key}/alert-settings`, { token: admin.token })).body.version).toBe(1);
  });

  it("apply in order to arriving alerts: the first match takes the alert, with its action and incident severity", async () => {
    const { key, secret, serviceId } = await serviceWithKey();
    const saved = await api("PUT", `/api/v1/services/${key}/alert-settings`, {
      token: admin.token,
      body: {
        version: 1,
        groupingLabels: ["team"],
        rules: [
          { name: "Staging is quiet", matchers: ["env=staging"], action: "drop", owner: admin.handle },
          { name: "Database down is a SEV1", severities: ["critical"], matchers: ["team=db"], action: "open", incidentSeverity: "SEV1", owner: `@${responder.handle}` },
          { name: "Warnings on the db open too", severities: ["warning"], matchers: ["team=db"], action: "open" },
        ],
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(2);
    expect(saved.body.rules.map((r: { name: string; owner: { handle: string } | null; matchers: string[] }) => [r.name, r.owner?.handle ?? null, r.matchers])).toEqual([
      ["Staging is quiet", admin.handle, ["env=staging"]],
      ["Database down is a SEV1", responder.handle, ["team=db"]],
      ["Warnings on the db open too", null, ["team=db"]],
    ]);
    expect(saved.body.rules[2].flags.map((f: { flag: string }) => f.flag)).toEqual(["no_owner"]);
    expect(saved.body.rules[0].flags).toEqual([]);

    await deliver(secret, [
      alert("s1", { alertname: "Down", severity: "critical", env: "staging", team: "db" }),
      alert("d1", { alertname: "Down", severity: "critical", env: "prod", team: "db" }),
      alert("w1", { alertname: "Slow", severity: "warning", env: "prod", team: "db" }),
      alert("x1", { alertname: "Slow", severity: "warning", env: "prod", team: "web" }),
    ]);
    const rows = await testDb().alert.findMany({ where: { serviceId }, orderBy: { identity: "asc" }, include: { incident: { select: { severity: true } } } });
    const ruleIds = saved.body.rules.map((r: { id: string }) => r.id);
    expect(rows.map((r) => [r.identity, r.action, r.ruleId, r.incident?.severity ?? null])).toEqual([
      ["d1", "open", ruleIds[1], "SEV1"],
      ["s1", "drop", ruleIds[0], null],
      ["w1", "open", ruleIds[2], "SEV1"],
      ["x1", "record", null, null],
    ]);
    const audit = await testDb().auditLog.findFirst({ where: { orgId: org.id, action: "service.alert_settings", targetId: serviceId } });
    expect(audit).not.toBeNull();
  });

  it("saving the rules as read changes nothing: same ids, same review dates, same version", async () => {
    const { key } = await serviceWithKey();
    const first = await api("PUT", `/api/v1/services/${key}/alert-settings`, { token: admin.token, body: { version: 1, rules: [{ action: "record", matchers: ["env=dev"], owner: admin.handle }] } });
    const rule = first.body.rules[0];
    const again = await api("PUT", `/api/v1/services/${key}/alert-settings`, {
      token: admin.token,
      body: { version: first.body.version, rules: [{ id: rule.id, action: "record", matchers: rule.matchers, owner: rule.owner.handle }] },
    });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(first.body.version);
    expect(again.body.rules[0]).toMatchObject({ id: rule.id, reviewedAt: rule.reviewedAt });
  });

  it("the tester shows which rule a pasted payload's alerts match, with saved or draft rules, and stores nothing", async () => {
    const { key, serviceId } = await serviceWithKey();
    await api("PUT", `/api/v1/services/${key}/alert-settings`, { token: admin.token, body: { version: 1, rules: [{ name: "Staging is quiet", matchers: ["env=staging"], action: "drop" }] } });
    const payload = group([alert("t1", { alertname: "Down", severity: "critical", env: "staging" }), alert("t2", { alertname: "Down", severity: "critical", env: "prod" })]);
    const saved = await api("POST", `/api/v1/services/${key}/alert-settings/test`, { token: responder.token, body: { source: "alertmanager", payload } });
    expect(saved.status).toBe(200);
    expect(saved.body.alerts.map((a: { identity: string; rule: { position: number } | null; route: string; incidentSeverity: string }) => [a.identity, a.rule?.position ?? null, a.route, a.incidentSeverity])).toEqual([
      ["t1", 1, "drop", "SEV2"],
      ["t2", null, "open", "SEV2"],
    ]);
    const draft = await api("POST", `/api/v1/services/${key}/alert-settings/test`, {
      token: responder.token,
      body: { source: "alertmanager", payload, rules: [{ matchers: ["env=prod"], action: "page" }] },
    });
    expect(draft.body).toMatchObject({ draft: true, alerts: [{ identity: "t1", rule: null, route: "open" }, { identity: "t2", rule: { position: 1 }, route: "page" }] });
    const events = await api("POST", `/api/v1/services/${key}/alert-settings/test`, {
      token: responder.token,
      body: { source: "events_v2", payload: { routing_key: "x", event_action: "trigger", payload: { summary: "Disk", source: "db-1", severity: "error" } } },
    });
    expect(events.body.alerts[0]).toMatchObject({ severity: "error", route: "page", rule: null });
    const bad = await api("POST", `/api/v1/services/${key}/alert-settings/test`, { token: responder.token, body: { source: "opsgenie", payload: { priority: "P1" } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty(["payload.message"]);
    expect((await api("POST", `/api/v1/services/${key}/alert-settings/test`, { token: viewer.token, body: { source: "alertmanager", payload } })).status).toBe(403);
    expect(await testDb().alert.count({ where: { serviceId } })).toBe(0);
    expect(await testDb().alertDelivery.count({ where: { serviceId } })).toBe(0);
  });

  it("a rule's hold: an alert resolved within it opens and pages nothing (transient); one still firing after it opens the incident then", async () => {
    const { key, secret, serviceId } = await serviceWithKey();
    await api("PUT", `/api/v1/services/${key}/alert-settings`, { token: admin.token, body: { version: 1, rules: [{ name: "Blips wait 3 s", severities: ["critical"], action: "open", holdSeconds: 3 }] } });
    await deliver(secret, [alert("blip", { alertname: "Blip", severity: "critical" })]);
    await deliver(secret, [alert("real", { alertname: "Real", severity: "critical" })]);
    const held = await testDb().alert.findMany({ where: { serviceId }, orderBy: { identity: "asc" } });
    expect(held.map((a) => [a.identity, a.incidentId, a.heldUntil !== null])).toEqual([
      ["blip", null, true],
      ["real", null, true],
    ]);
    expect(await testDb().incident.count({ where: { services: { some: { serviceId } } } })).toBe(0);

    await deliver(secret, [{ ...alert("blip", { alertname: "Blip", severity: "critical" }), status: "resolved", endsAt: "2026-12-02T03:00:01Z" }]);
    const real = await until(
      "the held alert's incident",
      async () => {
        const row = await testDb().alert.findFirstOrThrow({ where: { serviceId, identity: "real" } });
        return row.incidentId ? row : null;
      },
      15_000,
    );
    expect(real.heldUntil).toBeNull();
    const blip = await testDb().alert.findFirstOrThrow({ where: { serviceId, identity: "blip" } });
    expect(blip).toMatchObject({ status: "resolved", transient: true, incidentId: null, heldUntil: null });
    expect(await testDb().incident.count({ where: { services: { some: { serviceId } } } })).toBe(1);
    const entries = await testDb().timelineEntry.findMany({ where: { incidentId: real.incidentId!, kind: "alert" } });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.data).toMatchObject({ firing: 1, alerts: [{ summary: "Real (real)" }] });
  }, 30_000);

  it("a maintenance window: alerts inside it are recorded and open nothing; an open incident is unaffected; ended, alerts open again", async () => {
    const { key, secret, serviceId } = await serviceWithKey();
    const bad = await api("POST", `/api/v1/services/${key}/maintenance`, { token: responder.token, body: { endsAt: "2020-01-01T00:00:00Z", reason: "too late" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty("endsAt");
    expect((await api("POST", `/api/v1/services/${key}/maintenance`, { token: viewer.token, body: { endsAt: new Date(Date.now() + 3_600_000).toISOString(), reason: "x" } })).status).toBe(403);
    const later = await api("POST", `/api/v1/services/${key}/maintenance`, {
      token: responder.token,
      body: { startsAt: new Date(Date.now() + 86_400_000).toISOString(), endsAt: new Date(Date.now() + 90_000_000).toISOString(), reason: "Tomorrow's upgrade" },
    });
    expect(later.body).toMatchObject({ active: false, by: responder.handle });
    const now = await api("POST", `/api/v1/services/${key}/maintenance`, { token: responder.token, body: { endsAt: new Date(Date.now() + 3_600_000).toISOString(), reason: "Database upgrade" } });
    expect(now.status).toBe(201);
    expect(now.body).toMatchObject({ active: true, reason: "Database upgrade" });
    const listed = await api("GET", `/api/v1/services/${key}/maintenance`, { token: viewer.token });
    expect(listed.body.items.map((w: { reason: string }) => w.reason)).toEqual(["Database upgrade", "Tomorrow's upgrade"]);

    await deliver(secret, [alert("m1", { alertname: "Down", severity: "critical" })]);
    const held = await testDb().alert.findFirstOrThrow({ where: { serviceId, identity: "m1" } });
    expect(held).toMatchObject({ action: "record", incidentId: null, maintenanceId: now.body.id });
    expect(await testDb().incident.count({ where: { services: { some: { serviceId } } } })).toBe(0);

    const ended = await api("DELETE", `/api/v1/services/${key}/maintenance/${now.body.id}`, { token: responder.token });
    expect(ended.body.active).toBe(false);
    await deliver(secret, [alert("m2", { alertname: "Down again", severity: "critical" })]);
    const opened = await testDb().alert.findFirstOrThrow({ where: { serviceId, identity: "m2" } });
    expect(opened.action).toBe("open");
    expect(opened.incidentId).not.toBeNull();

    // A window starting now leaves the open incident alone: a new alert of the service is recorded, the incident stays.
    await api("POST", `/api/v1/services/${key}/maintenance`, { token: responder.token, body: { endsAt: new Date(Date.now() + 3_600_000).toISOString(), reason: "Hotfix" } });
    await deliver(secret, [alert("m3", { alertname: "Third", severity: "critical" })]);
    expect((await testDb().alert.findFirstOrThrow({ where: { serviceId, identity: "m3" } })).incidentId).toBeNull();
    expect((await testDb().incident.findUniqueOrThrow({ where: { id: opened.incidentId! } })).status).toBe("investigating");
    const audit = await testDb().auditLog.count({ where: { orgId: org.id, targetId: serviceId, action: { startsWith: "service.maintenance" } } });
    expect(audit).toBe(4);
  });
});
