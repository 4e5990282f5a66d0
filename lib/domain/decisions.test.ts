import { describe, expect, it } from "vitest";
import { isDue, outcomeRefusal, revisitRefusal, revisitWords } from "./decisions";
import { computeNudges } from "./nudges";

const now = new Date("2026-12-04T03:40:00.000Z");
const plus = (min: number) => new Date(now.getTime() + min * 60_000).toISOString();

describe("decisions that come due", () => {
  it("take a revisit time ahead of now and within a week", () => {
    expect(revisitRefusal(plus(30), now)).toBeNull();
    expect(revisitRefusal(undefined, now)).toBeNull();
    expect(revisitRefusal(now.toISOString(), now)).toBe("Revisit at a time still to come.");
    expect(revisitRefusal(plus(7 * 24 * 60), now)).toBeNull();
    expect(revisitRefusal(plus(7 * 24 * 60 + 1), now)).toBe("Revisit within a week.");
  });

  it("are due from the very instant of their revisit time, not a millisecond before", () => {
    expect(isDue({ revisitAt: now.toISOString() }, now)).toBe(true);
    expect(isDue({ revisitAt: new Date(now.getTime() + 1).toISOString() }, now)).toBe(false);
    expect(isDue({ revisitAt: null }, now)).toBe(false);
    expect(revisitWords(plus(24.5), now)).toBe("revisit in 25 min");
    expect(revisitWords(plus(-0.5), now)).toBe("due now");
    expect(revisitWords(plus(-12), now)).toBe("due 12 min ago");
  });

  it("have their outcome recorded by the commander, the decider or an admin — a person", () => {
    const person = (userId: string, role = "responder") => ({ userId, role, kind: "human" });
    expect(outcomeRefusal(person("ic"), "ic", "ops")).toBeNull();
    expect(outcomeRefusal(person("ops"), "ic", "ops")).toBeNull();
    expect(outcomeRefusal(person("boss", "admin"), "ic", "ops")).toBeNull();
    expect(outcomeRefusal(person("other"), "ic", "ops")).toMatch(/The commander/);
    expect(outcomeRefusal({ userId: "ic", role: "responder", kind: "automation" }, "ic", "ops")).toMatch(/automation/);
  });

  it("nudge once due, naming the decision and its rollback trigger, until the outcome is recorded", () => {
    const incident = { severity: "SEV2" as const, status: "investigating", declaredAt: plus(-60), mitigatedAt: null, nextUpdateDueAt: null, escalationStep: 0, commander: { handle: "ic", assignedAt: plus(-60) }, workstreams: [], decisionCount: 1 };
    const decision = { id: "d1", decision: "Keep traffic on eu-central", revisitAt: plus(-5), rollbackTrigger: "error rate above 2 % for 5 min" };
    const nudge = computeNudges({ ...incident, decisions: [decision] }, now).find((n) => n.kind === "decision_due");
    expect(nudge).toMatchObject({
      key: "decision_due:d1",
      level: "warning",
      since: plus(-5),
      message: "Time to revisit “Keep traffic on eu-central” (roll back if error rate above 2 % for 5 min): kept, reversed or amended?",
      action: { kind: "decision_outcome", decisionId: "d1", label: "Record the outcome" },
    });
    expect(computeNudges({ ...incident, decisions: [{ ...decision, revisitAt: plus(1) }] }, now).some((n) => n.kind === "decision_due")).toBe(false);
    expect(computeNudges({ ...incident, decisions: [{ ...decision, revisitAt: null }] }, now).some((n) => n.kind === "decision_due")).toBe(false);
  });
});
