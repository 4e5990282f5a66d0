// Escalation policies and pages against the real server, its real job queue
// (graphile-worker in the same Postgres) and real sockets: declaring an incident
// on a service pages the on-call of its policy's first step; an unacknowledged
// page escalates after its delay, an acknowledged one does not; only a human
// acknowledges. Delays are a few seconds (policies accept fractions of a minute).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, baseUrl, createOrg, declare, testDb, type TestOrg, type TestUser, until } from "./factories";

let org: TestOrg;
let admin: TestUser;
let oncall: TestUser;
let lead: TestUser;
let declarer: TestUser;
let viewer: TestUser;
let bot: TestUser;
let scheduleId: string;
const sockets: Socket[] = [];

const DELAY_MIN = 0.05; // 3 s
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A policy: the schedule's on-call, then the lead after DELAY_MIN; and a service that uses it. */
async function serviceWithPolicy(name: string, opts: { repeat?: number } = {}) {
  const policy = await api("POST", "/api/v1/escalation-policies", {
    token: admin.token,
    body: {
      name,
      steps: [
        { targets: [{ kind: "schedule", schedule: scheduleId }], delayMinutes: DELAY_MIN },
        { targets: [{ kind: "user", user: lead.handle }], delayMinutes: DELAY_MIN },
      ],
      repeat: opts.repeat ?? 0,
    },
  });
  expect(policy.status).toBe(201);
  const service = await org.service(`SVC-${name.toUpperCase().replace(/[^A-Z0-9]/g, "")}`);
  await testDb().service.update({ where: { id: service.id }, data: { escalationPolicyId: policy.body.id } });
  return { policy: policy.body, service };
}

async function pagesOf(user: TestUser, ref: string) {
  const res = await api("GET", `/api/v1/pages?incident=${ref}`, { token: user.token });
  expect(res.status).toBe(200);
  return res.body.items as any[];
}

async function escalationsOf(ref: string) {
  const res = await api("GET", `/api/v1/incidents/${ref}/pages`, { token: admin.token });
  expect(res.status).toBe(200);
  return res.body.escalations as any[];
}

async function entries(ref: string, token = admin.token) {
  const res = await api("GET", `/api/v1/incidents/${ref}/timeline?after=0`, { token });
  expect(res.status).toBe(200);
  return res.body.items as { kind: string; seq: number; data: any; actorKind: string }[];
}

beforeAll(async () => {
  org = await createOrg();
  [admin, oncall, lead, declarer, viewer] = await Promise.all([org.user("admin"), org.user("responder"), org.user("responder"), org.user("responder"), org.user("viewer")]);
  bot = await org.user("responder", { automation: true });
  // The bot acts as the on-call person's own automation: same user, automation token.
  const botToken = await testDb().apiToken.findFirstOrThrow({ where: { userId: bot.id } });
  await testDb().apiToken.update({ where: { id: botToken.id }, data: { userId: oncall.id } });
  bot = { ...bot, id: oncall.id, handle: oncall.handle };
  const schedule = await api("POST", "/api/v1/schedules", {
    token: admin.token,
    body: { name: "Primary", timeZone: "Europe/Berlin", layers: [{ start: "2026-01-01T09:00", shift: { unit: "week", count: 1 }, participants: [oncall.handle] }] },
  });
  expect(schedule.status).toBe(201);
  scheduleId = schedule.body.id;
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await testDb().$disconnect();
});

describe("escalation policies", () => {
  it("an admin creates one with schedule and person targets; everyone reads it; others cannot write", async () => {
    const body = {
      name: "Payments primary",
      description: "On-call first, then the lead",
      steps: [
        { targets: [{ kind: "schedule", schedule: "Primary" }], delayMinutes: 15 },
        { targets: [{ kind: "user", user: `@${lead.handle}` }], delayMinutes: 15 },
        { targets: [{ kind: "user", user: admin.email }], delayMinutes: 30 },
      ],
      repeat: 1,
    };
    for (const who of [declarer, viewer]) {
      expect((await api("POST", "/api/v1/escalation-policies", { token: who.token, body })).status).toBe(403);
    }
    const created = await api("POST", "/api/v1/escalation-policies", { token: admin.token, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Payments primary", repeat: 1, version: 1 });
    expect(created.body.steps.map((s: any) => s.startsAfterMinutes)).toEqual([0, 15, 30]);
    expect(created.body.steps[0].targets[0]).toMatchObject({ kind: "schedule", id: scheduleId, name: "Primary" });
    expect(created.body.steps[1].targets[0]).toMatchObject({ kind: "user", handle: lead.handle });

    const read = await api("GET", `/api/v1/escalation-policies/${created.body.id}`, { token: viewer.token });
    expect(read.status).toBe(200);
    expect(read.body.steps).toHaveLength(3);
    expect((await api("GET", "/api/v1/escalation-policies", { token: viewer.token })).body.items.map((p: any) => p.name)).toContain("Payments primary");

    for (const who of [declarer, viewer]) {
      expect((await api("PATCH", `/api/v1/escalation-policies/${created.body.id}`, { token: who.token, body: { version: 1, repeat: 0 } })).status).toBe(403);
      expect((await api("DELETE", `/api/v1/escalation-policies/${created.body.id}`, { token: who.token })).status).toBe(403);
    }
    const patched = await api("PATCH", `/api/v1/escalation-policies/${created.body.id}`, { token: admin.token, body: { version: 1, repeat: 0 } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ version: 2, repeat: 0 });
    const stale = await api("PATCH", `/api/v1/escalation-policies/${created.body.id}`, { token: admin.token, body: { version: 1, name: "Other" } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.fields.version).toMatch(/current version is 2/);
    expect((await api("GET", `/api/v1/escalation-policies/${created.body.id}`, { token: admin.token })).body.name).toBe("Payments primary");

    const removed = await api("DELETE", `/api/v1/escalation-policies/${created.body.id}`, { token: admin.token });
    expect(removed.status).toBe(204);
    expect((await api("GET", `/api/v1/escalation-policies/${created.body.id}`, { token: admin.token })).status).toBe(404);
  });

  it("refuses unknown targets, viewers as targets and bad delays with the field, and writes nothing", async () => {
    const before = await testDb().escalationPolicy.count({ where: { orgId: org.id } });
    const unknown = await api("POST", "/api/v1/escalation-policies", {
      token: admin.token,
      body: { name: "Bad", steps: [{ targets: [{ kind: "schedule", schedule: "No such" }, { kind: "user", user: viewer.handle }], delayMinutes: 5 }] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toEqual({
      "steps.0.targets.0": "no schedule No such",
      "steps.0.targets.1": `${viewer.handle} is a viewer and cannot acknowledge a page`,
    });
    const delay = await api("POST", "/api/v1/escalation-policies", {
      token: admin.token,
      body: { name: "Bad", steps: [{ targets: [{ kind: "user", user: lead.handle }], delayMinutes: -1 }] },
    });
    expect(delay.status).toBe(400);
    expect(Object.keys(delay.body.error.fields)).toEqual(["steps.0.delayMinutes"]);
    expect(await testDb().escalationPolicy.count({ where: { orgId: org.id } })).toBe(before);
  });
});

describe("pages", () => {
  it("declaring on a service pages its on-call at once, live in their own room; unacknowledged, it escalates to the next step on time, then gives up", async () => {
    const { service } = await serviceWithPolicy("Escalates");
    const socket = io(baseUrl(), { transports: ["websocket"], auth: { token: oncall.token }, reconnection: false, forceNew: true });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => (socket.once("connect", () => resolve()), socket.once("connect_error", reject)));
    const events: any[] = [];
    socket.on("page.changed", (e) => events.push(e));

    const declared = await declare(declarer.token, { services: [service.key], title: "Payments failing" });
    expect(declared.status).toBe(201);
    const ref = declared.body.ref;

    const first = await until("the on-call's page", async () => (await pagesOf(oncall, ref)).find((p) => p.open));
    expect(first).toMatchObject({ user: { handle: oncall.handle }, step: 0, round: 0, open: true, incident: { ref }, escalation: { policy: "Escalates", status: "active" } });
    expect(first.via).toMatchObject({ kind: "schedule", id: scheduleId, name: "Primary" });
    await until("the in-app event", async () => events.find((e) => e.ref === ref && e.reason === "paged"));
    expect(events[0]).toEqual({ type: "page.changed", ref, reason: "paged" }); // content-free
    expect(await pagesOf(lead, ref).then((p) => p.filter((x) => x.user.handle === lead.handle))).toHaveLength(0);

    const second = await until("the lead's page", async () => (await pagesOf(lead, ref)).find((p) => p.user.handle === lead.handle));
    const waited = new Date(second.createdAt).getTime() - new Date(first.createdAt).getTime();
    expect(waited).toBeGreaterThanOrEqual(3000);
    expect(second).toMatchObject({ step: 1, via: { kind: "user" }, open: true });

    const [escalation] = await until("exhausted", async () => {
      const list = await escalationsOf(ref);
      return list[0]?.status === "exhausted" && list;
    });
    expect(escalation.pages.map((p: any) => [p.user.handle, p.step, p.open])).toEqual([
      [oncall.handle, 0, false],
      [lead.handle, 1, false],
    ]);
    const kinds = (await entries(ref)).map((e) => e.kind);
    expect(kinds.filter((k) => k === "paged")).toHaveLength(2);
    expect(kinds.at(-1)).toBe("escalation_exhausted");
    const paged = (await entries(ref)).filter((e) => e.kind === "paged");
    expect(paged.map((e) => e.actorKind)).toEqual(["system", "system"]);
    expect(paged[0]!.data.users).toEqual([oncall.handle]);
  });

  it("an acknowledged page does not escalate: the escalation stops, its job is gone, the timeline says who and after how long", async () => {
    const { service } = await serviceWithPolicy("Acked");
    const ref = (await declare(declarer.token, { services: [service.key] })).body.ref;
    const page = await until("the page", async () => (await pagesOf(oncall, ref)).find((p) => p.open));

    expect((await api("POST", `/api/v1/pages/${page.id}/acknowledge`, { token: lead.token })).status).toBe(403); // not theirs
    expect((await api("POST", `/api/v1/pages/${page.id}/acknowledge`, { token: viewer.token })).status).toBe(403);
    const acked = await api("POST", `/api/v1/pages/${page.id}/acknowledge`, { token: oncall.token });
    expect(acked.status).toBe(200);
    expect(acked.body).toMatchObject({ open: false, acknowledgedBy: { handle: oncall.handle }, escalation: { status: "acknowledged", escalatesAt: null } });
    const again = await api("POST", `/api/v1/pages/${page.id}/acknowledge`, { token: oncall.token });
    expect(again.status).toBe(200);
    expect(again.body.acknowledgedAt).toBe(acked.body.acknowledgedAt);

    const escalationId = acked.body.escalation.id;
    const jobs = await testDb().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = ${`escalation:${escalationId}`}`;
    expect(jobs[0]!.n).toBe(0);
    await sleep(3000 * 1.5 + 1000); // past the step's delay
    const list = await escalationsOf(ref);
    expect(list[0]).toMatchObject({ status: "acknowledged" });
    expect(list[0].pages).toHaveLength(1);
    const ack = (await entries(ref)).find((e) => e.kind === "page_acknowledged")!;
    expect(ack.data).toMatchObject({ user: oncall.handle, stoppedEscalation: true, policy: "Acked" });
    expect(ack.data.afterSeconds).toBeGreaterThanOrEqual(0);
  });

  it("an automation's acknowledgement is a note: the page stays open, escalation goes on, time-to-acknowledge is not set", async () => {
    const { service } = await serviceWithPolicy("Bot ack");
    // Declared by an automation: the incident waits for a human's acknowledgement.
    const ref = (await declare(bot.token, { services: [service.key] })).body.ref;
    const page = await until("the page", async () => (await pagesOf(oncall, ref)).find((p) => p.open));
    const res = await api("POST", `/api/v1/pages/${page.id}/acknowledge`, { token: bot.token });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ open: true, acknowledgedAt: null, acknowledgedNow: false });
    expect(res.body.notes).toHaveLength(1);
    expect(res.body.notes[0]).toMatchObject({ actorKind: "automation" });
    expect((await api("GET", `/api/v1/incidents/${ref}`, { token: admin.token })).body.acknowledgedAt).toBeNull();

    const leadPage = await until("the lead's page", async () => (await pagesOf(lead, ref)).find((p) => p.user.handle === lead.handle));
    expect(leadPage.step).toBe(1);
    // The lead, a person, answers: that is the incident's first human acknowledgement.
    const acked = await api("POST", `/api/v1/pages/${leadPage.id}/acknowledge`, { token: lead.token });
    expect(acked.status).toBe(200);
    const incident = await api("GET", `/api/v1/incidents/${ref}`, { token: admin.token });
    expect(incident.body.acknowledgedAt).toBe(acked.body.acknowledgedAt);
    const note = await api("POST", `/api/v1/pages/${page.id}/notes`, { token: bot.token, body: { body: "auto-remediation ran" } });
    expect(note.status).toBe(201);
    expect(note.body.notes.map((n: any) => n.body)).toContain("auto-remediation ran");
    expect((await api("POST", `/api/v1/pages/${page.id}/notes`, { token: bot.token, body: { body: "" } })).status).toBe(400);
  });

  it("mitigating the incident ends its escalation: nobody else is paged", async () => {
    const { service } = await serviceWithPolicy("Mitigated");
    const declared = await declare(declarer.token, { services: [service.key] });
    const ref = declared.body.ref;
    await until("the page", async () => (await pagesOf(oncall, ref)).find((p) => p.open));
    const patched = await api("PATCH", `/api/v1/incidents/${ref}`, { token: declarer.token, body: { version: declared.body.version, status: "mitigated", reason: "rolled back" } });
    expect(patched.status).toBe(200);
    const list = await escalationsOf(ref);
    expect(list[0]).toMatchObject({ status: "cancelled", endedReason: "incident mitigated" });
    expect(list[0].pages[0].open).toBe(false);
    await sleep(3000 + 1500);
    expect((await escalationsOf(ref))[0].pages).toHaveLength(1);
    // One PATCH is still one timeline entry.
    expect((await entries(ref)).filter((e) => e.kind === "status_changed")).toHaveLength(1);
  });

  it("pages nobody for a drill, and the person who declares is not paged to come", async () => {
    const { service } = await serviceWithPolicy("Drill and self");
    const drill = (await declare(declarer.token, { services: [service.key], drill: true })).body.ref;
    const self = (await declare(oncall.token, { services: [service.key] })).body.ref;
    const [escalation] = await until("the self-declared escalation", async () => {
      const list = await escalationsOf(self);
      return list.length > 0 && list;
    });
    expect(escalation).toMatchObject({ status: "acknowledged", endedReason: "declared by the person paged" });
    expect(escalation.pages[0]).toMatchObject({ user: { handle: oncall.handle }, acknowledgedBy: { handle: oncall.handle }, open: false });
    await sleep(3000 + 1000);
    expect(await escalationsOf(drill)).toEqual([]);
    expect((await escalationsOf(self))[0].pages).toHaveLength(1);
  });

  it("a page for a private incident makes the person paged a member; others still get 404", async () => {
    const { service } = await serviceWithPolicy("Private");
    const ref = (await declare(declarer.token, { services: [service.key], private: true })).body.ref;
    const page = await until("the page", async () => (await pagesOf(oncall, ref)).find((p) => p.open));
    expect(page.incident).toMatchObject({ ref, private: true });
    expect((await api("GET", `/api/v1/incidents/${ref}`, { token: oncall.token })).status).toBe(200);
    expect((await api("GET", `/api/v1/incidents/${ref}/pages`, { token: viewer.token })).status).toBe(404);
    expect((await api("GET", `/api/v1/pages/${page.id}`, { token: viewer.token })).status).toBe(404);
    await api("POST", `/api/v1/pages/${page.id}/acknowledge`, { token: oncall.token });
  });
});

describe("webhook channel", () => {
  let receiver: http.Server;
  const received: any[] = [];
  let status = 200;

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push({ path: req.url, body: JSON.parse(body) });
        res.writeHead(status).end("ok");
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
  });
  afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

  it("delivers each page as Slack-compatible JSON, retries a failed delivery, masks the URL and never sends a private incident's page", async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook/SECRET-${org.id}`;
    expect((await api("POST", "/api/v1/notification-channels", { token: declarer.token, body: { name: "Slack", url } })).status).toBe(403);
    expect((await api("POST", "/api/v1/notification-channels", { token: admin.token, body: { name: "Slack", url: "ftp://x" } })).status).toBe(400);
    const channel = await api("POST", "/api/v1/notification-channels", { token: admin.token, body: { name: "Slack #oncall", url } });
    expect(channel.status).toBe(201);
    expect(channel.body.url).not.toContain("SECRET");
    expect(JSON.stringify((await api("GET", "/api/v1/notification-channels", { token: admin.token })).body)).not.toContain("SECRET");

    const { service } = await serviceWithPolicy("Webhook");
    status = 500; // the first attempt fails; the job retries
    const ref = (await declare(declarer.token, { services: [service.key], title: "Card payments failing" })).body.ref;
    const failed = await until("a failed attempt", async () => received.find((r) => r.body.conn.page.incident === ref));
    status = 200;
    expect(failed.path).toBe(`/hook/SECRET-${org.id}`);
    expect(failed.body.text).toContain(`Page for @${oncall.handle}: ${ref} SEV2: Card payments failing`);
    expect(failed.body.blocks[0].type).toBe("section");
    const page = await until("a recorded success", async () => {
      const p = (await pagesOf(oncall, ref))[0];
      return p?.deliveries.some((d: any) => d.ok) && p;
    }, 30_000);
    expect(page.deliveries.map((d: any) => d.ok)).toEqual([false, true]);
    expect(page.deliveries[0]).toMatchObject({ channel: "Slack #oncall", status: 500 });
    expect(JSON.stringify(page.deliveries)).not.toContain("SECRET");
    await api("POST", `/api/v1/pages/${page.id}/acknowledge`, { token: oncall.token });
    // Mitigated, so the next incidents on the service page its on-call again (an open one would be noted instead).
    const version = (await api("GET", `/api/v1/incidents/${ref}`, { token: declarer.token })).body.version;
    expect((await api("PATCH", `/api/v1/incidents/${ref}`, { token: declarer.token, body: { version, status: "mitigated", reason: "card processor back" } })).status).toBe(200);

    // A private incident's page stays in Conn: a shared channel must not learn that it exists at all.
    const secret = (await declare(declarer.token, { services: [service.key], title: "Secret acquisition leak", private: true })).body.ref;
    const privatePage = await until("the private page", async () => (await pagesOf(oncall, secret)).find((p) => p.open));
    const afterPrivate = received.length;
    // A public incident declared after it is delivered: by then the private one would have been too.
    const later = (await declare(declarer.token, { services: [service.key], title: "After the private one" })).body.ref;
    await until("the later page's delivery", async () => received.find((r) => r.body.conn.page.incident === later));
    expect(received.slice(afterPrivate).map((r) => r.body.conn.page.incident)).not.toContain(secret);
    expect(JSON.stringify(received)).not.toContain(secret);
    expect(JSON.stringify(received)).not.toContain("Secret acquisition");
    expect((await api("GET", `/api/v1/pages/${privatePage.id}`, { token: oncall.token })).body.deliveries).toEqual([]);
  });
});
