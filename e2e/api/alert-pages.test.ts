// "Page only" (issue 16): a routing rule — by default the one for `error` alerts — pages the service's on-call with no
// incident. One page for the service's paging alerts however many arrive; resolving every one of them before anyone
// answered calls the paging off; acknowledging stops it; a responder declares an incident from the page and the alerts
// and the escalation move onto it, nobody paged twice. Against the real server, its job queue and Postgres.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, baseUrl, createOrg, testDb, until, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let admin: TestUser;
let oncall: TestUser;
let lead: TestUser;
let n = 0;

const DELAY_MIN = 0.05; // 3 s
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  org = await createOrg();
  [admin, oncall, lead] = await Promise.all([org.user("admin"), org.user("responder"), org.user("responder")]);
});

afterAll(async () => {
  await testDb().$disconnect();
});

/** A service whose policy pages @oncall, then @lead after 3 s; its Events v2 key. */
async function pagedService(opts: { rules?: unknown[] } = {}) {
  const key = `SVC-PG${++n}${Date.now().toString(36).toUpperCase()}`;
  const policy = await api("POST", "/api/v1/escalation-policies", {
    token: admin.token,
    body: {
      name: `Page ${key}`,
      steps: [
        { targets: [{ kind: "user", user: oncall.handle }], delayMinutes: DELAY_MIN },
        { targets: [{ kind: "user", user: lead.handle }], delayMinutes: DELAY_MIN },
      ],
      repeat: 0,
    },
  });
  expect(policy.status).toBe(201);
  const service = await org.service(key);
  await testDb().service.update({ where: { id: service.id }, data: { escalationPolicyId: policy.body.id } });
  if (opts.rules) {
    const put = await api("PUT", `/api/v1/services/${key}/alert-settings`, { token: admin.token, body: { version: 1, rules: opts.rules } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
  }
  const made = await api("POST", `/api/v1/services/${key}/integration-keys`, { token: admin.token, body: { name: "Checks" } });
  expect(made.status).toBe(201);
  return { key, serviceId: service.id, name: key, secret: made.body.key as string };
}

async function event(secret: string, action: "trigger" | "resolve", dedup: string, severity = "error") {
  const res = await fetch(`${baseUrl()}/api/v1/alerts/events`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(
      action === "trigger"
        ? { routing_key: secret, event_action: "trigger", dedup_key: dedup, payload: { summary: `Queue depth high on ${dedup}`, source: dedup, severity }, links: [{ href: "https://grafana.example/d/queue", text: "Queue dashboard" }] }
        : { routing_key: secret, event_action: "resolve", dedup_key: dedup },
    ),
  });
  expect(res.status).toBe(202);
}

const alertsOf = (serviceId: string) => testDb().alert.findMany({ where: { serviceId }, orderBy: { firstSeenAt: "asc" } });
const pagesFor = (user: TestUser) => api("GET", "/api/v1/pages", { token: user.token }).then((r) => r.body.items as any[]);

/** The open page to @oncall for this service's alerts. */
async function openPage(serviceKey: string, user = oncall) {
  return until(`the page to @${user.handle}`, async () => (await pagesFor(user)).find((p) => p.open && p.alert?.service.key === serviceKey));
}

describe("page only", () => {
  it("an error alert pages the on-call and opens no incident; repeats and more alerts make no second page", async () => {
    const svc = await pagedService();
    await event(svc.secret, "trigger", "db-1");
    const page = await openPage(svc.key);
    expect(page.incident).toBeNull();
    expect(page.reason).toBe(`${svc.name} error alert: Queue depth high on db-1`);
    expect(page.alert).toMatchObject({ summary: "Queue depth high on db-1", severity: "error", status: "firing", service: { key: svc.key }, alerts: 1, firing: 1 });
    expect(page.alert.links).toEqual([{ label: "Queue dashboard", url: "https://grafana.example/d/queue" }]);
    expect(page.escalation.escalatesAt).not.toBeNull();

    // A repeat and a second alert of the service: one escalation, one page.
    await event(svc.secret, "trigger", "db-1");
    await event(svc.secret, "trigger", "db-2");
    const alerts = await alertsOf(svc.serviceId);
    expect(alerts.map((a) => [a.action, a.incidentId, a.escalationId])).toEqual([
      ["page", null, page.escalation.id],
      ["page", null, page.escalation.id],
    ]);
    expect(await testDb().incident.count({ where: { orgId: org.id, services: { some: { serviceId: svc.serviceId } } } })).toBe(0);
    const mine = (await pagesFor(oncall)).filter((p) => p.alert?.service.key === svc.key);
    expect(mine).toHaveLength(1);
    expect(mine[0].alert).toMatchObject({ alerts: 2, firing: 2 });

    // Unanswered, it escalates to the next step like any page.
    const next = await openPage(svc.key, lead);
    expect(next.escalation.id).toBe(page.escalation.id);
    expect(next.step).toBe(1);

    // The lead answers: the escalation stops for everyone.
    const ack = await api("POST", `/api/v1/pages/${next.id}/acknowledge`, { token: lead.token });
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledgedBy.handle).toBe(lead.handle);
    const escalation = await testDb().escalation.findUniqueOrThrow({ where: { id: page.escalation.id } });
    expect(escalation.status).toBe("acknowledged");
    expect(escalation.acknowledgedById).toBe(lead.id);
    expect((await pagesFor(oncall)).filter((p) => p.open && p.alert?.service.key === svc.key)).toEqual([]);

    // Answered while an alert of it still fires, it takes the service's next alert: nobody is paged again.
    await event(svc.secret, "trigger", "db-3");
    expect((await alertsOf(svc.serviceId)).map((a) => a.escalationId)).toEqual([page.escalation.id, page.escalation.id, page.escalation.id]);
    expect(await testDb().page.count({ where: { escalationId: page.escalation.id } })).toBe(2);
  });

  it("two page-only alerts of one delivery (and of deliveries arriving together) make one escalation", async () => {
    const svc = await pagedService();
    const am = (names: string[]) =>
      fetch(`${baseUrl()}/api/v1/alerts/alertmanager`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${svc.secret}` },
        body: JSON.stringify({ version: "4", status: "firing", alerts: names.map((f) => ({ status: "firing", labels: { alertname: "Lag", severity: "error", instance: f }, annotations: { summary: `Lag on ${f}` }, fingerprint: f })) }),
      });
    const answers = await Promise.all([am(["n-1", "n-2"]), am(["n-3"]), am(["n-4", "n-5"])]);
    expect(answers.map((r) => r.status)).toEqual([202, 202, 202]);
    const alerts = await alertsOf(svc.serviceId);
    expect(alerts).toHaveLength(5);
    const escalations = new Set(alerts.map((a) => a.escalationId));
    expect(escalations.size).toBe(1);
    expect([...escalations][0]).not.toBeNull();
    await openPage(svc.key);
    expect(await testDb().page.count({ where: { escalationId: [...escalations][0]! } })).toBe(1);
  });

  it("resolving every alert before anyone answered calls the paging off; a later alert pages afresh", async () => {
    const svc = await pagedService();
    await event(svc.secret, "trigger", "a");
    await event(svc.secret, "trigger", "b");
    const page = await openPage(svc.key);
    await event(svc.secret, "resolve", "a");
    expect((await testDb().escalation.findUniqueOrThrow({ where: { id: page.escalation.id } })).status).toBe("active");
    await event(svc.secret, "resolve", "b");
    const ended = await testDb().escalation.findUniqueOrThrow({ where: { id: page.escalation.id } });
    expect(ended.status).toBe("cancelled");
    expect(ended.endedReason).toBe("every alert resolved before anyone acknowledged");
    const after = (await pagesFor(oncall)).find((p) => p.id === page.id);
    expect(after.open).toBe(false);
    expect(after.alert).toMatchObject({ alerts: 2, firing: 0 });
    // Nothing escalates to the next step once called off.
    await sleep(DELAY_MIN * 60_000 + 1500);
    expect(await testDb().page.count({ where: { escalationId: page.escalation.id } })).toBe(1);

    // "a" fires again within 10 minutes: it rejoins its row, and since nobody is on it any more, it pages afresh.
    await event(svc.secret, "trigger", "a");
    const fresh = await openPage(svc.key);
    expect(fresh.escalation.id).not.toBe(page.escalation.id);
    const a = (await alertsOf(svc.serviceId)).find((x) => x.identity === "a")!;
    expect(a).toMatchObject({ status: "firing", escalationId: fresh.escalation.id });
    expect(await testDb().alert.count({ where: { serviceId: svc.serviceId, identity: "a" } })).toBe(1);
    // A new alert of the service joins that paging.
    await event(svc.secret, "trigger", "c");
    expect((await alertsOf(svc.serviceId)).find((x) => x.identity === "c")?.escalationId).toBe(fresh.escalation.id);
  });

  it("a critical alert still opens an incident, and an error alert joins the service's open incident instead of paging", async () => {
    const svc = await pagedService();
    await event(svc.secret, "trigger", "down", "critical");
    const [opened] = await alertsOf(svc.serviceId);
    expect(opened!.incidentId).not.toBeNull();
    await event(svc.secret, "trigger", "slow", "error");
    const slow = (await alertsOf(svc.serviceId)).find((a) => a.identity === "slow")!;
    expect(slow).toMatchObject({ action: "page", incidentId: opened!.incidentId, escalationId: null });
    expect(await testDb().escalation.count({ where: { services: { array_contains: [svc.key] }, incidentId: null } })).toBe(0);
    await testDb().incident.update({ where: { id: opened!.incidentId! }, data: { status: "resolved", resolvedAt: new Date() } });
  });

  it("a service without a policy records its page-only alerts: nobody to page", async () => {
    const key = `SVC-PGNOPOL${Date.now().toString(36).toUpperCase()}`;
    const service = await org.service(key);
    const made = await api("POST", `/api/v1/services/${key}/integration-keys`, { token: admin.token, body: { name: "Checks" } });
    await event(made.body.key, "trigger", "x");
    const [alert] = await alertsOf(service.id);
    expect(alert).toMatchObject({ action: "page", incidentId: null, escalationId: null });
  });

  it("a held page-only alert pages when its hold ends, not before", async () => {
    const svc = await pagedService({ rules: [{ name: "Wait a moment", severities: ["error"], action: "page", holdSeconds: 2 }] });
    await event(svc.secret, "trigger", "held");
    const [held] = await alertsOf(svc.serviceId);
    expect(held!.heldUntil).not.toBeNull();
    expect(held!.escalationId).toBeNull();
    expect((await pagesFor(oncall)).some((p) => p.alert?.service.key === svc.key)).toBe(false);
    const page = await openPage(svc.key);
    expect(page.alert.id).toBe(held!.id);
    const released = await testDb().alert.findUniqueOrThrow({ where: { id: held!.id } });
    expect(released.heldUntil).toBeNull();
    expect(released.escalationId).toBe(page.escalation.id);
  });
});

describe("declaring from a page", () => {
  it("moves the alerts and their escalation onto the new incident; the declarer's page is answered and nobody is paged again", async () => {
    const svc = await pagedService();
    await event(svc.secret, "trigger", "p-1");
    await event(svc.secret, "trigger", "p-2");
    const page = await openPage(svc.key);
    expect(page.alert.alertIds).toHaveLength(2);

    const bad = await api("POST", "/api/v1/alerts/declare", { token: oncall.token, body: { alertIds: [page.alert.id, "nope"], severity: "SEV2" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.alertIds).toContain("nope");
    const noSeverity = await api("POST", "/api/v1/alerts/declare", { token: oncall.token, body: { alertIds: [page.alert.id] } });
    expect(noSeverity.status).toBe(400);
    expect(noSeverity.body.error.fields.severity).toBeDefined();
    const viewer = await org.user("viewer");
    expect((await api("POST", "/api/v1/alerts/declare", { token: viewer.token, body: { alertIds: [page.alert.id], severity: "SEV2" } })).status).toBe(403);

    // Only the first alert is named: the escalation's other alert comes too (the page listed both).
    const declared = await api("POST", "/api/v1/alerts/declare", { token: oncall.token, body: { alertIds: [page.alert.id], severity: "SEV2" } });
    expect(declared.status, JSON.stringify(declared.body)).toBe(201);
    const ref = declared.body.ref as string;
    expect(declared.body.title).toBe("Queue depth high on p-1");
    expect(declared.body.severity).toBe("SEV2");
    expect(declared.body.roles.find((r: any) => r.role === "commander")?.user.handle).toBe(oncall.handle);
    const incident = await testDb().incident.findFirstOrThrow({ where: { orgId: org.id, number: Number(ref.slice(4)) } });
    const before = await alertsOf(svc.serviceId);
    expect(before.map((a) => a.incidentId)).toEqual([incident.id, incident.id]);
    // The impact began when the first alert did.
    expect(incident.startedAt?.toISOString()).toBe(before[0]!.firstSeenAt.toISOString());
    const escalation = await testDb().escalation.findUniqueOrThrow({ where: { id: page.escalation.id } });
    expect(escalation.incidentId).toBe(incident.id);
    expect(escalation.status).toBe("acknowledged");
    expect(incident.acknowledgedAt).not.toBeNull();
    const moved = await testDb().page.findUniqueOrThrow({ where: { id: page.id } });
    expect(moved).toMatchObject({ incidentId: incident.id, acknowledgedById: oncall.id });

    // Declaring again from the same alerts: they are on an incident now.
    const again = await api("POST", "/api/v1/alerts/declare", { token: oncall.token, body: { alertIds: [page.alert.id], severity: "SEV2" } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(ref);

    // The incident's alert entry was written with it, by the alerts' sender; its paging is the escalation that moved, not a new one.
    const entry = await until("the alert entry", async () => {
      const items = (await api("GET", `/api/v1/incidents/${ref}/timeline?after=0`, { token: admin.token })).body.items as any[];
      return items.find((e) => e.kind === "alert");
    });
    expect(entry.actorKind).toBe("automation");
    expect(entry.data).toMatchObject({ firing: 2, total: 2, open: 2, via: ["Checks"] });
    await sleep(1500);
    expect(await testDb().escalation.count({ where: { incidentId: incident.id } })).toBe(1);
    expect(await testDb().page.count({ where: { escalationId: page.escalation.id } })).toBe(1);

    // The service's next page-only alert joins the declared incident.
    await event(svc.secret, "trigger", "p-3");
    expect((await alertsOf(svc.serviceId)).find((a) => a.identity === "p-3")?.incidentId).toBe(incident.id);
    await api("PATCH", `/api/v1/incidents/${ref}`, { token: oncall.token, body: { version: declared.body.version, status: "mitigated" } });
  });
});
