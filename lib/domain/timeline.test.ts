// Every kind of the timeline table has its schema, label, filter, description and
// reducer case, and the writers' data of each kind passes its schema.
import { describe, expect, it } from "vitest";
import { applyEntry, type IncidentView } from "./incident-view";
import { checkEntryData, describeEntry, TIMELINE, TIMELINE_FILTERS, TIMELINE_KIND_LABELS, TIMELINE_KINDS, type TimelineData, type TimelineEntry, type TimelineKind } from "./timeline";

/** One valid data object per kind: the mapped type makes a new kind fail to compile here until it has one. */
const SAMPLES: { [K in TimelineKind]: TimelineData<K> } = {
  declared: { title: "Checkout 502s", severity: "SEV2", priority: "P2", commander: null },
  note: { body: "Rolled back" },
  update: { updateId: "u1", condition: "EU down", action: "Rolling back", need: "", audience: "internal", nextUpdateDueAt: null },
  decision: { decisionId: "d1", decision: "Roll back", rationale: "Fastest" },
  decision_outcome: { decisionId: "d1", decision: "Roll back", outcome: "kept", note: "Errors stayed down", revisitAt: null },
  severity_changed: { from: "SEV2", to: "SEV1", reason: "Worse", set: { severity: "SEV1" }, version: 2 },
  priority_changed: { from: "P2", to: "P1" },
  status_changed: { from: "investigating", to: "mitigated", reason: "Rolled back" },
  incident_edited: { changes: { title: { from: "a", to: "b" } } },
  role_assigned: { role: "ops_lead", user: "ada" },
  role_unassigned: { role: "ops_lead", user: "ada" },
  role_acknowledged: { role: "commander", user: "ada" },
  handover_offered: { handoverId: "h1", from: "ada", fromName: "Ada", to: "bob", toName: "Bob", briefing: { state: "Mitigated, watching" }, expiresAt: "2026-12-01T00:10:00.000Z" },
  handover_accepted: { handoverId: "h1", user: "bob", userName: "Bob", previous: "ada", previousName: "Ada", briefing: { state: "Mitigated, watching" } },
  handover_declined: { handoverId: "h1", user: "bob", reason: "On another incident" },
  handover_expired: { handoverId: "h1", to: "bob" },
  handover_withdrawn: { handoverId: "h1", to: "bob" },
  command_taken: { user: "bob", userName: "Bob", previous: "ada", reason: "absent" },
  workstream: { workstreamId: "w1", action: "created", title: "DB" },
  board: { itemId: "b1", action: "created", kind: "fact", text: "Only EU", state: "open" },
  change_suspected: { changeId: "c1", service: "SVC-CHECKOUT", kind: "deploy", summary: "v2", at: "2026-12-01T00:00:00.000Z", link: null, version: "2.0" },
  entry_pinned: { seq: 1, pinned: true },
  escalated: { step: 1, pullIn: "the team lead" },
  paged: { policy: "standard", services: ["SVC-CHECKOUT"], step: 0, round: 0, users: ["ada"], delay: "15 min" },
  page_skipped: { policy: "standard", step: 0, round: 0, reason: "nobody on call" },
  page_acknowledged: { user: "ada", policy: "standard", step: 0, round: 0, afterSeconds: 42, stoppedEscalation: true },
  escalation_exhausted: { policy: "standard", reason: "nobody acknowledged" },
  merged: { direction: "into", other: "INC-7", otherTitle: "Checkout down", alerts: 12, pages: 2 },
  alert: { via: ["Prometheus"], firing: 2, resolved: 1, acknowledged: 0, alerts: [{ summary: "HighErrorRate", severity: "critical", status: "firing" }, { summary: "HighLatency", severity: "error", status: "firing" }], suggestedSeverity: "SEV1" },
};

const base = { ref: "INC-1", lastSeq: 0, version: 1, roles: [], workstreams: [], board: [], decisions: [], pinned: [], latestUpdate: null, latestUpdateByAudience: {} } as unknown as IncidentView;
const entryOf = (kind: TimelineKind, data: unknown): TimelineEntry =>
  ({ id: "e1", seq: 1, kind, at: "2026-12-01T00:00:00.000Z", pinned: false, actorKind: "human", author: { handle: "ada", name: "Ada" }, data }) as TimelineEntry;

describe("the timeline table", () => {
  it.each(TIMELINE_KINDS)("%s has a schema that takes its sample, a label, and a one-line description", (kind) => {
    expect(TIMELINE[kind].data.safeParse(SAMPLES[kind]).success).toBe(true);
    expect(TIMELINE_KIND_LABELS[kind]).toMatch(/\S/);
    expect(describeEntry({ kind, data: SAMPLES[kind] })).toMatch(/\S/);
    expect(() => checkEntryData(kind, SAMPLES[kind] as never)).not.toThrow();
  });

  it("a merge reads from either side, naming what moved only when something did", () => {
    expect(describeEntry({ kind: "merged", data: SAMPLES.merged })).toBe("Merged into INC-7 (Checkout down); 12 alerts and 2 pages moved there");
    expect(describeEntry({ kind: "merged", data: { direction: "from", other: "INC-9", otherTitle: "Basket sums off", alerts: 0, pages: 0, reason: "same outage" } })).toBe("INC-9 (Basket sums off) merged into this incident: same outage");
  });

  it("an alert entry reads as its counts and its first alert", () => {
    expect(describeEntry({ kind: "alert", data: SAMPLES.alert })).toBe("HighErrorRate and 2 more — 2 firing, 1 resolved (suggests SEV1)");
  });

  it.each(TIMELINE_KINDS)("%s moves the live view when the table says it does, and always its seq", (kind) => {
    const result = applyEntry(base, entryOf(kind, SAMPLES[kind]));
    expect(result.status).toBe("applied");
    expect(result.view.lastSeq).toBe(1);
  });

  it("puts each kind in at most one filter, and every filter's kinds exist", () => {
    for (const [key, filter] of Object.entries(TIMELINE_FILTERS)) {
      if (key === "all") expect(filter.kinds).toBeNull();
      else for (const k of filter.kinds ?? []) expect(TIMELINE_KINDS).toContain(k);
    }
    const grouped = Object.values(TIMELINE_FILTERS).flatMap((f) => f.kinds ?? []);
    expect(new Set(grouped).size).toBe(grouped.length);
  });

  it("refuses data that does not match its kind, naming the kind and field", () => {
    expect(() => checkEntryData("decision", { decisionId: "d1", decision: 3 } as never)).toThrow(/decision.*decision/);
    expect(() => checkEntryData("paged", { policy: "p" } as never)).toThrow(/paged/);
  });

  it("keeps fields a schema does not name (a newer writer's), and lets a kind's own field win over the state change's", () => {
    expect(checkEntryData("note", { body: "x", extra: 1 } as never)).toMatchObject({ extra: 1 });
    expect(TIMELINE.change_suspected.data.safeParse(SAMPLES.change_suspected).success).toBe(true);
  });

  it("describes data its schema refuses as nothing, not a crash", () => {
    expect(describeEntry({ kind: "paged", data: { users: "not a list" } })).toBe("");
    expect(describeEntry({ kind: "no_such_kind", data: {} })).toBe("");
  });
});
