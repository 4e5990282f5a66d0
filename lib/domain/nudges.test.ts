import { describe, expect, it } from "vitest";
import { computeNudges, DEFAULT_NUDGE_SETTINGS, escalationDue, type NudgeInput } from "./nudges";

const T0 = new Date("2026-11-23T10:00:00.000Z").getTime();
const MIN = 60_000;
const at = (minutes: number) => new Date(T0 + minutes * MIN);
/** Just before and just after an instant. */
const before = (minutes: number) => new Date(T0 + minutes * MIN - 1);
const after = (minutes: number) => new Date(T0 + minutes * MIN + 1);

function incident(over: Partial<NudgeInput> = {}): NudgeInput {
  return {
    severity: "SEV3",
    status: "investigating",
    declaredAt: at(0),
    mitigatedAt: null,
    nextUpdateDueAt: null,
    escalationStep: 0,
    commander: { handle: "ada", assignedAt: at(0) },
    workstreams: [],
    decisionCount: 0,
    ...over,
  };
}
const kinds = (i: NudgeInput, now: Date) => computeNudges(i, now).map((n) => n.kind);

describe("update overdue", () => {
  const i = incident({ nextUpdateDueAt: at(30) });
  it("fires only once past nextUpdateDueAt", () => {
    expect(kinds(i, at(30))).not.toContain("update_overdue");
    expect(kinds(i, after(30))).toContain("update_overdue");
  });
  it("says by how much and offers to post an update", () => {
    const n = computeNudges(i, at(42)).find((x) => x.kind === "update_overdue")!;
    expect(n).toMatchObject({ level: "critical", since: at(30).toISOString(), action: { kind: "post_update" } });
    expect(n.message).toContain("12 min");
  });
  it("does not fire without a cadence", () => expect(kinds(incident(), at(600))).not.toContain("update_overdue"));
});

describe("no commander", () => {
  it("fires when nobody holds the role, offering to assign one", () => {
    const n = computeNudges(incident({ commander: null }), at(1));
    expect(n[0]).toMatchObject({ kind: "no_commander", action: { kind: "assign_commander" } });
  });
});

describe("commander fatigue", () => {
  const i = incident({ commander: { handle: "ada", assignedAt: at(10) } });
  it("fires after 4 h in command, not before", () => {
    expect(kinds(i, at(10 + 240))).not.toContain("commander_fatigue");
    expect(kinds(i, after(10 + 240))).toContain("commander_fatigue");
  });
  it("follows the configured limit", () => {
    const settings = { ...DEFAULT_NUDGE_SETTINGS, commanderMaxHours: 2 };
    expect(computeNudges(i, before(130), settings).map((n) => n.kind)).not.toContain("commander_fatigue");
    expect(computeNudges(i, after(130), settings).map((n) => n.kind)).toContain("commander_fatigue");
  });
});

describe("endless SEV", () => {
  const i = incident({ status: "mitigated", mitigatedAt: at(60) });
  it("fires once mitigated for more than 24 h", () => {
    expect(kinds(i, at(60 + 24 * 60))).not.toContain("endless_sev");
    expect(kinds(i, after(60 + 24 * 60))).toContain("endless_sev");
  });
  it("is gone once resolved: resolved incidents have no nudges", () => {
    expect(computeNudges({ ...i, status: "resolved" }, at(5000))).toEqual([]);
  });
});

describe("workstreams", () => {
  it("flags a workstream without a lead at once, but not a done one", () => {
    const i = incident({ workstreams: [{ id: "w1", title: "DB", lead: null, status: "active", blockedAt: null }, { id: "w2", title: "Old", lead: null, status: "done", blockedAt: null }] });
    expect(computeNudges(i, at(1)).filter((n) => n.kind === "workstream_no_lead").map((n) => n.key)).toEqual(["workstream_no_lead:w1"]);
  });
  it("flags a workstream blocked for more than 30 min", () => {
    const i = incident({ workstreams: [{ id: "w1", title: "DB", lead: { handle: "bo" }, status: "blocked", blockedAt: at(5) }] });
    expect(kinds(i, at(35))).not.toContain("workstream_blocked");
    const n = computeNudges(i, after(35)).find((x) => x.kind === "workstream_blocked")!;
    expect(n.action).toMatchObject({ kind: "edit_workstream", workstreamId: "w1" });
  });
});

describe("no decision for SEV0/1", () => {
  it("fires at 30 min without a decision, for SEV0 and SEV1 only", () => {
    for (const severity of ["SEV0", "SEV1"] as const) {
      expect(kinds(incident({ severity }), before(30))).not.toContain("no_decision");
      expect(kinds(incident({ severity }), at(30))).toContain("no_decision");
    }
    expect(kinds(incident({ severity: "SEV2" }), at(90))).not.toContain("no_decision");
  });
  it("is cleared by logging a decision", () => expect(kinds(incident({ severity: "SEV1", decisionCount: 1 }), at(90))).not.toContain("no_decision"));
});

describe("escalation thresholds", () => {
  const i = incident({ severity: "SEV1" });
  it("reaches each step at 15, 30 and 45 min, naming who to pull in", () => {
    expect(escalationDue(i, before(15))).toBeNull();
    expect(escalationDue(i, at(15))).toMatchObject({ index: 1, pullIn: "the platform lead" });
    expect(escalationDue(i, before(30))?.index).toBe(1);
    expect(escalationDue(i, at(30))?.index).toBe(2);
    expect(escalationDue(i, at(45))).toMatchObject({ index: 3, pullIn: "the vendor bridge" });
  });
  it("is cleared by taking the step, and comes back at the next one", () => {
    expect(escalationDue({ ...i, escalationStep: 1 }, at(20))).toBeNull();
    expect(escalationDue({ ...i, escalationStep: 1 }, at(30))?.index).toBe(2);
    expect(escalationDue({ ...i, escalationStep: 3 }, at(600))).toBeNull();
  });
  it("applies to the configured severities and steps only", () => {
    expect(escalationDue(incident({ severity: "SEV3" }), at(60))).toBeNull();
    const settings = { ...DEFAULT_NUDGE_SETTINGS, escalationSeverities: ["SEV3" as const], escalationSteps: [{ afterMinutes: 10, pullIn: "the team lead" }] };
    expect(escalationDue(incident({ severity: "SEV3" }), at(10), settings)).toMatchObject({ index: 1, pullIn: "the team lead" });
  });
  it("stops once mitigated (impact stopped) or resolved", () => {
    expect(escalationDue({ ...i, status: "mitigated" }, at(60))).toBeNull();
    expect(escalationDue({ ...i, status: "resolved" }, at(60))).toBeNull();
  });
});

it("orders critical nudges first, then by when they began", () => {
  const i = incident({ severity: "SEV1", commander: null, nextUpdateDueAt: at(15), workstreams: [{ id: "w", title: "W", lead: null, status: "active", blockedAt: null }] });
  const n = computeNudges(i, at(50));
  expect(n.map((x) => x.level)).toEqual(["critical", "critical", "critical", "warning", "warning"]);
  expect(n.map((x) => x.kind)).toEqual(["no_commander", "update_overdue", "escalation_due", "workstream_no_lead", "no_decision"]);
});
