import { describe, expect, it } from "vitest";
import { impactReading, sparklinePath, thinSeries } from "./impact";

const alert = (labels: Record<string, string>, annotations: Record<string, string> = {}, details: Record<string, unknown> = {}) => ({ labels, annotations, details });

describe("impact numbers", () => {
  it("reads the number of an alert labelled impact: the annotation value, the details' value, or Grafana's values", () => {
    expect(impactReading(alert({ impact: "orders_per_min" }, { value: "412.5" }))).toEqual({ metric: "orders_per_min", value: 412.5 });
    expect(impactReading(alert({ impact: "orders_per_min" }, {}, { value: 17 }))).toEqual({ metric: "orders_per_min", value: 17 });
    // Grafana: the only value; else B (the reduce step of its default rule); else the one impact_ref names.
    expect(impactReading(alert({ impact: "checkouts" }, {}, { values: { A: 88 } }))).toEqual({ metric: "checkouts", value: 88 });
    expect(impactReading(alert({ impact: "checkouts" }, {}, { values: { B: 88, C: 1 } }))).toEqual({ metric: "checkouts", value: 88 });
    expect(impactReading(alert({ impact: "checkouts", impact_ref: "D" }, {}, { values: { B: 88, C: 1, D: 3 } }))).toEqual({ metric: "checkouts", value: 3 });
  });

  it("reads nothing without the label, with a label that is no metric name, or without one clear number", () => {
    expect(impactReading(alert({}, { value: "3" }))).toBeNull();
    expect(impactReading(alert({ impact: "orders per min" }, { value: "3" }))).toBeNull();
    expect(impactReading(alert({ impact: "orders" }, { value: "lots" }))).toBeNull();
    expect(impactReading(alert({ impact: "orders" }, { value: "" }))).toBeNull();
    expect(impactReading(alert({ impact: "orders" }, {}, { values: { A: 1, C: 2 } }))).toBeNull();
    expect(impactReading(alert({ impact: "orders" }, { value: "Infinity" }))).toBeNull();
  });

  it("thins a long series evenly, keeping the first and the latest", () => {
    const points = Array.from({ length: 101 }, (_, i) => ({ at: new Date(Date.UTC(2026, 11, 3, 3, i)).toISOString(), value: i }));
    const thin = thinSeries(points, 11);
    expect(thin.map((p) => p.value)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(thinSeries(points.slice(0, 5), 11)).toHaveLength(5);
  });

  it("draws time across and value up; one point or a flat series sits midway", () => {
    const at = (m: number) => new Date(Date.UTC(2026, 11, 3, 3, m)).toISOString();
    expect(sparklinePath([{ at: at(0), value: 10 }, { at: at(5), value: 0 }, { at: at(10), value: 5 }], 100, 20)).toBe("0,0 50,20 100,10");
    expect(sparklinePath([{ at: at(0), value: 7 }], 100, 20)).toBe("100,10");
    expect(sparklinePath([], 100, 20)).toBe("");
  });
});
