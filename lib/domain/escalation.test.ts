import { describe, expect, it } from "vitest";
import { cumulativeMinutes, describeRepeat, escalatesAt, formatDelay, nextPosition, policyCreateSchema, summarizeSteps } from "./escalation";

describe("nextPosition", () => {
  it.each([
    // [position, steps, repeat, expected]
    [{ step: 0, round: 0 }, 3, 0, { step: 1, round: 0 }],
    [{ step: 1, round: 0 }, 3, 0, { step: 2, round: 0 }],
    [{ step: 2, round: 0 }, 3, 0, null],
    [{ step: 2, round: 0 }, 3, 2, { step: 0, round: 1 }],
    [{ step: 2, round: 1 }, 3, 2, { step: 0, round: 2 }],
    [{ step: 2, round: 2 }, 3, 2, null],
    [{ step: 0, round: 0 }, 1, 0, null],
    [{ step: 0, round: 0 }, 1, 1, { step: 0, round: 1 }],
  ])("from %o with %i steps and repeat %i goes to %o", (at, steps, repeat, expected) => {
    expect(nextPosition(at, steps, repeat)).toEqual(expected);
  });

  it("pages every step of every round exactly once before it is exhausted", () => {
    const seen: string[] = [];
    let at: ReturnType<typeof nextPosition> = { step: 0, round: 0 };
    while (at) {
      seen.push(`${at.round}.${at.step}`);
      at = nextPosition(at, 3, 1);
    }
    expect(seen).toEqual(["0.0", "0.1", "0.2", "1.0", "1.1", "1.2"]);
  });
});

describe("timing", () => {
  const steps = [
    { delayMinutes: 15, targets: [] },
    { delayMinutes: 15, targets: [] },
    { delayMinutes: 0.05, targets: [] },
  ];
  it("escalates a step after its own delay", () => {
    const t = new Date("2026-11-23T10:00:00Z");
    expect(escalatesAt(steps, 0, t).toISOString()).toBe("2026-11-23T10:15:00.000Z");
    expect(escalatesAt(steps, 2, t).toISOString()).toBe("2026-11-23T10:00:03.000Z");
  });
  it("shows when each step fires counted from the first page", () => {
    expect(cumulativeMinutes(steps)).toEqual([0, 15, 30]);
  });
  it.each([
    [0.05, "3 s"],
    [15, "15 min"],
    [60, "1 h"],
    [90, "1 h 30 min"],
  ])("formats %f minutes as %s", (m, s) => expect(formatDelay(m)).toBe(s));
});

describe("policyCreateSchema", () => {
  it("accepts schedule and person targets and defaults repeat to 0", () => {
    const p = policyCreateSchema.parse({
      name: " Payments ",
      steps: [
        { targets: [{ kind: "schedule", schedule: "sch_1" }], delayMinutes: 15 },
        { targets: [{ kind: "user", user: "@jtsimmons" }], delayMinutes: 30 },
      ],
    });
    expect(p.name).toBe("Payments");
    expect(p.repeat).toBe(0);
    expect(p.steps[1]!.targets[0]).toEqual({ kind: "user", user: "jtsimmons" });
  });
  it.each([
    [{ name: "x", steps: [] }, "steps"],
    [{ name: "x", steps: [{ targets: [], delayMinutes: 5 }] }, "steps.0.targets"],
    [{ name: "x", steps: [{ targets: [{ kind: "user", user: "a" }], delayMinutes: 0 }] }, "steps.0.delayMinutes"],
    [{ name: "x", steps: [{ targets: [{ kind: "team", id: "a" }], delayMinutes: 5 }] }, "steps.0.targets.0.kind"],
    [{ name: "x", steps: [{ targets: [{ kind: "user", user: "a" }], delayMinutes: 5 }], repeat: 10 }, "repeat"],
    [{ name: "", steps: [{ targets: [{ kind: "user", user: "a" }], delayMinutes: 5 }] }, "name"],
  ])("refuses %j at %s", (input, path) => {
    const r = policyCreateSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toContain(path);
  });
});

describe("summaries", () => {
  it("summarizes steps as the policy list shows them, counted from the first page", () => {
    expect(
      summarizeSteps([
        { startsAfterMinutes: 0, targets: [{ kind: "schedule", name: "Payments primary" }] },
        { startsAfterMinutes: 15, targets: [{ kind: "user", name: "Jamie T. Simmons", handle: "jtsimmons" }] },
        { startsAfterMinutes: 30, targets: [{ kind: "user", name: "Ada Admin", handle: "admin" }, { kind: "schedule", name: "Gone", missing: true }] },
        { startsAfterMinutes: 90, targets: [{ kind: "user", name: "Unknown person", missing: true }] },
      ]),
    ).toBe("0 min → Payments primary (on call) · 15 min → @jtsimmons · 30 min → @admin + deleted schedule · 1 h 30 min → unknown person");
  });
  it.each([
    [0, "runs once"],
    [1, "then repeats once"],
    [3, "then repeats 3 times"],
  ])("repeat %i reads %s", (n, text) => expect(describeRepeat(n)).toBe(text));
});
