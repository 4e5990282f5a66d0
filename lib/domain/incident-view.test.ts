import { describe, expect, it } from "vitest";
import { applyEntries, applyEntry, mergeTimeline, type IncidentView } from "./incident-view";
import type { TimelineEntry } from "./timeline";

const base: IncidentView = {
  ref: "INC-7",
  number: 7,
  title: "Checkout 502s",
  summary: "",
  severity: "SEV2",
  priority: "P2",
  status: "investigating",
  private: false,
  drill: false,
  version: 1,
  lastSeq: 3,
  links: [],
  services: [],
  recovery: {},
  intake: {},
  startedAt: null,
  declaredAt: "2026-11-23T14:00:00.000Z",
  acknowledgedAt: "2026-11-23T14:00:00.000Z",
  mitigatedAt: null,
  resolvedAt: null,
  closedAt: null,
  nextUpdateDueAt: "2026-11-23T14:30:00.000Z",
  escalationStep: 0,
  mergedInto: null,
  handover: null,
  roles: [{ role: "commander", user: { handle: "ada", name: "Ada" }, assignedAt: "2026-11-23T14:00:00.000Z", briefing: null, briefedBy: null, acknowledgedAt: null, taken: false }],
  responders: [],
  workstreams: [],
  board: [],
  decisions: [],
  latestUpdate: null,
  latestUpdateByAudience: {},
  updateLog: [],
  pinned: [],
  alerts: null,
};

let n = 0;
function entry(seq: number, kind: string, data: Record<string, unknown> = {}): TimelineEntry {
  return { id: `e${++n}`, seq, kind, at: `2026-11-23T14:${String(seq).padStart(2, "0")}:00.000Z`, pinned: false, actorKind: "human", author: { handle: "ada", name: "Ada" }, data } as TimelineEntry;
}

describe("applyEntry", () => {
  it("applies only the entry right after lastSeq", () => {
    expect(applyEntry(base, entry(4, "note", { body: "x" }))).toMatchObject({ status: "applied", view: { lastSeq: 4 } });
    expect(applyEntry(base, entry(3, "note"))).toEqual({ status: "duplicate", view: base });
    expect(applyEntry(base, entry(2, "note"))).toEqual({ status: "duplicate", view: base });
    expect(applyEntry(base, entry(5, "note"))).toEqual({ status: "gap", view: base });
  });

  it("takes the new field values and version an entry carries", () => {
    const e = entry(4, "severity_changed", { from: "SEV2", to: "SEV1", reason: "worse", set: { severity: "SEV1", nextUpdateDueAt: "2026-11-23T14:19:00.000Z" }, version: 2 });
    const { view } = applyEntry(base, e);
    expect(view).toMatchObject({ severity: "SEV1", version: 2, nextUpdateDueAt: "2026-11-23T14:19:00.000Z", title: "Checkout 502s" });
    expect(base.severity).toBe("SEV2"); // not mutated
  });

  it("counts the incident's alerts as each alert entry says; all resolved carries when", () => {
    const alert = (seq: number, extra: Record<string, unknown>) => entry(seq, "alert", { via: ["Prometheus"], firing: 0, resolved: 0, acknowledged: 0, alerts: [], ...extra });
    let v = applyEntries(base, [alert(4, { firing: 2, total: 2, open: 2 })]).view;
    expect(v.alerts).toEqual({ total: 2, open: 2, allResolvedAt: null });
    v = applyEntries(v, [alert(5, { resolved: 2, total: 2, open: 0, allResolvedAt: "2026-11-23T15:12:00.000Z" })]).view;
    expect(v.alerts).toEqual({ total: 2, open: 0, allResolvedAt: "2026-11-23T15:12:00.000Z" });
    // An entry from before entries counted leaves the count as it was.
    expect(applyEntries(v, [alert(6, { firing: 1 })]).view.alerts).toEqual(v.alerts);
  });

  it("lists a person who acknowledged a page and joined as a responder, once", () => {
    const ack = (seq: number, user: string, joined: boolean) =>
      entry(seq, "page_acknowledged", { user, userName: user.toUpperCase(), policy: "P", step: 0, round: 0, afterSeconds: 60, stoppedEscalation: true, ...(joined ? { joined } : {}) });
    const v = applyEntries(base, [ack(4, "bo", true), ack(5, "cy", false), ack(6, "bo", true)]).view;
    expect(v.responders).toEqual([{ user: { handle: "bo", name: "BO" }, since: "2026-11-23T14:04:00.000Z" }]);
  });

  it("keeps the commander while an offer of command waits, and moves command only when it is accepted", () => {
    const briefing = { state: "Mitigated, watching" };
    const offered = entry(4, "handover_offered", { handoverId: "h1", from: "ada", fromName: "Ada", to: "bo", toName: "Bo", briefing, expiresAt: "2026-11-23T14:14:00.000Z" });
    let v = applyEntries(base, [offered]).view;
    expect(v.roles.find((r) => r.role === "commander")?.user.handle).toBe("ada");
    expect(v.handover).toMatchObject({ id: "h1", status: "pending", from: { handle: "ada" }, to: { handle: "bo", name: "Bo" }, offeredAt: offered.at, briefing });

    const declined = applyEntries(v, [entry(5, "handover_declined", { handoverId: "h1", user: "bo", reason: "Asleep soon" })]).view;
    expect(declined.handover).toMatchObject({ status: "declined", reason: "Asleep soon", decidedAt: "2026-11-23T14:05:00.000Z" });
    expect(declined.roles.find((r) => r.role === "commander")?.user.handle).toBe("ada");
    expect(applyEntries(v, [entry(5, "handover_withdrawn", { handoverId: "h1", to: "bo" })]).view.handover).toBeNull();
    // An entry about another offer leaves this one alone.
    expect(applyEntries(v, [entry(5, "handover_expired", { handoverId: "h0", to: "cy" })]).view.handover?.status).toBe("pending");

    v = applyEntries(v, [entry(5, "handover_accepted", { handoverId: "h1", user: "bo", userName: "Bo", previous: "ada", previousName: "Ada", briefing })]).view;
    expect(v.handover).toBeNull();
    expect(v.roles.filter((r) => r.role === "commander")).toEqual([
      { role: "commander", user: { handle: "bo", name: "Bo" }, assignedAt: "2026-11-23T14:05:00.000Z", briefing, briefedBy: { handle: "ada", name: "Ada" }, acknowledgedAt: "2026-11-23T14:05:00.000Z", taken: false },
    ]);

    const taken = applyEntries(v, [entry(6, "command_taken", { user: "cy", userName: "Cy", previous: "bo", reason: "absent" })]).view;
    expect(taken.roles.filter((r) => r.role === "commander")).toMatchObject([{ user: { handle: "cy" }, taken: true, acknowledgedAt: null }]);
  });

  it("replaces the commander but keeps several SMEs, and records acknowledgement", () => {
    let v = applyEntries(base, [
      entry(4, "role_assigned", { role: "sme", user: "bo", userName: "Bo" }),
      entry(5, "role_assigned", { role: "sme", user: "cy", userName: "Cy" }),
      entry(6, "role_assigned", { role: "commander", user: "bo", userName: "Bo", previous: "ada", briefing: { state: "stable" } }),
      entry(7, "role_unassigned", { role: "sme", user: "cy" }),
    ]).view;
    expect(v.roles.map((r) => `${r.role}:${r.user.handle}`)).toEqual(["sme:bo", "commander:bo"]);
    expect(v.roles[1]).toMatchObject({ briefing: { state: "stable" }, briefedBy: { handle: "ada" }, acknowledgedAt: null });
    v = applyEntry(v, entry(8, "role_acknowledged", { role: "commander", user: "bo" })).view;
    expect(v.roles[1]!.acknowledgedAt).toBe("2026-11-23T14:08:00.000Z");
  });

  it("upserts workstreams and board items from the whole object the entry carries", () => {
    const ws = { id: "w1", title: "DB", goal: "healthy", lead: null, status: "active", scratchpad: "", threadUrl: null, blockedAt: null, version: 1, updatedAt: "x" };
    let v = applyEntry(base, entry(4, "workstream", { workstreamId: "w1", action: "created", title: "DB", workstream: ws })).view;
    v = applyEntry(v, entry(5, "workstream", { workstreamId: "w1", action: "status_changed", title: "DB", workstream: { ...ws, status: "blocked", version: 2 } })).view;
    expect(v.workstreams).toEqual([{ ...ws, status: "blocked", version: 2 }]);
  });

  it("keeps decisions newest first and the latest update per audience", () => {
    const v = applyEntries(base, [
      entry(4, "decision", { decisionId: "d1", decision: "Roll back", rationale: "r", reversible: true }),
      entry(5, "update", { updateId: "u1", condition: "c1", action: "a", need: "", audience: "exec", nextUpdateDueAt: null }),
      entry(6, "decision", { decisionId: "d2", decision: "Fail over", rationale: "r" }),
      entry(7, "update", { updateId: "u2", condition: "c2", action: "a", need: "", audience: "internal", nextUpdateDueAt: null }),
    ]).view;
    expect(v.decisions.map((d) => d.id)).toEqual(["d2", "d1"]);
    expect(v.decisions[1]).toMatchObject({ reversible: true, decidedBy: { handle: "ada" } });
    expect(v.latestUpdate?.id).toBe("u2");
    expect(v.latestUpdateByAudience.exec?.id).toBe("u1");
  });
});

describe("applyEntries", () => {
  it("sorts, skips duplicates and stops at the first gap", () => {
    const result = applyEntries(base, [entry(6, "note"), entry(4, "note"), entry(3, "note"), entry(4, "note")]);
    expect(result.gap).toBe(true);
    expect(result.view.lastSeq).toBe(4);
    expect(result.applied.map((e) => e.seq)).toEqual([4]);
  });

  it("applies the same batch twice to the same result (exactly once)", () => {
    const batch = [entry(4, "note"), entry(5, "board", { item: { id: "b1", kind: "fact", text: "t", disproveBy: null, state: "open", owner: null, version: 1, updatedAt: "x" } })];
    const once = applyEntries(base, batch).view;
    const twice = applyEntries(once, batch);
    expect(twice.applied).toEqual([]);
    expect(twice.view).toBe(once);
  });
});

describe("pins", () => {
  it("keeps pinned entries in seq order, and unpinning removes them", () => {
    const target = entry(2, "decision", { decision: "x" });
    let v = applyEntry(base, entry(4, "entry_pinned", { seq: 2, pinned: true, entry: target })).view;
    expect(v.pinned).toEqual([{ ...target, pinned: true }]);
    v = applyEntry(v, entry(5, "entry_pinned", { seq: 2, pinned: false })).view;
    expect(v.pinned).toEqual([]);
  });

  it("mergeTimeline keeps one copy per seq, newest first, with pin flags following pin entries in order", () => {
    const list = mergeTimeline([entry(2, "note"), entry(1, "declared")], [entry(3, "entry_pinned", { seq: 1, pinned: true }), entry(2, "note")]);
    expect(list.map((e) => [e.seq, e.pinned])).toEqual([[3, false], [2, false], [1, true]]);
    const after = mergeTimeline(list, [entry(5, "entry_pinned", { seq: 1, pinned: false }), entry(4, "entry_pinned", { seq: 1, pinned: true })]);
    expect(after.find((e) => e.seq === 1)?.pinned).toBe(false);
  });
});
