// Two-party handover (issue 18): command moves only when the person offered it accepts — in one transaction with
// its entry; of two accepts racing exactly one wins; an expired offer cannot be accepted, and the durable job
// expires it with an entry; automation tokens neither offer nor accept; a responder who is not the commander can
// neither offer nor take command from a commander who is present; taking command from an absent one is recorded
// as taken, never as a handover, and the outgoing commander is told. Against the real server, Postgres and socket.io.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import type { IncidentView } from "@/lib/domain/incident-view";
import { api, createOrg, declare, testDb, until, type TestOrg, type TestUser, connectAs } from "./factories";

let org: TestOrg;
let ic: TestUser;
let bob: TestUser;
let carol: TestUser;
let admin: TestUser;
let viewer: TestUser;
const sockets: Socket[] = [];

beforeAll(async () => {
  org = await createOrg();
  [ic, bob, carol, admin, viewer] = await Promise.all([org.user("responder"), org.user("responder"), org.user("responder"), org.user("admin"), org.user("viewer")]);
});
afterAll(() => {
  for (const s of sockets) s.close();
});

const briefing = { state: "Mitigated by rolling back checkout to v2.2; watching the error rate", workstreams: "- Rollback — done", openDecisions: "- Re-deploy v2.3?", nextUpdate: "03:30 UTC" };

async function newIncident(body: Record<string, unknown> = {}): Promise<string> {
  const res = await declare(ic.token, { title: `Handover ${Math.random().toString(36).slice(2, 8)}`, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.ref as string;
}
const view = async (ref: string, token = ic.token) => (await api<IncidentView>("GET", `/api/v1/incidents/${ref}`, { token })).body;
const commander = async (ref: string) => (await view(ref)).roles.find((r) => r.role === "commander")?.user.handle;
const kinds = async (ref: string) => ((await api("GET", `/api/v1/incidents/${ref}/timeline?after=0&limit=100`, { token: ic.token })).body.items as { kind: string }[]).map((e) => e.kind);
const offer = (ref: string, to: string, token = ic.token) => api("POST", `/api/v1/incidents/${ref}/handovers`, { token, body: { to, briefing } });
const accept = (ref: string, id: string, token = bob.token) => api("POST", `/api/v1/incidents/${ref}/handovers/${id}/accept`, { token });
const jobOf = async (id: string) => (await testDb().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = ${`handover.expire:${id}`}`)[0]!.n;

const connect = (token: string) => connectAs(token, sockets);

describe("offering and accepting command", () => {
  it("keeps the commander in command until the person offered accepts; then command moves with its entry, told in their rooms", async () => {
    const ref = await newIncident();
    const bobSocket = await connect(bob.token);
    const heard: unknown[] = [];
    bobSocket.on("handover.changed", (e) => heard.push(e));

    const offered = await offer(ref, bob.handle);
    expect(offered.status, JSON.stringify(offered.body)).toBe(201);
    const { handover } = offered.body;
    expect(handover).toMatchObject({ status: "pending", from: { handle: ic.handle }, to: { handle: bob.handle }, by: { handle: ic.handle }, briefing });
    expect(Date.parse(handover.expiresAt) - Date.parse(handover.offeredAt)).toBe(10 * 60_000);
    expect(offered.body.entry).toMatchObject({ kind: "handover_offered", data: { handoverId: handover.id, from: ic.handle, to: bob.handle, briefing } });
    expect(await jobOf(handover.id)).toBe(1);

    // Still the commander's, on the page and in the header's data, with the offer shown.
    const before = await view(ref);
    expect(before.roles.find((r) => r.role === "commander")?.user.handle).toBe(ic.handle);
    expect(before.handover).toMatchObject({ id: handover.id, status: "pending", to: { handle: bob.handle } });
    // Bob hears of it at once wherever he is, content-free, and his list has it.
    await until("bob told", async () => heard.length > 0);
    expect(heard[0]).toEqual({ type: "handover.changed", ref, reason: "offered" });
    const mine = (await api("GET", "/api/v1/handovers", { token: bob.token })).body;
    expect(mine.offers).toEqual([expect.objectContaining({ id: handover.id, from: expect.objectContaining({ handle: ic.handle }), incident: expect.objectContaining({ ref, severity: "SEV2" }) })]);
    expect((await api("GET", "/api/v1/handovers", { token: carol.token })).body.offers).toEqual([]);

    // Only bob accepts; the commander, someone else, a viewer cannot.
    expect((await accept(ref, handover.id, ic.token)).status).toBe(403);
    expect((await accept(ref, handover.id, carol.token)).status).toBe(403);
    expect((await accept(ref, handover.id, viewer.token)).status).toBe(403);
    const accepted = await accept(ref, handover.id);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.entry).toMatchObject({ kind: "handover_accepted", data: { user: bob.handle, previous: ic.handle, briefing } });

    const after = await view(ref);
    expect(after.handover).toBeNull();
    expect(after.roles.filter((r) => r.role === "commander")).toEqual([
      expect.objectContaining({ user: expect.objectContaining({ handle: bob.handle }), briefing, briefedBy: expect.objectContaining({ handle: ic.handle }), acknowledgedAt: expect.any(String), taken: false }),
    ]);
    const history = await testDb().roleAssignment.findMany({ where: { incident: { orgId: org.id, number: Number(ref.slice(4)) }, role: "commander" }, orderBy: { assignedAt: "asc" } });
    expect(history.map((h) => [h.userId, h.endedAt !== null])).toEqual([[ic.id, true], [bob.id, false]]);
    expect((await kinds(ref)).slice(-2)).toEqual(["handover_offered", "handover_accepted"]);
    expect(await jobOf(handover.id)).toBe(0);
    await until("bob told it was accepted", async () => heard.length > 1);
    expect(heard[1]).toEqual({ type: "handover.changed", ref, reason: "accepted" });
    // Accepted once: a second accept is 409, and the old commander is no longer the one to offer.
    expect((await accept(ref, handover.id)).status).toBe(409);
    expect((await offer(ref, carol.handle, ic.token)).status).toBe(403);
  });

  it("of two accepts racing, exactly one wins and the other is 409; one command change, one entry", async () => {
    const ref = await newIncident();
    const { handover } = (await offer(ref, bob.handle)).body;
    const results = await Promise.all([accept(ref, handover.id), accept(ref, handover.id), accept(ref, handover.id)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect((await kinds(ref)).filter((k) => k === "handover_accepted")).toHaveLength(1);
    const active = await testDb().roleAssignment.findMany({ where: { incident: { orgId: org.id, number: Number(ref.slice(4)) }, role: "commander", endedAt: null } });
    expect(active.map((a) => a.userId)).toEqual([bob.id]);
  });

  it("an expired offer cannot be accepted, and its job expires it with an entry and nudges the commander", async () => {
    const ref = await newIncident();
    const { handover } = (await offer(ref, bob.handle)).body;
    await testDb().handover.update({ where: { id: handover.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const late = await accept(ref, handover.id);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/expired/);
    expect(await commander(ref)).toBe(ic.handle);

    // The durable job, due now (replacing the pending one by its key), writes the expiry.
    await testDb().$executeRaw`SELECT graphile_worker.add_job('handover.expire', ${JSON.stringify({ handoverId: handover.id })}::json, run_at := now(), job_key := ${`handover.expire:${handover.id}`})`;
    await until("the offer expired", async () => (await testDb().handover.findUnique({ where: { id: handover.id } }))?.status === "expired");
    expect((await kinds(ref)).at(-1)).toBe("handover_expired");
    const now = await view(ref);
    expect(now.handover).toMatchObject({ id: handover.id, status: "expired", decidedAt: expect.any(String) });
    expect(await commander(ref)).toBe(ic.handle);
    const item = (await api("GET", "/api/v1/dashboard", { token: ic.token })).body.active.find((i: { ref: string }) => i.ref === ref);
    expect(item.nudges).toContainEqual(expect.objectContaining({ kind: "handover_unanswered", message: `The handover to @${bob.handle} expired unanswered: offer it again or to someone else.`, action: expect.objectContaining({ kind: "hand_over" }) }));
    expect((await api("GET", "/api/v1/handovers", { token: bob.token })).body.offers.map((o: { id: string }) => o.id)).not.toContain(handover.id);
  });

  it("a decline keeps the commander in command with the reason (required); a newer offer replaces a pending one; an offer is withdrawn", async () => {
    const ref = await newIncident();
    const first = (await offer(ref, bob.handle)).body.handover;
    const noReason = await api("POST", `/api/v1/incidents/${ref}/handovers/${first.id}/decline`, { token: bob.token, body: { reason: " " } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields).toHaveProperty("reason");
    const declined = await api("POST", `/api/v1/incidents/${ref}/handovers/${first.id}/decline`, { token: bob.token, body: { reason: "On INC-1 already" } });
    expect(declined.status).toBe(200);
    expect((await view(ref)).handover).toMatchObject({ status: "declined", reason: "On INC-1 already" });
    expect(await commander(ref)).toBe(ic.handle);
    const dash = (await api("GET", "/api/v1/dashboard", { token: ic.token })).body.active.find((i: { ref: string }) => i.ref === ref);
    expect(dash.nudges).toContainEqual(expect.objectContaining({ kind: "handover_unanswered", message: `@${bob.handle} declined command: “On INC-1 already”. Offer it to someone else.` }));

    const second = (await offer(ref, bob.handle)).body.handover;
    const third = (await offer(ref, carol.handle)).body.handover;
    expect((await testDb().handover.findUnique({ where: { id: second.id } }))?.status).toBe("superseded");
    expect(await jobOf(second.id)).toBe(0);
    const stale = await accept(ref, second.id);
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toBe("This offer was already replaced.");
    expect((await view(ref)).handover).toMatchObject({ id: third.id, to: { handle: carol.handle } });

    expect((await api("POST", `/api/v1/incidents/${ref}/handovers/${third.id}/withdraw`, { token: bob.token })).status).toBe(403);
    expect((await api("POST", `/api/v1/incidents/${ref}/handovers/${third.id}/withdraw`, { token: ic.token })).status).toBe(200);
    expect((await view(ref)).handover).toBeNull();
    expect((await accept(ref, third.id, carol.token)).status).toBe(409);
    const list = (await api("GET", `/api/v1/incidents/${ref}/handovers`, { token: viewer.token })).body.items;
    expect(list.map((h: { status: string }) => h.status)).toEqual(["withdrawn", "superseded", "declined"]);
    expect(await kinds(ref)).toEqual(["declared", "handover_offered", "handover_declined", "handover_offered", "handover_offered", "handover_withdrawn"]);
  });
});

describe("who may offer, accept or take command", () => {
  it("an automation token neither offers nor accepts (403), and writes nothing", async () => {
    const ref = await newIncident();
    const icBot = (await api("POST", "/api/v1/tokens", { token: ic.token, body: { name: "agent", automation: true } })).body.token as string;
    const bobBot = (await api("POST", "/api/v1/tokens", { token: bob.token, body: { name: "agent", automation: true } })).body.token as string;
    expect((await offer(ref, bob.handle, icBot)).status).toBe(403);
    const { handover } = (await offer(ref, bob.handle)).body;
    const byBot = await accept(ref, handover.id, bobBot);
    expect(byBot.status).toBe(403);
    expect(byBot.body.error.message).toMatch(/automation/);
    expect((await api("POST", `/api/v1/incidents/${ref}/handovers/${handover.id}/decline`, { token: bobBot, body: { reason: "bot" } })).status).toBe(403);
    expect((await api("PUT", `/api/v1/incidents/${ref}/roles/commander`, { token: icBot, body: { user: bob.handle } })).status).toBe(403);
    expect(await kinds(ref)).toEqual(["declared", "handover_offered"]);
  });

  it("a responder who is not the commander cannot offer, nor take command while the commander is present; the commander cannot hand over by assigning", async () => {
    const ref = await newIncident();
    const byOther = await offer(ref, carol.handle, bob.token);
    expect(byOther.status).toBe(403);
    expect(byOther.body.error.message).toBe("Only the incident commander (or an admin) can offer command.");
    const take = await api("PUT", `/api/v1/incidents/${ref}/roles/commander`, { token: bob.token, body: { user: bob.handle, briefing: "I'll take it" } });
    expect(take.status).toBe(403);
    expect(take.body.error.message).toMatch(new RegExp(`^@${ic.handle} has command and wrote on this incident less than a minute ago: ask them to hand over`));
    const assign = await api("PUT", `/api/v1/incidents/${ref}/roles/commander`, { token: ic.token, body: { user: bob.handle, briefing } });
    expect(assign.status).toBe(403);
    expect(assign.body.error.message).toMatch(/offer it/);
    expect(await commander(ref)).toBe(ic.handle);
    // Bad offers name the field.
    for (const [to, field] of [[viewer.handle, "to"], [ic.handle, "to"], ["nobody-here", "to"]] as const) {
      const res = await offer(ref, to);
      expect(res.status, to).toBe(400);
      expect(res.body.error.fields).toHaveProperty(field);
    }
    const noState = await api("POST", `/api/v1/incidents/${ref}/handovers`, { token: ic.token, body: { to: bob.handle, briefing: { state: "" } } });
    expect(noState.status).toBe(400);
    expect(Object.keys(noState.body.error.fields).some((f) => f.startsWith("briefing"))).toBe(true);
    expect(await kinds(ref)).toEqual(["declared"]);
  });

  it("taking command from a silent commander is recorded as taken (not a handover), replaces a pending offer, and tells the outgoing commander", async () => {
    const ref = await newIncident();
    const id = (await testDb().incident.findFirstOrThrow({ where: { orgId: org.id, number: Number(ref.slice(4)) } })).id;
    const { handover } = (await offer(ref, carol.handle)).body;
    const icSocket = await connect(ic.token);
    const heard: unknown[] = [];
    icSocket.on("handover.changed", (e) => heard.push(e));
    // The commander last wrote 15 minutes ago (the organization's default): back-date their assignment and entries.
    const silent = new Date(Date.now() - 15 * 60_000 - 1000);
    await testDb().roleAssignment.updateMany({ where: { incidentId: id, role: "commander", endedAt: null }, data: { assignedAt: silent } });
    await testDb().timelineEntry.updateMany({ where: { incidentId: id }, data: { at: silent } });

    const taken = await api("PUT", `/api/v1/incidents/${ref}/roles/commander`, { token: bob.token, body: { user: bob.handle, briefing: "IC dropped off the bridge" } });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(taken.body.entry).toMatchObject({ kind: "command_taken", data: { user: bob.handle, previous: ic.handle, reason: "absent", briefing: { state: "IC dropped off the bridge" } } });
    const after = await view(ref);
    expect(after.roles.find((r) => r.role === "commander")).toMatchObject({ user: { handle: bob.handle }, taken: true, acknowledgedAt: null });
    expect(after.handover).toBeNull();
    expect((await testDb().handover.findUnique({ where: { id: handover.id } }))?.status).toBe("superseded");
    expect(await jobOf(handover.id)).toBe(0);
    await until("the outgoing commander told", async () => heard.some((e) => (e as { reason: string }).reason === "taken"));
    const mine = (await api("GET", "/api/v1/handovers", { token: ic.token })).body;
    expect(mine.taken).toEqual([expect.objectContaining({ status: "taken", reason: "absent", to: expect.objectContaining({ handle: bob.handle }), incident: expect.objectContaining({ ref }) })]);
    expect((await kinds(ref)).slice(-1)).toEqual(["command_taken"]);
    expect((await kinds(ref)).filter((k) => k === "handover_accepted")).toEqual([]);

    // An admin may take command at any time, even from a commander who just wrote.
    const byAdmin = await api("PUT", `/api/v1/incidents/${ref}/roles/commander`, { token: admin.token, body: { user: carol.handle } });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.entry).toMatchObject({ kind: "command_taken", data: { user: carol.handle, previous: bob.handle, reason: "admin" } });
    // And may offer command they do not hold; the incoming person accepts from the commander.
    const adminOffer = await offer(ref, ic.handle, admin.token);
    expect(adminOffer.status).toBe(201);
    expect(adminOffer.body.handover).toMatchObject({ from: { handle: carol.handle }, by: { handle: admin.handle } });
    expect((await accept(ref, adminOffer.body.handover.id, ic.token)).body.entry).toMatchObject({ data: { user: ic.handle, previous: carol.handle } });
  });

  it("a deactivated commander's command may be taken by any responder", async () => {
    const ref = await newIncident();
    await testDb().user.update({ where: { id: ic.id }, data: { deactivatedAt: new Date() } });
    try {
      const taken = await api("PUT", `/api/v1/incidents/${ref}/roles/commander`, { token: bob.token, body: { user: bob.handle } });
      expect(taken.status, JSON.stringify(taken.body)).toBe(200);
      expect(taken.body.entry.data.reason).toBe("deactivated");
    } finally {
      await testDb().user.update({ where: { id: ic.id }, data: { deactivatedAt: null } });
    }
  });

  it("offering command of a private incident makes the person offered a member, who then sees it", async () => {
    const ref = await newIncident({ private: true });
    expect((await api("GET", `/api/v1/incidents/${ref}`, { token: bob.token })).status).toBe(404);
    expect((await api("GET", `/api/v1/incidents/${ref}/handovers`, { token: bob.token })).status).toBe(404);
    const { handover } = (await offer(ref, bob.handle)).body;
    expect((await api("GET", `/api/v1/incidents/${ref}`, { token: bob.token })).status).toBe(200);
    expect((await api("GET", "/api/v1/handovers", { token: bob.token })).body.offers.map((o: { id: string }) => o.id)).toContain(handover.id);
    // Not so for someone else: the offer does not exist for them.
    expect((await accept(ref, handover.id, carol.token)).status).toBe(404);
  });
});
