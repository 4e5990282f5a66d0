// The postmortem editor live over socket.io against the real server: who is
// editing which section (joins authorized like incident:join, payloads
// validated, cleared on disconnect), and section saves announced after commit
// with their version.
import type { Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { api, createOrg, declare, testDb, type TestOrg, type TestUser, connectAs } from "./factories";

let org: TestOrg;
let ic: TestUser;
let responder: TestUser;
let viewer: TestUser;
const sockets: Socket[] = [];

const connect = (token: string) => connectAs(token, sockets);

const join = (socket: Socket, ref: string) => socket.timeout(5000).emitWithAck("postmortem:join", { ref });
const editing = (socket: Socket, ref: string, section: string | null) => socket.timeout(5000).emitWithAck("postmortem:editing", { ref, section });

/** The next presence event that satisfies `test`. */
function presenceWhere(socket: Socket, test: (editors: { handle: string; section: string | null }[]) => boolean): Promise<any> {
  return new Promise((resolve) => {
    const on = (p: any) => {
      if (test(p.editors)) {
        socket.off("postmortem.presence.changed", on);
        resolve(p);
      }
    };
    socket.on("postmortem.presence.changed", on);
  });
}

const ALL_CRITERIA = { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true };

async function postmortemOf(body: Record<string, unknown> = {}): Promise<string> {
  const declared = await declare(ic.token, { title: "Live postmortem", severity: "SEV2", ...body });
  const ref = declared.body.ref as string;
  const resolved = await api("PATCH", `/api/v1/incidents/${ref}`, { token: ic.token, body: { version: declared.body.version, status: "resolved", reason: "ok", resolution: ALL_CRITERIA } });
  expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
  const pm = await api("POST", `/api/v1/incidents/${ref}/postmortem`, { token: ic.token, body: {} });
  expect(pm.status, JSON.stringify(pm.body)).toBe(201);
  return ref;
}

beforeAll(async () => {
  org = await createOrg();
  [ic, responder, viewer] = await Promise.all([org.user("responder"), org.user("responder"), org.user("viewer")]);
});

afterEach(() => {
  while (sockets.length) sockets.pop()!.close();
});

afterAll(async () => {
  await testDb().$disconnect();
});

describe("presence per section", () => {
  it("shows the other editor which section someone is editing, and clears it on leaving the section and on disconnect", async () => {
    const ref = await postmortemOf();
    const a = await connect(ic.token);
    const b = await connect(responder.token);
    expect(await join(a, ref)).toEqual({ ok: true, editors: [{ handle: ic.handle, name: expect.any(String), section: null }] });
    const bJoined = await join(b, ref);
    expect(bJoined.ok).toBe(true);
    expect(bJoined.editors.map((e: { handle: string }) => e.handle).sort()).toEqual([ic.handle, responder.handle].sort());

    const seen = presenceWhere(b, (editors) => editors.some((e) => e.handle === ic.handle && e.section === "impact"));
    expect((await editing(a, ref, "impact")).ok).toBe(true);
    const presence = await seen;
    expect(presence.ref).toBe(ref);
    expect(presence.editors).toContainEqual({ handle: ic.handle, name: expect.any(String), section: "impact" });
    expect(presence.editors).toContainEqual({ handle: responder.handle, name: expect.any(String), section: null });

    const cleared = presenceWhere(b, (editors) => editors.some((e) => e.handle === ic.handle && e.section === null));
    await editing(a, ref, null);
    await cleared;

    await editing(a, ref, "timeline");
    const gone = presenceWhere(b, (editors) => !editors.some((e) => e.handle === ic.handle));
    a.close();
    expect((await gone).editors).toEqual([{ handle: responder.handle, name: expect.any(String), section: null }]);
  });

  it("answers not_found to a non-member of a private incident, and sends it nothing", async () => {
    const ref = await postmortemOf({ private: true });
    const member = await connect(ic.token);
    const outsider = await connect(responder.token);
    expect((await join(member, ref)).ok).toBe(true);
    expect(await join(outsider, ref)).toEqual({ ok: false, error: { code: "not_found", message: expect.any(String) } });
    // Not joined: it cannot announce itself either.
    expect((await editing(outsider, ref, "summary")).error.code).toBe("conflict");
    let leaked = false;
    outsider.on("postmortem.presence.changed", () => (leaked = true));
    outsider.on("postmortem.section.saved", () => (leaked = true));
    await editing(member, ref, "summary");
    const save = await api("PATCH", `/api/v1/incidents/${ref}/postmortem/sections/summary`, { token: ic.token, body: { body: "secret", version: 1 } });
    expect(save.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(leaked).toBe(false);
  });

  it("validates payloads with zod", async () => {
    const ref = await postmortemOf();
    const a = await connect(ic.token);
    expect((await a.timeout(5000).emitWithAck("postmortem:join", { ref: "<script>" })).error.code).toBe("invalid_input");
    await join(a, ref);
    expect((await editing(a, ref, "Not A Key!")).error.code).toBe("invalid_input");
    expect((await a.timeout(5000).emitWithAck("postmortem:editing", { ref, section: "impact", extra: 1 })).error.code).toBe("invalid_input");
  });
});

describe("saves", () => {
  it("announces a committed save with its key, version and author to the other editors", async () => {
    const ref = await postmortemOf();
    const viewerSocket = await connect(viewer.token);
    expect((await join(viewerSocket, ref)).ok).toBe(true);
    const announced = new Promise<any>((resolve) => viewerSocket.once("postmortem.section.saved", resolve));
    const save = await api("PATCH", `/api/v1/incidents/${ref}/postmortem/sections/detection`, { token: responder.token, body: { body: "Alert fired at 14:02", version: 1 } });
    expect(save.status).toBe(200);
    const event = await announced;
    expect(event).toMatchObject({ type: "postmortem.section.saved", ref, key: "detection", version: 2, by: { handle: responder.handle } });
    // Committed before it was announced: the text is there at that version.
    const pm = await api("GET", `/api/v1/incidents/${ref}/postmortem`, { token: viewer.token });
    expect(pm.body.sections.find((s: { key: string }) => s.key === "detection")).toMatchObject({ body: "Alert fired at 14:02", version: 2 });
    // A stale save commits nothing and announces nothing.
    let again = false;
    viewerSocket.once("postmortem.section.saved", () => (again = true));
    const stale = await api("PATCH", `/api/v1/incidents/${ref}/postmortem/sections/detection`, { token: ic.token, body: { body: "other", version: 1 } });
    expect(stale.status).toBe(409);
    await new Promise((r) => setTimeout(r, 300));
    expect(again).toBe(false);
  });
});

describe("read-only viewers", () => {
  it("may read along but never show up as editing a section", async () => {
    const ref = await postmortemOf();
    const socket = await connect(viewer.token);
    expect((await socket.timeout(5000).emitWithAck("postmortem:join", { ref })).ok).toBe(true);
    const res = await socket.timeout(5000).emitWithAck("postmortem:editing", { ref, section: "summary" });
    expect(res).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });
});

/** The next event of this name that satisfies `test`. */
function eventWhere(socket: Socket, name: string, test: (payload: any) => boolean = () => true): Promise<any> {
  return new Promise((resolve) => {
    const on = (p: any) => {
      if (test(p)) {
        socket.off(name, on);
        resolve(p);
      }
    };
    socket.on(name, on);
  });
}

describe("the review live: comments and reviewers", () => {
  it("pushes a comment, its resolution and every reviewer change to the postmortem's editors after commit", async () => {
    const ref = await postmortemOf();
    const pm = await api("GET", `/api/v1/incidents/${ref}/postmortem`, { token: viewer.token });
    const reader = await connect(viewer.token);
    expect((await join(reader, ref)).ok).toBe(true);

    const posted = eventWhere(reader, "postmortem.comment.saved");
    const comment = await api("POST", `/api/v1/incidents/${ref}/postmortem/comments`, { token: responder.token, body: { section: "impact", body: "Add the **EU share**." } });
    expect(comment.status).toBe(201);
    const event = await posted;
    expect(event).toEqual({
      type: "postmortem.comment.saved",
      postmortemId: pm.body.id,
      ref,
      comment: { ...comment.body, author: { handle: responder.handle, name: expect.any(String) } },
    });
    // Committed before it was announced.
    const listed = await api("GET", `/api/v1/incidents/${ref}/postmortem/comments`, { token: viewer.token });
    expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([comment.body.id]);

    const resolvedEvent = eventWhere(reader, "postmortem.comment.saved", (p) => p.comment.resolvedAt !== null);
    expect((await api("PATCH", `/api/v1/incidents/${ref}/postmortem/comments/${comment.body.id}`, { token: ic.token, body: { resolved: true } })).status).toBe(200);
    expect((await resolvedEvent).comment).toMatchObject({ id: comment.body.id, resolvedBy: { handle: ic.handle } });

    const added = eventWhere(reader, "postmortem.reviewers.changed");
    expect((await api("POST", `/api/v1/incidents/${ref}/postmortem/reviewers`, { token: ic.token, body: { reviewer: responder.handle } })).status).toBe(201);
    expect(await added).toEqual({ type: "postmortem.reviewers.changed", postmortemId: pm.body.id, ref, reviewers: [{ handle: responder.handle, name: expect.any(String) }] });
    const removed = eventWhere(reader, "postmortem.reviewers.changed");
    expect((await api("DELETE", `/api/v1/incidents/${ref}/postmortem/reviewers?user=${responder.handle}`, { token: ic.token })).status).toBe(200);
    expect((await removed).reviewers).toEqual([]);

    // A refused write (a viewer's comment, a duplicate reviewer) commits nothing and announces nothing.
    let extra = 0;
    reader.on("postmortem.comment.saved", () => extra++);
    reader.on("postmortem.reviewers.changed", () => extra++);
    expect((await api("POST", `/api/v1/incidents/${ref}/postmortem/comments`, { token: viewer.token, body: { section: "impact", body: "no" } })).status).toBe(403);
    expect((await api("POST", `/api/v1/incidents/${ref}/postmortem/reviewers`, { token: ic.token, body: { reviewer: viewer.handle } })).status).toBe(400);
    await new Promise((r) => setTimeout(r, 300));
    expect(extra).toBe(0);
  });

  it("never sends a private incident's comments or reviewers to a non-member, nor another postmortem's to an editor", async () => {
    const secret = await postmortemOf({ private: true });
    const other = await postmortemOf();
    const member = await connect(ic.token);
    const outsider = await connect(responder.token);
    const elsewhere = await connect(viewer.token);
    expect((await join(member, secret)).ok).toBe(true);
    expect((await join(outsider, secret)).ok).toBe(false);
    expect((await join(elsewhere, other)).ok).toBe(true);
    let leaked = 0;
    for (const s of [outsider, elsewhere]) {
      s.on("postmortem.comment.saved", () => leaked++);
      s.on("postmortem.reviewers.changed", () => leaked++);
    }
    const seen = eventWhere(member, "postmortem.comment.saved");
    expect((await api("POST", `/api/v1/incidents/${secret}/postmortem/comments`, { token: ic.token, body: { section: "summary", body: "Rotate the key first." } })).status).toBe(201);
    expect((await seen).comment.body).toBe("Rotate the key first.");
    await new Promise((r) => setTimeout(r, 300));
    expect(leaked).toBe(0);
  });
});

describe("when access ends", () => {
  it("a member removed from a private incident is taken out of its postmortem's room and receives none of its events", async () => {
    const secret = await postmortemOf({ private: true });
    const number = Number(secret.slice(4));
    const { id: incidentId } = await testDb().incident.findFirstOrThrow({ where: { orgId: org.id, number }, select: { id: true } });
    await testDb().incidentMember.create({ data: { incidentId, userId: responder.id } });
    const owner = await connect(ic.token);
    const removed = await connect(responder.token);
    expect((await join(owner, secret)).ok).toBe(true);
    expect((await join(removed, secret)).ok).toBe(true);
    const leaked: string[] = [];
    for (const event of ["postmortem.comment.saved", "postmortem.section.saved", "postmortem.reviewers.changed"]) removed.on(event, () => leaked.push(event));
    const lost = new Promise<any>((resolve) => removed.once("postmortem.access.lost", resolve));

    // Removed from the members (no route does this yet): the next postmortem write carries the members as of its commit.
    await testDb().incidentMember.delete({ where: { incidentId_userId: { incidentId, userId: responder.id } } });
    const seen = eventWhere(owner, "postmortem.comment.saved");
    expect((await api("POST", `/api/v1/incidents/${secret}/postmortem/comments`, { token: ic.token, body: { section: "summary", body: "Members only." } })).status).toBe(201);
    expect((await seen).comment.body).toBe("Members only.");
    expect(await lost).toMatchObject({ type: "postmortem.access.lost", ref: secret });
    await api("POST", `/api/v1/incidents/${secret}/postmortem/comments`, { token: ic.token, body: { section: "summary", body: "Still members only." } });
    await new Promise((r) => setTimeout(r, 300));
    expect(leaked).toEqual([]);
    expect((await join(removed, secret)).ok).toBe(false);
  });
});

describe("reviews without an incident", () => {
  it("joins by id: presence, saves, comments and reviewers reach its editors; another organization cannot join", async () => {
    const created = await api("POST", "/api/v1/postmortems", { token: ic.token, body: { type: "near_miss", title: "Disk almost full" } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const a = await connect(ic.token);
    const b = await connect(responder.token);
    expect(await a.timeout(5000).emitWithAck("postmortem:join", { id })).toEqual({ ok: true, editors: [{ handle: ic.handle, name: expect.any(String), section: null }] });
    expect((await b.timeout(5000).emitWithAck("postmortem:join", { id })).ok).toBe(true);

    const presence = eventWhere(b, "postmortem.presence.changed", (p) => p.editors.some((e: { handle: string; section: string | null }) => e.handle === ic.handle && e.section === "detection"));
    expect((await a.timeout(5000).emitWithAck("postmortem:editing", { id, section: "detection" })).ok).toBe(true);
    expect(await presence).toMatchObject({ postmortemId: id, ref: null });

    const saved = eventWhere(b, "postmortem.section.saved");
    expect((await api("PATCH", `/api/v1/postmortems/${id}/sections/detection`, { token: ic.token, body: { body: "Caught by the 80% alert.", version: 1 } })).status).toBe(200);
    expect(await saved).toEqual({ type: "postmortem.section.saved", postmortemId: id, ref: null, key: "detection", version: 2, by: { handle: ic.handle, name: expect.any(String) } });

    const commented = eventWhere(a, "postmortem.comment.saved");
    const comment = await api("POST", `/api/v1/postmortems/${id}/comments`, { token: responder.token, body: { section: "detection", body: "How close was it?" } });
    expect(comment.status).toBe(201);
    expect((await commented).comment).toMatchObject({ id: comment.body.id, body: "How close was it?" });

    const reviewers = eventWhere(a, "postmortem.reviewers.changed");
    expect((await api("POST", `/api/v1/postmortems/${id}/reviewers`, { token: responder.token, body: { reviewer: ic.handle } })).status).toBe(201);
    expect((await reviewers).reviewers.map((r: { handle: string }) => r.handle)).toEqual([ic.handle]);

    const stranger = await connect((await (await createOrg()).user("admin")).token);
    expect(await stranger.timeout(5000).emitWithAck("postmortem:join", { id })).toEqual({ ok: false, error: { code: "not_found", message: expect.any(String) } });
    expect((await stranger.timeout(5000).emitWithAck("postmortem:editing", { id, section: "summary" })).error.code).toBe("conflict");

    // Leaving clears presence for the others.
    const left = eventWhere(b, "postmortem.presence.changed", (p) => !p.editors.some((e: { handle: string }) => e.handle === ic.handle));
    a.emit("postmortem:leave", { id });
    expect((await left).editors.map((e: { handle: string }) => e.handle)).toEqual([responder.handle]);
  });

  it("validates the target: a ref or an id, not both, and an incident without a postmortem has no room", async () => {
    const s = await connect(ic.token);
    expect((await s.timeout(5000).emitWithAck("postmortem:join", {})).error.code).toBe("invalid_input");
    expect((await s.timeout(5000).emitWithAck("postmortem:join", { ref: "INC-1", id: "abc" })).error.code).toBe("invalid_input");
    expect((await s.timeout(5000).emitWithAck("postmortem:join", { id: "not an id!" })).error.code).toBe("invalid_input");
    const declared = await declare(ic.token, { title: "No review yet" });
    expect((await s.timeout(5000).emitWithAck("postmortem:join", { ref: declared.body.ref })).error.code).toBe("not_found");
  });
});
