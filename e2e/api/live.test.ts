// Running an incident through the API against the real server and Postgres:
// every write is one timeline entry with the next seq, concurrent writers get
// gapless seqs, stale versions are refused, command moves only by an accepted offer, and the
// snapshot plus the entries after it is exactly the state (the client's rule).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEntries, type IncidentView } from "@/lib/domain/incident-view";
import { api, createOrg, declare, testDb, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let ic: TestUser;
let responder: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  org = await createOrg();
  [ic, responder, viewer] = await Promise.all([org.user("responder"), org.user("responder"), org.user("viewer")]);
});

afterAll(async () => {
  await testDb().$disconnect();
});

async function newIncident(body: Record<string, unknown> = {}, token = ic.token): Promise<string> {
  const res = await declare(token, body);
  expect(res.status).toBe(201);
  return res.body.ref as string;
}

async function view(ref: string, token = ic.token): Promise<IncidentView> {
  const res = await api("GET", `/api/v1/incidents/${ref}`, { token });
  expect(res.status).toBe(200);
  return res.body as IncidentView;
}

async function timeline(ref: string, after = 0) {
  const res = await api("GET", `/api/v1/incidents/${ref}/timeline?after=${after}`, { token: ic.token });
  expect(res.status).toBe(200);
  return res.body.items as { seq: number; kind: string; data: Record<string, unknown>; author: { handle: string } | null }[];
}

/** Every write route of a running incident, each with a valid body for an incident at version 1. */
function writes(ref: string, ids: { workstream?: { id: string; version: number }; board?: { id: string; version: number } } = {}) {
  return [
    ["POST", `/api/v1/incidents/${ref}/timeline`, { body: "Looking at the **EU** load balancers" }, "note"],
    ["POST", `/api/v1/incidents/${ref}/updates`, { condition: "Checkout 502s in EU", action: "Rolling back", need: "" }, "update"],
    ["POST", `/api/v1/incidents/${ref}/decisions`, { decision: "Roll back v2.3", rationale: "Started with the deploy", reversible: true }, "decision"],
    ["PATCH", `/api/v1/incidents/${ref}`, { version: 1, severity: "SEV1", reason: "EU checkout fully down" }, "severity_changed"],
    ["PUT", `/api/v1/incidents/${ref}/roles/scribe`, { user: responder.handle }, "role_assigned"],
    ["POST", `/api/v1/incidents/${ref}/workstreams`, { title: "Rollback", goal: "v2.2 everywhere", lead: responder.handle }, "workstream"],
    ["POST", `/api/v1/incidents/${ref}/board`, { kind: "hypothesis", text: "The deploy broke TLS", disproveBy: "Errors before 14:02" }, "board"],
    ["POST", `/api/v1/incidents/${ref}/timeline/1/pin`, { pinned: true }, "entry_pinned"],
    ...(ids.workstream ? [["PATCH", `/api/v1/incidents/${ref}/workstreams/${ids.workstream.id}`, { version: ids.workstream.version, status: "blocked" }, "workstream"] as const] : []),
    ...(ids.board ? [["PATCH", `/api/v1/incidents/${ref}/board/${ids.board.id}`, { version: ids.board.version, state: "confirmed" }, "board"] as const] : []),
  ] as const;
}

describe("every write is exactly one entry with the next seq", () => {
  it("for each kind of change, and the snapshot plus the entries after it is the state", async () => {
    const ref = await newIncident({ severity: "SEV2" });
    const start = await view(ref);
    expect(start.lastSeq).toBe(1);
    let seq = 1;
    for (const [method, path, body, kind] of writes(ref)) {
      const res = await api(method, path, { token: ic.token, body });
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
      seq += 1;
      const entries = await timeline(ref, seq - 1);
      expect(entries.map((e) => [e.seq, e.kind])).toEqual([[seq, kind]]);
    }
    const now = await view(ref);
    const ws = now.workstreams[0]!;
    const item = now.board[0]!;
    for (const [method, path, body, kind] of writes(ref, { workstream: ws, board: item }).slice(-2)) {
      const res = await api(method, path, { token: ic.token, body });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      seq += 1;
      expect((await timeline(ref, seq - 1)).map((e) => [e.seq, e.kind])).toEqual([[seq, kind]]);
    }

    const final = await view(ref);
    expect(final.lastSeq).toBe(seq);
    const replayed = applyEntries(start, (await timeline(ref, start.lastSeq)) as never);
    expect(replayed.gap).toBe(false);
    expect(replayed.view).toEqual(final);
    expect(final).toMatchObject({
      severity: "SEV1",
      version: 2,
      decisions: [expect.objectContaining({ decision: "Roll back v2.3", reversible: true, decidedBy: expect.objectContaining({ handle: ic.handle }) })],
      workstreams: [expect.objectContaining({ title: "Rollback", status: "blocked", lead: expect.objectContaining({ handle: responder.handle }) })],
      board: [expect.objectContaining({ kind: "hypothesis", state: "confirmed", disproveBy: "Errors before 14:02" })],
      pinned: [expect.objectContaining({ seq: 1, kind: "declared", pinned: true })],
      latestUpdate: expect.objectContaining({ condition: "Checkout 502s in EU", audience: "internal" }),
    });
    expect(final.roles.map((r) => [r.role, r.user.handle]).sort()).toEqual([["commander", ic.handle], ["scribe", responder.handle]].sort());
    const audits = await testDb().auditLog.count({ where: { orgId: org.id, targetId: { not: null }, action: { startsWith: "incident." }, NOT: { action: "incident.declare" }, data: { path: ["ref"], equals: ref } } });
    expect(audits).toBe(seq - 1);
  });

  it("gives 40 concurrent writers 40 entries with gapless, strictly increasing seqs", async () => {
    const ref = await newIncident();
    const writers = await Promise.all([0, 1, 2, 3].map(() => org.user("responder")));
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2
          ? api("POST", `/api/v1/incidents/${ref}/timeline`, { token: writers[i % 4]!.token, body: { body: `note ${i}` } })
          : api("POST", `/api/v1/incidents/${ref}/updates`, { token: writers[i % 4]!.token, body: { condition: `c ${i}`, action: "a", need: "" } }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(40).fill(201));
    const entries = await timeline(ref);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    const seqs = results.map((r) => (r.body.seq ?? r.body.entry?.seq) as number).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 2));
  });
});

describe("optimistic concurrency", () => {
  it("refuses a PATCH with a stale version (409 with the current version) and writes nothing", async () => {
    const ref = await newIncident();
    const first = await api("PATCH", `/api/v1/incidents/${ref}`, { token: ic.token, body: { version: 1, title: "EU checkout 502s" } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 2, title: "EU checkout 502s", entry: { seq: 2, kind: "incident_edited" } });

    const stale = await api("PATCH", `/api/v1/incidents/${ref}`, { token: responder.token, body: { version: 1, title: "Something else" } });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "conflict", details: { version: 2 } });
    expect(await view(ref)).toMatchObject({ title: "EU checkout 502s", version: 2, lastSeq: 2 });
  });

  it("lets exactly one of two concurrent edits of the same version win", async () => {
    const ref = await newIncident();
    const [a, b] = await Promise.all([
      api("PATCH", `/api/v1/incidents/${ref}`, { token: ic.token, body: { version: 1, summary: "from A" } }),
      api("PATCH", `/api/v1/incidents/${ref}`, { token: responder.token, body: { version: 1, summary: "from B" } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? "from A" : "from B";
    expect(await view(ref)).toMatchObject({ summary: winner, version: 2, lastSeq: 2 });
  });

  it("refuses a stale workstream edit", async () => {
    const ref = await newIncident();
    const created = await api("POST", `/api/v1/incidents/${ref}/workstreams`, { token: ic.token, body: { title: "DB", goal: "Replication healthy" } });
    expect(created.status).toBe(201);
    const path = `/api/v1/incidents/${ref}/workstreams/${created.body.id}`;
    expect((await api("PATCH", path, { token: ic.token, body: { version: 1, lead: responder.handle } })).status).toBe(200);
    const stale = await api("PATCH", path, { token: responder.token, body: { version: 1, status: "done" } });
    expect(stale.status).toBe(409);
    expect((await view(ref)).workstreams[0]).toMatchObject({ status: "active", version: 2, lead: { handle: responder.handle } });
  });

  it("writes nothing for a PATCH that changes nothing", async () => {
    const ref = await newIncident({ title: "Same" });
    const res = await api("PATCH", `/api/v1/incidents/${ref}`, { token: ic.token, body: { version: 1, title: "Same" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 1, lastSeq: 1, entry: null });
  });
});

describe("lifecycle", () => {
  it("needs a reason for severity and status changes (400 on the field, nothing written)", async () => {
    const ref = await newIncident();
    for (const body of [{ version: 1, severity: "SEV1" }, { version: 1, status: "mitigated" }]) {
      const res = await api("PATCH", `/api/v1/incidents/${ref}`, { token: ic.token, body });
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toHaveProperty("reason");
    }
    expect(await view(ref)).toMatchObject({ version: 1, lastSeq: 1, severity: "SEV2", status: "investigating" });
  });

  it("checks transitions, sets each step's time, and lets a resolved incident reopen", async () => {
    const ref = await newIncident();
    const patch = (version: number, body: Record<string, unknown>) => api("PATCH", `/api/v1/incidents/${ref}`, { token: ic.token, body: { version, ...body } });

    const close = await patch(1, { status: "closed", reason: "done" });
    expect(close.status).toBe(409);
    expect(close.body.error.message).toMatch(/resolve it first/i);

    const mitigated = await patch(1, { status: "mitigated", reason: "Rolled back" });
    expect(mitigated.body).toMatchObject({ status: "mitigated", mitigatedAt: expect.any(String), resolvedAt: null });
    const resolved = await patch(2, {
      status: "resolved",
      reason: "Error rate normal for 30 min",
      resolution: { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true },
    });
    expect(resolved.body).toMatchObject({ status: "resolved", resolvedAt: expect.any(String), nextUpdateDueAt: null });
    expect(resolved.body.entry).toMatchObject({ kind: "status_changed", data: { from: "mitigated", to: "resolved", resolution: { servicesRestored: true } } });

    const recovery = await patch(3, { recovery: { servicesVerified: true, stakeholdersNotified: true } });
    expect(recovery.body.recovery).toEqual({ servicesVerified: true, stakeholdersNotified: true });

    const reopened = await patch(4, { status: "investigating", reason: "Errors are back" });
    expect(reopened.body).toMatchObject({ status: "investigating", mitigatedAt: null, resolvedAt: null, recovery: {} });
    expect(new Date(reopened.body.nextUpdateDueAt).getTime()).toBeGreaterThan(Date.now());

    const early = await patch(5, { recovery: { servicesVerified: true } });
    expect(early.status).toBe(409);
    const kinds = (await timeline(ref)).map((e) => e.kind);
    expect(kinds).toEqual(["declared", "status_changed", "status_changed", "incident_edited", "status_changed"]);
  });

  it("tightens the update cadence when severity goes up", async () => {
    const ref = await newIncident({ severity: "SEV3" });
    const before = await view(ref);
    const res = await api("PATCH", `/api/v1/incidents/${ref}`, { token: ic.token, body: { version: 1, severity: "SEV1", reason: "All regions" } });
    expect(res.status).toBe(200);
    const due = new Date(res.body.nextUpdateDueAt).getTime();
    expect(due).toBeLessThan(new Date(before.nextUpdateDueAt!).getTime());
    expect(due - Date.now()).toBeLessThanOrEqual(15 * 60_000);
  });
});

describe("CAN updates", () => {
  it("set the next update from the severity's cadence, or from the explicit choice", async () => {
    const ref = await newIncident({ severity: "SEV2" });
    const t0 = Date.now();
    const byCadence = await api("POST", `/api/v1/incidents/${ref}/updates`, { token: ic.token, body: { condition: "c", action: "a", need: "n", audience: "exec" } });
    expect(byCadence.status).toBe(201);
    const due = new Date(byCadence.body.nextUpdateDueAt).getTime() - t0;
    expect(due).toBeGreaterThanOrEqual(30 * 60_000 - 1000);
    expect(due).toBeLessThanOrEqual(30 * 60_000 + 5000);

    const explicit = await api("POST", `/api/v1/incidents/${ref}/updates`, { token: ic.token, body: { condition: "c2", action: "a2", nextUpdateInMinutes: 5 } });
    expect(new Date(explicit.body.nextUpdateDueAt).getTime() - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    const v = await view(ref);
    expect(v.nextUpdateDueAt).toBe(explicit.body.nextUpdateDueAt);
    expect(v.latestUpdate).toMatchObject({ condition: "c2", audience: "internal" });
    expect(v.latestUpdateByAudience.exec).toMatchObject({ condition: "c" });
  });

  it("refuses an update without a condition (400 on the field, nothing written)", async () => {
    const ref = await newIncident();
    const res = await api("POST", `/api/v1/incidents/${ref}/updates`, { token: ic.token, body: { condition: " ", action: "a", audience: "everyone" } });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(["audience", "condition"]);
    expect((await view(ref)).lastSeq).toBe(1);
  });
});

describe("roles and handover", () => {
  it("moves command only through an accepted offer: the commander cannot replace themselves by assigning (403), nothing written", async () => {
    const ref = await newIncident();
    const bare = await api("PUT", `/api/v1/incidents/${ref}/roles/commander`, { token: ic.token, body: { user: responder.handle, briefing: { state: "Mitigated" } } });
    expect(bare.status).toBe(403);
    expect((await view(ref)).lastSeq).toBe(1);
    const start = await view(ref);
    const offered = await api("POST", `/api/v1/incidents/${ref}/handovers`, { token: ic.token, body: { to: responder.email, briefing: { state: "Mitigated by rollback, watching error rate" } } });
    expect(offered.status).toBe(201);
    // The server's snapshot and the reducer agree on the pending offer, and on command moving once it is accepted.
    const mid = await view(ref);
    expect(mid.roles.find((r) => r.role === "commander")?.user.handle).toBe(ic.handle);
    expect(mid.handover).toMatchObject({ status: "pending", to: { handle: responder.handle } });
    expect(applyEntries(start, (await timeline(ref, start.lastSeq)) as never).view).toEqual(mid);
    expect((await api("POST", `/api/v1/incidents/${ref}/handovers/${offered.body.handover.id}/accept`, { token: responder.token })).status).toBe(200);
    const end = await view(ref);
    expect(end.roles.find((r) => r.role === "commander")?.user.handle).toBe(responder.handle);
    expect(applyEntries(mid, (await timeline(ref, mid.lastSeq)) as never).view).toEqual(end);
  });

  it("keeps many SMEs, one holder for other roles, never removes the commander, and refuses viewers except as exec sponsor", async () => {
    const ref = await newIncident();
    const third = await org.user("responder");
    for (const user of [responder.handle, third.handle]) {
      expect((await api("PUT", `/api/v1/incidents/${ref}/roles/sme`, { token: ic.token, body: { user } })).status).toBe(200);
    }
    expect((await api("PUT", `/api/v1/incidents/${ref}/roles/sme`, { token: ic.token, body: { user: third.handle } })).status).toBe(409);
    expect((await api("PUT", `/api/v1/incidents/${ref}/roles/ops_lead`, { token: ic.token, body: { user: responder.handle } })).status).toBe(200);
    expect((await api("PUT", `/api/v1/incidents/${ref}/roles/ops_lead`, { token: ic.token, body: { user: third.handle } })).status).toBe(200);
    const viewerAsScribe = await api("PUT", `/api/v1/incidents/${ref}/roles/scribe`, { token: ic.token, body: { user: viewer.handle } });
    expect(viewerAsScribe.status).toBe(400);
    expect(viewerAsScribe.body.error.fields).toHaveProperty("user");
    expect((await api("PUT", `/api/v1/incidents/${ref}/roles/exec_sponsor`, { token: ic.token, body: { user: viewer.handle } })).status).toBe(200);
    expect((await api("PUT", `/api/v1/incidents/${ref}/roles/scribe`, { token: ic.token, body: { user: "nobody-here" } })).status).toBe(400);
    expect((await api("PUT", `/api/v1/incidents/${ref}/roles/pilot`, { token: ic.token, body: { user: responder.handle } })).status).toBe(400);

    expect((await api("DELETE", `/api/v1/incidents/${ref}/roles/sme`, { token: ic.token })).status).toBe(400); // which one?
    expect((await api("DELETE", `/api/v1/incidents/${ref}/roles/sme?user=${responder.handle}`, { token: ic.token })).status).toBe(200);
    expect((await api("DELETE", `/api/v1/incidents/${ref}/roles/commander`, { token: ic.token })).status).toBe(409);

    const roles = (await view(ref)).roles.map((r) => `${r.role}:${r.user.handle}`).sort();
    expect(roles).toEqual([`commander:${ic.handle}`, `exec_sponsor:${viewer.handle}`, `ops_lead:${third.handle}`, `sme:${third.handle}`].sort());
  });
});

describe("authorization", () => {
  it("answers 403 to a viewer on every write route and writes nothing", async () => {
    const ref = await newIncident();
    const v = await view(ref);
    await api("POST", `/api/v1/incidents/${ref}/workstreams`, { token: ic.token, body: { title: "W", goal: "G" } });
    await api("POST", `/api/v1/incidents/${ref}/board`, { token: ic.token, body: { kind: "fact", text: "F" } });
    const now = await view(ref);
    const routes = [
      ...writes(ref, { workstream: now.workstreams[0], board: now.board[0] }),
      ["DELETE", `/api/v1/incidents/${ref}/roles/scribe`, undefined, ""],
      ["POST", `/api/v1/incidents/${ref}/handovers`, { to: responder.handle, briefing: "yours" }, ""],
    ] as const;
    for (const [method, path, body] of routes) {
      const res = await api(method, path, { token: viewer.token, body });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    expect((await view(ref)).lastSeq).toBe(v.lastSeq + 2);
  });

  it("hides a private incident from non-members on every route (404), and shows it to a member named in a role", async () => {
    const ref = await newIncident({ private: true });
    const outsider = await org.user("responder");
    const routes = [...writes(ref), ["GET", `/api/v1/incidents/${ref}`, undefined, ""], ["GET", `/api/v1/incidents/${ref}/decisions`, undefined, ""]] as const;
    for (const [method, path, body] of routes) {
      const res = await api(method, path, { token: outsider.token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await view(ref)).lastSeq).toBe(1);
    expect((await api("PUT", `/api/v1/incidents/${ref}/roles/sme`, { token: ic.token, body: { user: outsider.handle } })).status).toBe(200);
    expect((await api("GET", `/api/v1/incidents/${ref}`, { token: outsider.token })).status).toBe(200);
  });
});

describe("timeline", () => {
  it("pages back through a long timeline with before=, in seq order", async () => {
    const ref = await newIncident();
    for (let i = 0; i < 7; i++) await api("POST", `/api/v1/incidents/${ref}/timeline`, { token: i % 2 ? ic.token : responder.token, body: { body: `n${i}` } });
    const newest = await api("GET", `/api/v1/incidents/${ref}/timeline?before=9&limit=3`, { token: viewer.token });
    expect(newest.body.items.map((e: { seq: number }) => e.seq)).toEqual([6, 7, 8]);
    expect(newest.body.nextCursor).toBe("6");
    const older = await api("GET", `/api/v1/incidents/${ref}/timeline?before=6&limit=10`, { token: viewer.token });
    expect(older.body.items.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(older.body.nextCursor).toBeNull();
  });

  it("refuses to pin a missing entry (404) or pin twice (409)", async () => {
    const ref = await newIncident();
    expect((await api("POST", `/api/v1/incidents/${ref}/timeline/99/pin`, { token: ic.token, body: { pinned: true } })).status).toBe(404);
    expect((await api("POST", `/api/v1/incidents/${ref}/timeline/1/pin`, { token: ic.token, body: { pinned: true } })).status).toBe(200);
    expect((await api("POST", `/api/v1/incidents/${ref}/timeline/1/pin`, { token: ic.token, body: { pinned: true } })).status).toBe(409);
    const unpin = await api("POST", `/api/v1/incidents/${ref}/timeline/1/pin`, { token: ic.token, body: { pinned: false } });
    expect(unpin.status).toBe(200);
    expect((await view(ref)).pinned).toEqual([]);
  });
});
