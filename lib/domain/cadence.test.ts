import { describe, expect, it } from "vitest";
import { cadenceMinutes, isOverdue, nextUpdateDue } from "./cadence";

const t = new Date("2026-11-23T03:00:00Z");

describe("cadence", () => {
  it("defaults to 15/15/30/60 minutes and none for SEV4", () => {
    expect(["SEV0", "SEV1", "SEV2", "SEV3", "SEV4"].map((s) => cadenceMinutes(s as never))).toEqual([15, 15, 30, 60, null]);
  });

  it("lets an organization override a level, including turning it off", () => {
    expect(cadenceMinutes("SEV2", { SEV2: 20 })).toBe(20);
    expect(cadenceMinutes("SEV3", { SEV3: null })).toBeNull();
    expect(cadenceMinutes("SEV1", { SEV2: 20 })).toBe(15);
  });

  it("computes the next update from the cadence or an explicit choice", () => {
    expect(nextUpdateDue("SEV1", t)).toEqual(new Date("2026-11-23T03:15:00Z"));
    expect(nextUpdateDue("SEV1", t, { explicitMinutes: 45 })).toEqual(new Date("2026-11-23T03:45:00Z"));
    expect(nextUpdateDue("SEV4", t)).toBeNull();
    expect(nextUpdateDue("SEV1", t, { explicitMinutes: null })).toBeNull();
  });

  it("is overdue only strictly after the due time", () => {
    const due = new Date("2026-11-23T03:15:00Z");
    expect(isOverdue(due, new Date("2026-11-23T03:14:59.999Z"))).toBe(false);
    expect(isOverdue(due, due)).toBe(false);
    expect(isOverdue(due, new Date("2026-11-23T03:15:00.001Z"))).toBe(true);
    expect(isOverdue(null, t)).toBe(false);
  });
});
