// The alert inbox (issue 16) against the real server: the alerts a responder may see, filtered and paged, never one of
// a private incident they are not on; one alert's detail with the body that carried it; attaching alerts that opened
// nothing to an open incident (with the escalation that paged for them); muting an identity so its next alerts are
// recorded and page nobody, and lifting it; and the org room told, content-free, when alerts change.
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, baseUrl, createOrg, declare, testDb, until, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let admin: TestUser;
let oncall: TestUser;
let other: TestUser;
let viewer: TestUser;
const sockets: Socket[] = [];

beforeAll(async () => {
  org = await createOrg();
  [admin, oncall, other, viewer] = await Promise.all([org.user("admin"), org.user("responder"), org.user("responder"), org.user("viewer")]);
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await testDb().$disconnect();
});

let n = 0;
async function pagedService() {
  const key = `SVC-IN${++n}${Date.now().toString(36).toUpperCase()}`;
  const policy = await api("POST", "/api/v1/escalation-policies", {
    token: admin.token,
    body: { name: `Inbox ${key}`, steps: [{ targets: [{ kind: "user", user: oncall.handle }], delayMinutes: 10 }], repeat: 0 },
  });
  const service = await org.service(key);
  await testDb().service.update({ where: { id: service.id }, data: { escalationPolicyId: policy.body.id } });
  const made = await api("POST", `/api/v1/services/${key}/integration-keys`, { token: admin.token, body: { name: "Prom" } });
  return { key, serviceId: service.id, secret: made.body.key as string };
}

async function event(secret: string, dedup: string, severity: string, more: Record<string, unknown> = {}) {
  const res = await fetch(`${baseUrl()}/api/v1/alerts/events`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ routing_key: secret, event_action: "trigger", dedup_key: dedup, payload: { summary: `${dedup} is ${severity}`, source: "inbox", severity, custom_details: { runbook: "https://runbooks.example/x" } }, ...more }),
  });
  expect(res.status).toBe(202);
}

const list = (token: string, query = "") => api("GET", `/api/v1/alerts${query}`, { token });

describe("the alert inbox", () => {
  it("lists what a responder may see, filtered and paged; the detail carries the body as sent", async () => {
    const svc = await pagedService();
    await event(svc.secret, "w-1", "warning");
    await event(svc.secret, "w-2", "warning");
    await event(svc.secret, "c-1", "critical", { links: [{ href: "https://grafana.example/d/1", text: "Dashboard" }] });

    const all = await list(oncall.token, `?service=${svc.key}`);
    expect(all.status).toBe(200);
    expect(all.body.items.map((a: any) => a.identity)).toEqual(["c-1", "w-2", "w-1"]);
    const critical = all.body.items[0];
    expect(critical).toMatchObject({ severity: "critical", status: "firing", action: "open", source: "events_v2", sender: "Prom", service: { key: svc.key } });
    expect(critical.incident.ref).toMatch(/^INC-\d+$/);
    expect(all.body.items[1]).toMatchObject({ action: "record", incident: null, quieted: null });

    expect((await list(oncall.token, `?service=${svc.key}&severity=warning`)).body.items.map((a: any) => a.identity)).toEqual(["w-2", "w-1"]);
    expect((await list(oncall.token, `?service=${svc.key}&action=open`)).body.items.map((a: any) => a.identity)).toEqual(["c-1"]);
    expect((await list(oncall.token, `?service=${svc.key}&status=resolved`)).body.items).toEqual([]);
    expect((await list(oncall.token, `?service=${svc.key}&flapping=true`)).body.items).toEqual([]);
    const first = await list(oncall.token, `?service=${svc.key}&limit=2`);
    expect(first.body.items).toHaveLength(2);
    const rest = await list(oncall.token, `?service=${svc.key}&limit=2&cursor=${encodeURIComponent(first.body.next)}`);
    expect(rest.body.items.map((a: any) => a.identity)).toEqual(["w-1"]);
    expect(rest.body.next).toBeNull();
    const badCursor = await list(oncall.token, "?cursor=nope");
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.error.fields.cursor).toBeDefined();
    expect((await list(oncall.token, "?severity=SEV1")).status).toBe(400);
    expect((await list(viewer.token)).status).toBe(403);

    const detail = await api("GET", `/api/v1/alerts/${critical.id}`, { token: oncall.token });
    expect(detail.status).toBe(200);
    expect(detail.body.links).toEqual([{ label: "Dashboard", url: "https://grafana.example/d/1" }]);
    expect(detail.body.details).toMatchObject({ runbook: "https://runbooks.example/x" });
    expect(detail.body.deliveries).toHaveLength(1);
    const raw = JSON.parse(detail.body.raw.body);
    expect(raw).toMatchObject({ event_action: "trigger", dedup_key: "c-1" });
    // The body is kept as the inbox shows it: the routing key masked.
    expect(detail.body.raw.body).not.toContain(svc.secret);
    expect((await api("GET", "/api/v1/alerts/nope", { token: oncall.token })).status).toBe(404);
    const ref = critical.incident.ref;
    const view = await api("GET", `/api/v1/incidents/${ref}`, { token: admin.token });
    await api("PATCH", `/api/v1/incidents/${ref}`, { token: admin.token, body: { version: view.body.version, status: "mitigated" } });
  });

  it("never shows an alert of a private incident to someone not on it", async () => {
    const svc = await pagedService();
    const secret = await declare(other.token, { title: "Private thing", severity: "SEV3", private: true });
    const incident = await testDb().incident.findFirstOrThrow({ where: { orgId: org.id, number: Number(secret.body.ref.slice(4)) } });
    await event(svc.secret, "hidden", "warning");
    const hidden = await testDb().alert.findFirstOrThrow({ where: { serviceId: svc.serviceId, identity: "hidden" } });
    await testDb().alert.update({ where: { id: hidden.id }, data: { incidentId: incident.id } });
    expect((await list(oncall.token, `?service=${svc.key}`)).body.items).toEqual([]);
    expect((await list(other.token, `?service=${svc.key}`)).body.items.map((a: any) => a.identity)).toEqual(["hidden"]);
    expect((await api("GET", `/api/v1/alerts/${hidden.id}`, { token: oncall.token })).status).toBe(404);
    expect((await api("POST", `/api/v1/alerts/${hidden.id}/mute`, { token: oncall.token, body: { hours: 1, reason: "x" } })).status).toBe(404);
    // Declaring or attaching from it: it does not exist for them (400 like an unknown alert, never "already on INC-…").
    const declared = await api("POST", "/api/v1/alerts/declare", { token: oncall.token, body: { alertIds: [hidden.id], severity: "SEV3" } });
    expect(declared.status).toBe(400);
    expect(JSON.stringify(declared.body)).not.toContain(secret.body.ref);
  });

  it("attaches alerts that opened nothing to an open incident, with the escalation that paged for them", async () => {
    const svc = await pagedService();
    await event(svc.secret, "e-1", "error");
    const alert = await until("the page-only alert's page", async () => {
      const row = await testDb().alert.findFirst({ where: { serviceId: svc.serviceId, identity: "e-1" } });
      return row?.escalationId && (await testDb().page.count({ where: { escalationId: row.escalationId } })) ? row : null;
    });
    await event(svc.secret, "w-9", "warning");
    const warning = await testDb().alert.findFirstOrThrow({ where: { serviceId: svc.serviceId, identity: "w-9" } });
    const target = await declare(other.token, { title: "Queue trouble", severity: "SEV3" });
    expect(target.status).toBe(201);
    const ref = target.body.ref as string;

    expect((await api("POST", "/api/v1/alerts/attach", { token: viewer.token, body: { alertIds: [alert.id], incident: ref } })).status).toBe(403);
    expect((await api("POST", "/api/v1/alerts/attach", { token: other.token, body: { alertIds: [alert.id], incident: "INC-999999" } })).status).toBe(404);
    const attached = await api("POST", "/api/v1/alerts/attach", { token: other.token, body: { alertIds: [alert.id, warning.id], incident: ref } });
    expect(attached.status, JSON.stringify(attached.body)).toBe(200);
    expect(attached.body.incident).toBe(ref);
    const incident = await testDb().incident.findFirstOrThrow({ where: { orgId: org.id, number: Number(ref.slice(4)) }, include: { services: true } });
    expect((await testDb().alert.findMany({ where: { id: { in: [alert.id, warning.id] } } })).map((a) => a.incidentId)).toEqual([incident.id, incident.id]);
    expect((await testDb().escalation.findUniqueOrThrow({ where: { id: alert.escalationId! } })).incidentId).toBe(incident.id);
    expect(incident.services.map((s) => s.serviceId)).toContain(svc.serviceId);
    const entries = (await api("GET", `/api/v1/incidents/${ref}/timeline?after=0`, { token: other.token })).body.items as any[];
    expect(entries.find((e) => e.kind === "alert")).toMatchObject({ actorKind: "automation", data: { firing: 2 } });
    // On an incident now: not again.
    expect((await api("POST", "/api/v1/alerts/attach", { token: other.token, body: { alertIds: [alert.id], incident: ref } })).status).toBe(409);

    // Not onto an incident that is over.
    await event(svc.secret, "w-10", "warning");
    const late = await testDb().alert.findFirstOrThrow({ where: { serviceId: svc.serviceId, identity: "w-10" } });
    const view = await api("GET", `/api/v1/incidents/${ref}`, { token: other.token });
    const resolved = await api("PATCH", `/api/v1/incidents/${ref}`, {
      token: other.token,
      body: { version: view.body.version, status: "resolved", reason: "done", resolution: { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true } },
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    const closed = await api("POST", "/api/v1/alerts/attach", { token: other.token, body: { alertIds: [late.id], incident: ref } });
    expect(closed.status).toBe(409);
    expect(closed.body.error.fields.incident).toBe("not open");
    expect((await testDb().alert.findUniqueOrThrow({ where: { id: late.id } })).incidentId).toBeNull();
  });

  it("attaching to a private incident makes the people its alerts paged members; a drill takes no real alerts", async () => {
    const svc = await pagedService();
    await event(svc.secret, "p-1", "error");
    const alert = await until("the page-only alert's page", async () => {
      const row = await testDb().alert.findFirst({ where: { serviceId: svc.serviceId, identity: "p-1" } });
      return row?.escalationId && (await testDb().page.count({ where: { escalationId: row.escalationId } })) ? row : null;
    });
    const drill = await declare(other.token, { title: "Game day", severity: "SEV3", drill: true });
    const refused = await api("POST", "/api/v1/alerts/attach", { token: other.token, body: { alertIds: [alert.id], incident: drill.body.ref } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.fields.incident).toBe("a drill");

    const hidden = await declare(other.token, { title: "Private queue trouble", severity: "SEV3", private: true });
    const incident = await testDb().incident.findFirstOrThrow({ where: { orgId: org.id, number: Number(hidden.body.ref.slice(4)) } });
    expect(await testDb().incidentMember.count({ where: { incidentId: incident.id, userId: oncall.id } })).toBe(0);
    expect((await api("POST", "/api/v1/alerts/attach", { token: other.token, body: { alertIds: [alert.id], incident: hidden.body.ref } })).status).toBe(200);
    // @oncall was paged for it, sees the page, so is on the incident now (and may open it).
    expect(await testDb().incidentMember.count({ where: { incidentId: incident.id, userId: oncall.id } })).toBe(1);
    const pages = (await api("GET", "/api/v1/pages", { token: oncall.token })).body.items as any[];
    expect(pages.find((p) => p.escalation?.id === alert.escalationId)?.incident?.ref).toBe(hidden.body.ref);
    expect((await api("GET", `/api/v1/incidents/${hidden.body.ref}`, { token: oncall.token })).status).toBe(200);
    for (const ref of [drill.body.ref, hidden.body.ref]) {
      const view = await api("GET", `/api/v1/incidents/${ref}`, { token: other.token });
      await api("PATCH", `/api/v1/incidents/${ref}`, { token: other.token, body: { version: view.body.version, status: "mitigated" } });
    }
  });

  it("withholds the body that carried an alert when it also carried one of a private incident the reader is not on", async () => {
    const svc = await pagedService();
    const res = await fetch(`${baseUrl()}/api/v1/alerts/alertmanager`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${svc.secret}` },
      body: JSON.stringify({
        version: "4",
        status: "firing",
        groupKey: '{}:{alertname="Pair"}',
        alerts: ["left", "right"].map((f) => ({ status: "firing", labels: { alertname: "Pair", severity: "warning", side: f }, annotations: { summary: `Pair ${f}` }, fingerprint: `pair-${f}` })),
      }),
    });
    expect(res.status).toBe(202);
    const [left, right] = await Promise.all(["pair-left", "pair-right"].map((identity) => testDb().alert.findFirstOrThrow({ where: { serviceId: svc.serviceId, identity } })));
    expect((await api("GET", `/api/v1/alerts/${left!.id}`, { token: oncall.token })).body.raw.body).toContain("pair-right");
    const secret = await declare(other.token, { title: "Private pair", severity: "SEV3", private: true });
    const incident = await testDb().incident.findFirstOrThrow({ where: { orgId: org.id, number: Number(secret.body.ref.slice(4)) } });
    await testDb().alert.update({ where: { id: right!.id }, data: { incidentId: incident.id } });
    const forOncall = (await api("GET", `/api/v1/alerts/${left!.id}`, { token: oncall.token })).body;
    expect(forOncall.raw).toBeNull();
    expect(forOncall.rawWithheld).toBe(true);
    const forMember = (await api("GET", `/api/v1/alerts/${left!.id}`, { token: other.token })).body;
    expect(forMember.rawWithheld).toBe(false);
    expect(forMember.raw.body).toContain("pair-right");
  });

  it("a muted identity's alerts are recorded and page nobody until the mute is lifted; the org room hears of alerts, content-free", async () => {
    const svc = await pagedService();
    const socket = io(baseUrl(), { transports: ["websocket"], auth: { token: oncall.token }, reconnection: false, forceNew: true });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    const heard: unknown[] = [];
    socket.on("alerts.changed", (e) => heard.push(e));

    await event(svc.secret, "flappy", "error");
    const first = await until("the first alert's page", async () => {
      const row = await testDb().alert.findFirst({ where: { serviceId: svc.serviceId, identity: "flappy" } });
      return row?.escalationId ? row : null;
    });
    await until("the org room told", async () => heard.length > 0);
    expect(heard[0]).toEqual({ type: "alerts.changed" });

    const bad = await api("POST", `/api/v1/alerts/${first.id}/mute`, { token: oncall.token, body: { hours: 500, reason: "x" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.hours).toBeDefined();
    const muted = await api("POST", `/api/v1/alerts/${first.id}/mute`, { token: oncall.token, body: { hours: 2, reason: "Known: the nightly batch" } });
    expect(muted.status).toBe(201);
    expect(Date.parse(muted.body.until) - Date.now()).toBeGreaterThan(119 * 60_000);
    const listed = (await list(oncall.token, `?service=${svc.key}`)).body.items[0];
    expect(listed.mutedUntil).toBe(muted.body.until);

    // The page is answered and the alert resolves; its next episode, while muted, opens and pages nothing.
    const page = await testDb().page.findFirstOrThrow({ where: { escalationId: first.escalationId! } });
    expect((await api("POST", `/api/v1/pages/${page.id}/acknowledge`, { token: oncall.token })).status).toBe(200);
    await testDb().alert.update({ where: { id: first.id }, data: { status: "resolved", resolvedAt: new Date(Date.now() - 3_600_000) } });
    await event(svc.secret, "flappy", "error");
    const second = await testDb().alert.findFirstOrThrow({ where: { serviceId: svc.serviceId, identity: "flappy", id: { not: first.id } } });
    expect(second).toMatchObject({ action: "record", escalationId: null, incidentId: null, muteId: muted.body.id });
    expect((await list(oncall.token, `?service=${svc.key}&status=firing`)).body.items[0]).toMatchObject({ id: second.id, quieted: "muted" });
    // Another identity of the service is not muted.
    await event(svc.secret, "other", "critical");
    expect((await testDb().alert.findFirstOrThrow({ where: { serviceId: svc.serviceId, identity: "other" } })).incidentId).not.toBeNull();

    // Lifted: the next episode pages again.
    const lifted = await api("DELETE", `/api/v1/alerts/${second.id}/mute`, { token: oncall.token });
    expect(lifted.body).toEqual({ identity: "flappy", lifted: true });
    expect((await api("DELETE", `/api/v1/alerts/${second.id}/mute`, { token: oncall.token })).body.lifted).toBe(false);
    await testDb().alert.update({ where: { id: second.id }, data: { status: "resolved", resolvedAt: new Date(Date.now() - 3_600_000) } });
    await testDb().incident.updateMany({ where: { orgId: org.id, services: { some: { serviceId: svc.serviceId } } }, data: { status: "resolved", resolvedAt: new Date() } });
    await event(svc.secret, "flappy", "error");
    const third = await testDb().alert.findFirstOrThrow({ where: { serviceId: svc.serviceId, identity: "flappy" }, orderBy: { firstSeenAt: "desc" } });
    expect(third).toMatchObject({ action: "page", muteId: null });
    expect(third.escalationId).not.toBeNull();
  });
});
