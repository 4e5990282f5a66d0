import "server-only";
// The `alert` timeline entries of an incident, at most one per 30 s: the first alerts after a quiet spell are
// written at once (responders see them within the delivery), later ones gather in IncidentAlertFeed.pending and a
// durable job writes them as one entry when the 30 s are up. Fifty alerts of one outage read as a few lines.
import { ALERT_ENTRY_COALESCE_MS, ALERT_ENTRY_SUMMARIES, coalescesInto } from "@/lib/domain/alerts/rules";
import { isEscalation, type Severity } from "@/lib/domain/severity";
import type { TimelineData } from "@/lib/domain/timeline";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";
import { lockIncident } from "../incidents/lock";
import { enqueue } from "../jobs";
import { commitWrite, integrationActor, type SystemActor, type WriteTx } from "../write";

type AlertData = TimelineData<"alert">;
type FeedItem = AlertData["alerts"][number] & { status: "firing" | "acknowledged" | "resolved" };

const empty = (): AlertData => ({ via: [], firing: 0, resolved: 0, acknowledged: 0, alerts: [] });

function merge(into: AlertData, more: AlertData): AlertData {
  return {
    via: [...new Set([...into.via, ...more.via])],
    firing: into.firing + more.firing,
    resolved: into.resolved + more.resolved,
    acknowledged: into.acknowledged + more.acknowledged,
    alerts: [...into.alerts, ...more.alerts].slice(0, ALERT_ENTRY_SUMMARIES),
    ...(into.suggestedSeverity || more.suggestedSeverity ? { suggestedSeverity: moreSevere(into.suggestedSeverity, more.suggestedSeverity) } : {}),
  };
}

function moreSevere(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return isEscalation(a as Severity, b as Severity) ? b : a;
}

const flushKey = (incidentId: string) => `alerts.flush:${incidentId}`;

/** What one delivery adds to each incident's feed; written once, at the end of the delivery's transaction. */
export class FeedBatch {
  private readonly byIncident = new Map<string, AlertData>();
  constructor(private readonly w: WriteTx<SystemActor>) {}

  add(incidentId: string, via: string, item: FeedItem, routeSeverity?: Severity) {
    const d = this.byIncident.get(incidentId) ?? empty();
    const counted = { ...d, via: d.via.includes(via) ? d.via : [...d.via, via], [item.status]: d[item.status] + 1 };
    if (counted.alerts.length < ALERT_ENTRY_SUMMARIES) counted.alerts = [...counted.alerts, item];
    if (routeSeverity) counted.suggestedSeverity = moreSevere(counted.suggestedSeverity, routeSeverity);
    this.byIncident.set(incidentId, counted);
  }

  async write() {
    for (const [incidentId, data] of [...this.byIncident].sort(([a], [b]) => a.localeCompare(b))) await writeFeed(this.w, incidentId, data);
  }
}

/** The entry as written: a suggested severity only while it is more severe than the incident's. */
function entryFor(incidentSeverity: string, pending: AlertData): AlertData {
  const { suggestedSeverity, ...rest } = pending;
  return suggestedSeverity && isEscalation(incidentSeverity as Severity, suggestedSeverity as Severity) ? { ...rest, suggestedSeverity } : rest;
}

async function writeFeed(w: WriteTx<SystemActor>, incidentId: string, data: AlertData) {
  const incident = await lockIncident(w.tx, incidentId);
  if (!incident) return;
  await w.tx.incidentAlertFeed.upsert({ where: { incidentId }, create: { incidentId }, update: {} });
  const feed = await w.tx.incidentAlertFeed.findUniqueOrThrow({ where: { incidentId } });
  const pending = feed.pending ? merge(feed.pending as unknown as AlertData, data) : data;
  if (!coalescesInto(feed.lastEntryAt, w.now)) {
    await w.appendEntry(incident, "alert", entryFor(incident.severity, pending));
    await w.tx.$executeRaw`UPDATE "IncidentAlertFeed" SET pending = NULL, "lastEntryAt" = ${w.now} WHERE "incidentId" = ${incidentId}`;
    return;
  }
  await w.tx.incidentAlertFeed.update({ where: { incidentId }, data: { pending: pending as unknown as Prisma.InputJsonValue } });
  await enqueue(w.tx, "alerts.flush", { incidentId }, { key: flushKey(incidentId), runAt: new Date(feed.lastEntryAt!.getTime() + ALERT_ENTRY_COALESCE_MS) });
}

/** Job `alerts.flush`: what gathered during the last 30 s, as one entry (nothing when a delivery wrote it first). */
export async function flushAlertFeed(payload: { incidentId: string }) {
  const feed = await db().incidentAlertFeed.findUnique({ where: { incidentId: payload.incidentId } });
  if (!feed?.pending) return;
  const incident = await db().incident.findUnique({ where: { id: payload.incidentId }, select: { orgId: true } });
  if (!incident) return;
  const via = (feed.pending as unknown as AlertData).via;
  await commitWrite(integrationActor(incident.orgId, via.join(", ") || "Alerts", null, null), async (w) => {
    const row = await lockIncident(w.tx, payload.incidentId);
    const current = await w.tx.incidentAlertFeed.findUnique({ where: { incidentId: payload.incidentId } });
    if (!row || !current?.pending) return;
    await w.appendEntry(row, "alert", entryFor(row.severity, current.pending as unknown as AlertData));
    await w.tx.$executeRaw`UPDATE "IncidentAlertFeed" SET pending = NULL, "lastEntryAt" = ${w.now} WHERE "incidentId" = ${payload.incidentId}`;
  });
}
