import "server-only";
// Impact numbers of incidents (issue 16): per metric, the latest reading and a thinned series since declared, for the
// incident page (`GET /api/v1/incidents/{ref}/impact`) and /status. Samples are written by the alert intake.
import { thinSeries, type ImpactPoint } from "@/lib/domain/alerts/impact";
import type { Actor } from "../actor";
import { db } from "../db";
import { requireVisibleIncidentId } from "./data";

export interface ImpactSeries {
  metric: string;
  latest: ImpactPoint;
  points: ImpactPoint[];
}

/** Each incident's series, by incident id: one query for all of them. */
export async function impactOf(incidentIds: string[], maxPoints: number): Promise<Map<string, ImpactSeries[]>> {
  const out = new Map<string, ImpactSeries[]>();
  if (incidentIds.length === 0) return out;
  const rows = await db().impactSample.findMany({ where: { incidentId: { in: incidentIds } }, orderBy: [{ at: "asc" }, { id: "asc" }], select: { incidentId: true, metric: true, value: true, at: true } });
  const byIncident = new Map<string, Map<string, ImpactPoint[]>>();
  for (const r of rows) {
    const metrics = byIncident.get(r.incidentId) ?? new Map<string, ImpactPoint[]>();
    byIncident.set(r.incidentId, metrics);
    const points = metrics.get(r.metric) ?? [];
    metrics.set(r.metric, points);
    points.push({ at: r.at.toISOString(), value: r.value });
  }
  for (const [incidentId, metrics] of byIncident) {
    out.set(
      incidentId,
      [...metrics].sort(([a], [b]) => a.localeCompare(b)).map(([metric, points]) => ({ metric, latest: points.at(-1)!, points: thinSeries(points, maxPoints) })),
    );
  }
  return out;
}

/** `GET /api/v1/incidents/{ref}/impact`: `{ items: [{ metric, latest, points }] }`, at most 120 points a metric. */
export async function loadImpact(actor: Actor, ref: string) {
  const incident = await requireVisibleIncidentId(actor, ref);
  return { items: (await impactOf([incident.id], 120)).get(incident.id) ?? [] };
}
