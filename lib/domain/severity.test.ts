import { describe, expect, it } from "vitest";
import { compareBySeverityThenAge, isEscalation, SEVERITY_LEVELS, severityRank } from "./severity";

describe("severity", () => {
  it("ranks SEV0 worst", () => {
    expect(severityRank("SEV0")).toBeLessThan(severityRank("SEV4"));
    expect(isEscalation("SEV3", "SEV1")).toBe(true);
    expect(isEscalation("SEV1", "SEV3")).toBe(false);
    expect(isEscalation("SEV2", "SEV2")).toBe(false);
  });

  it("describes impact and a default priority for every level", () => {
    for (const level of Object.values(SEVERITY_LEVELS)) {
      expect(level.impact.length).toBeGreaterThan(10);
      expect(level.defaultPriority).toMatch(/^P[1-4]$/);
    }
  });

  it("orders by severity, then oldest first", () => {
    const a = { severity: "SEV2" as const, declaredAt: new Date("2026-01-01T00:00:00Z") };
    const b = { severity: "SEV1" as const, declaredAt: new Date("2026-01-02T00:00:00Z") };
    const c = { severity: "SEV1" as const, declaredAt: new Date("2026-01-01T12:00:00Z") };
    expect([a, b, c].sort(compareBySeverityThenAge)).toEqual([c, b, a]);
  });
});
