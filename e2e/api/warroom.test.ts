// The war room against the real server: the dashboard's order, sections and
// nudges, the server clock that fires nudges when nobody writes, escalation
// steps, and the organization room (private incidents reach members only).
import type { Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ALL_CRITERIA, api, createOrg, declare, testDb, type TestOrg, type TestUser, connectAs } from "./factories";

let org: TestOrg;
let ic: TestUser;
let other: TestUser;
let viewer: TestUser;
const sockets: Socket[] = [];

beforeAll(async () => {
  org = await createOrg();
  [ic, other, viewer] = await Promise.all([org.user("responder"), org.user("responder"), org.user("viewer")]);
});

afterEach(() => {
  while (sockets.length) sockets.pop()!.close();
});

afterAll(async () => {
  await testDb().$disconnect();
});

const connect = (token: string) => connectAs(token, sockets);

/** Collects the events of one name a socket receives. */
function collect<T = any>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

async function until(check: () => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

const incidentId = async (ref: string, orgId = org.id) => (await testDb().incident.findFirstOrThrow({ where: { orgId, number: Number(ref.slice(4)) } })).id;

describe("dashboard", () => {
  it("orders active incidents by severity then age, sets drills apart, lists mine and the recently resolved", async () => {
    const fresh = await createOrg();
    const [a, b] = await Promise.all([fresh.user("responder"), fresh.user("responder")]);
    const sev3 = (await declare(a.token, { title: "sev3 old", severity: "SEV3" })).body.ref;
    const sev1 = (await declare(b.token, { title: "sev1", severity: "SEV1" })).body.ref;
    const sev3b = (await declare(b.token, { title: "sev3 new", severity: "SEV3" })).body.ref;
    const drill = (await declare(a.token, { title: "game day", severity: "SEV2", drill: true })).body.ref;
    const done = (await declare(a.token, { title: "done", severity: "SEV2" })).body.ref;
    expect((await api("PATCH", `/api/v1/incidents/${done}`, { token: a.token, body: { version: 1, status: "resolved", reason: "fixed", resolution: ALL_CRITERIA } })).status).toBe(200);

    const res = await api("GET", "/api/v1/dashboard", { token: a.token });
    expect(res.status).toBe(200);
    expect(res.body.active.map((i: { ref: string }) => i.ref)).toEqual([sev1, sev3, sev3b]);
    expect(res.body.drills.map((i: { ref: string }) => i.ref)).toEqual([drill]);
    expect([...res.body.mine].sort()).toEqual([sev3, drill].sort()); // drills too: you hold a role there
    expect(res.body.recentlyResolved.map((i: { ref: string }) => i.ref)).toEqual([done]);
    expect(res.body.active[0]).toMatchObject({ commander: { handle: b.handle }, openBlockers: 0, activeWorkstreams: 0, myRoles: [] });
  });

  it("counts open blockers and workstreams, filters by service and team, and hides private incidents from non-members", async () => {
    const fresh = await createOrg();
    const [a, b] = await Promise.all([fresh.user("responder"), fresh.user("responder")]);
    const team = await testDb().team.create({ data: { orgId: fresh.id, key: "payments", name: "Payments" } });
    await testDb().service.create({ data: { orgId: fresh.id, key: "SVC-PAY", name: "Pay", teamId: team.id } });
    await fresh.service("SVC-OTHER");
    const paying = (await declare(a.token, { title: "pay", severity: "SEV2", services: ["SVC-PAY"] })).body.ref;
    const otherRef = (await declare(a.token, { title: "other", severity: "SEV2", services: ["SVC-OTHER"] })).body.ref;
    const secret = (await declare(a.token, { title: "secret", severity: "SEV1", private: true })).body.ref;
    await api("POST", `/api/v1/incidents/${paying}/board`, { token: a.token, body: { kind: "blocker", text: "Need CDN access" } });
    await api("POST", `/api/v1/incidents/${paying}/workstreams`, { token: a.token, body: { title: "W", goal: "G" } });

    const byService = await api("GET", "/api/v1/dashboard?service=svc-pay", { token: a.token });
    expect(byService.body.active.map((i: { ref: string }) => i.ref)).toEqual([paying]);
    expect(byService.body.active[0]).toMatchObject({ openBlockers: 1, activeWorkstreams: 1 });
    const byTeam = await api("GET", "/api/v1/dashboard?team=payments", { token: a.token });
    expect(byTeam.body.active.map((i: { ref: string }) => i.ref)).toEqual([paying]);

    const forB = await api("GET", "/api/v1/dashboard", { token: b.token });
    expect(forB.body.active.map((i: { ref: string }) => i.ref).sort()).toEqual([paying, otherRef].sort());
    const forA = await api("GET", "/api/v1/dashboard", { token: a.token });
    expect(forA.body.active.map((i: { ref: string }) => i.ref)).toContain(secret);
  });

  it("carries nudges with the action that clears them, and an update clears the overdue one", async () => {
    const ref = (await declare(ic.token, { title: "overdue", severity: "SEV2" })).body.ref;
    await testDb().incident.update({ where: { id: await incidentId(ref) }, data: { nextUpdateDueAt: new Date(Date.now() - 60_000) } });
    const item = (await api("GET", "/api/v1/dashboard", { token: ic.token })).body.active.find((i: { ref: string }) => i.ref === ref);
    expect(item.nudges).toEqual([expect.objectContaining({ kind: "update_overdue", level: "critical", action: expect.objectContaining({ kind: "post_update" }) })]);
    await api("POST", `/api/v1/incidents/${ref}/updates`, { token: ic.token, body: { condition: "c", action: "a" } });
    const after = (await api("GET", "/api/v1/dashboard", { token: ic.token })).body.active.find((i: { ref: string }) => i.ref === ref);
    expect(after.nudges).toEqual([]);
  });

  it("answers a viewer (read-only) and 400 on a bad filter", async () => {
    expect((await api("GET", "/api/v1/dashboard", { token: viewer.token })).status).toBe(200);
    expect((await api("GET", `/api/v1/dashboard?service=${"x".repeat(101)}`, { token: ic.token })).status).toBe(400);
    expect((await api("GET", "/api/v1/dashboard")).status).toBe(401);
  });
});

describe("the nudge clock", () => {
  it("fires a nudge on time with no write, to the incident room and the org room", async () => {
    const ref = (await declare(ic.token, { title: "quiet", severity: "SEV2" })).body.ref;
    const socket = await connect(other.token);
    const nudges = collect(socket, "incident.nudges.changed");
    const org = collect(socket, "org.incident.changed");
    expect((await socket.timeout(5000).emitWithAck("incident:join", { ref })).ok).toBe(true);
    // The update falls due in a moment; nobody writes.
    await testDb().incident.update({ where: { id: await incidentId(ref) }, data: { nextUpdateDueAt: new Date(Date.now() + 500) } });
    await until(() => nudges.some((e) => e.ref === ref && e.nudges.some((n: { kind: string }) => n.kind === "update_overdue")));
    await until(() => org.some((e) => e.ref === ref && e.reason === "incident.nudges.changed"));
    const event = nudges.find((e) => e.ref === ref)!;
    expect(event).not.toHaveProperty("memberIds");
  });
});

describe("escalation steps", () => {
  it("records a step once, in order, as one entry, and clears its nudge", async () => {
    const ref = (await declare(ic.token, { title: "escalate", severity: "SEV1" })).body.ref;
    await testDb().incident.update({ where: { id: await incidentId(ref) }, data: { declaredAt: new Date(Date.now() - 20 * 60_000) } });
    const before = (await api("GET", "/api/v1/dashboard", { token: ic.token })).body.active.find((i: { ref: string }) => i.ref === ref);
    expect(before.nudges.map((n: { kind: string }) => n.kind)).toContain("escalation_due");

    expect((await api("POST", `/api/v1/incidents/${ref}/escalations`, { token: ic.token, body: { step: 9 } })).status).toBe(400);
    const taken = await api("POST", `/api/v1/incidents/${ref}/escalations`, { token: ic.token, body: { step: 1, note: "Paged @platform-lead" } });
    expect(taken.status).toBe(201);
    expect(taken.body.entry).toMatchObject({ seq: 2, kind: "escalated", data: { step: 1, pullIn: "the platform lead", note: "Paged @platform-lead" } });
    expect((await api("POST", `/api/v1/incidents/${ref}/escalations`, { token: ic.token, body: { step: 1 } })).status).toBe(409);
    expect((await api("POST", `/api/v1/incidents/${ref}/escalations`, { token: viewer.token, body: { step: 2 } })).status).toBe(403);

    const after = (await api("GET", "/api/v1/dashboard", { token: ic.token })).body.active.find((i: { ref: string }) => i.ref === ref);
    expect(after.nudges.map((n: { kind: string }) => n.kind)).not.toContain("escalation_due");
    expect((await api("GET", `/api/v1/incidents/${ref}`, { token: ic.token })).body.escalationStep).toBe(1);
  });
});

describe("the organization room", () => {
  it("tells everyone in the org about a public incident's change, only members about a private one, and no other org", async () => {
    const stranger = await (await createOrg()).user("responder");
    const [member, outsider, foreign] = await Promise.all([connect(ic.token), connect(other.token), connect(stranger.token)]);
    const seen = { member: collect(member, "org.incident.changed"), outsider: collect(outsider, "org.incident.changed"), foreign: collect(foreign, "org.incident.changed") };

    const open = (await declare(ic.token, { title: "public", severity: "SEV3" })).body.ref;
    const secret = (await declare(ic.token, { title: "private", severity: "SEV3", private: true })).body.ref;
    await api("POST", `/api/v1/incidents/${secret}/timeline`, { token: ic.token, body: { body: "quiet note" } });
    await until(() => seen.member.filter((e) => e.ref === secret).length >= 2 && seen.outsider.some((e) => e.ref === open));

    expect(seen.member.find((e) => e.ref === open)).toMatchObject({ reason: "incident.timeline.entry_added", seq: 1, kind: "declared" });
    expect(seen.outsider.some((e) => e.ref === secret)).toBe(false);
    expect(seen.foreign.some((e) => e.ref === open || e.ref === secret)).toBe(false);
    // Summaries only: no entry content travels to the org room.
    expect(JSON.stringify(seen.member)).not.toContain("quiet note");
  });
});
