// Impact numbers (issue 16): an alert labelled `impact="orders_per_min"` carrying a number is a reading of the
// outage's size. Each delivery of it records one sample on its incident; the incident page and /status show the
// latest and a sparkline since declared. Where the number is: the annotation `value` (Alertmanager's templated
// `{{ $value }}`), else a number in the sender's details (`value`), else Grafana's per-alert `values` — the one named
// by the label `impact_ref`, the only one, or `B` (the reduce step of Grafana's default rule: A query, B reduce,
// C threshold). Pure: reading a sample, thinning a series, drawing a sparkline. No I/O.
import type { NormalizedAlert } from "./normalize";

export const IMPACT_METRIC = /^[A-Za-z_][A-Za-z0-9_:.-]{0,99}$/;

export interface ImpactReading {
  metric: string;
  value: number;
}

const numberOf = (v: unknown): number | null => {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};

/** The impact reading an alert carries, or null (no `impact` label, a name that is not a metric, no number). */
export function impactReading(alert: Pick<NormalizedAlert, "labels" | "annotations" | "details">): ImpactReading | null {
  const metric = alert.labels.impact?.trim();
  if (!metric || !IMPACT_METRIC.test(metric)) return null;
  const direct = numberOf(alert.annotations.value) ?? numberOf(alert.details.value);
  if (direct !== null) return { metric, value: direct };
  const values = alert.details.values;
  if (!values || typeof values !== "object") return null;
  const numeric = Object.entries(values as Record<string, unknown>).flatMap(([k, v]) => (numberOf(v) === null ? [] : [[k, numberOf(v)!] as const]));
  const ref = alert.labels.impact_ref;
  const chosen = (ref ? numeric.find(([k]) => k === ref) : undefined) ?? (numeric.length === 1 ? numeric[0] : numeric.find(([k]) => k === "B"));
  return chosen ? { metric, value: chosen[1] } : null;
}

export interface ImpactPoint {
  at: string;
  value: number;
}

/** At most `max` points, evenly spread, the first and the latest always kept. */
export function thinSeries(points: ImpactPoint[], max: number): ImpactPoint[] {
  if (points.length <= max) return points;
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * step)]!);
}

/** The polyline of a sparkline `width` × `height` (time across, value up; a flat series drawn midway). */
export function sparklinePath(points: ImpactPoint[], width: number, height: number): string {
  if (points.length === 0) return "";
  const times = points.map((p) => Date.parse(p.at));
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  const values = points.map((p) => p.value);
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  const x = (t: number) => (t1 === t0 ? width : ((t - t0) / (t1 - t0)) * width);
  const y = (v: number) => (hi === lo ? height / 2 : height - ((v - lo) / (hi - lo)) * height);
  const round = (n: number) => Math.round(n * 10) / 10;
  return points.map((p, i) => `${round(x(times[i]!))},${round(y(p.value))}`).join(" ");
}
