import "server-only";
// The `alert` timeline entries of an incident, at most one per 30 s: the first alerts after a quiet spell are
// written at once (responders see them within the delivery), later ones gather in IncidentAlertFeed.pending and a
// durable job writes them as one entry when the 30 s are up. Fifty alerts of one outage read as a few lines.
import { ALERT_ENTRY_COALESCE_MS, ALERT_ENTRY_SUMMARIES, coalescesInto } from "@/lib/domain/alerts/rules";
import { isEscalation, type Severity } from "@/lib/domain/severity";
import type { TimelineData } from "@/lib/domain/timeline";
import { db } from "../db";
import type { Tx } from "../db";
import { callOffEscalations } from "../escalations/engine";
import { lockIncident } from "../incidents/lock";
import { enqueue } from "../jobs";
import { commitWrite, integrationActor, type SystemActor, type WriteTx } from "../write";

type AlertData = TimelineData<"alert">;
type FeedItem = AlertData["alerts"][number] & { status: "firing" | "acknowledged" | "resolved" };

const empty = (): AlertData => ({ via: [], firing: 0, resolved: 0, acknowledged: 0, alerts: [] });

function merge(into: AlertData, more: AlertData): AlertData {
  return {
    ...(into.pagingCancelled || more.pagingCancelled ? { pagingCancelled: true } : {}),
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

/**
 * What a transaction's deliveries add to each incident's feed; written once per incident, at the end of the
 * transaction. Each incident's entry is written by the delivery that first added to it (its sender is the author;
 * the others are named in `via`), with that delivery's service setting to call off paging when every alert resolved.
 */
export class FeedBatch {
  private readonly byIncident = new Map<string, { w: WriteTx<SystemActor>; cancelPaging: boolean; data: AlertData }>();
  private current: { w: WriteTx<SystemActor>; cancelPaging: boolean };

  /** `cancelPaging`: the delivering service's setting (on by default). */
  constructor(w: WriteTx<SystemActor>, cancelPaging = true) {
    this.current = { w, cancelPaging };
  }

  /** The next delivery's writer and setting, for what it adds from now on. */
  writer(w: WriteTx<SystemActor>, cancelPaging = true) {
    this.current = { w, cancelPaging };
  }

  add(incidentId: string, via: string, item: FeedItem, routeSeverity?: Severity) {
    const held = this.byIncident.get(incidentId) ?? { ...this.current, data: empty() };
    const d = held.data;
    const counted = { ...d, via: d.via.includes(via) ? d.via : [...d.via, via], [item.status]: d[item.status] + 1 };
    if (counted.alerts.length < ALERT_ENTRY_SUMMARIES) counted.alerts = [...counted.alerts, item];
    if (routeSeverity) counted.suggestedSeverity = moreSevere(counted.suggestedSeverity, routeSeverity);
    this.byIncident.set(incidentId, { ...held, data: counted });
  }

  async write() {
    for (const [incidentId, { w, cancelPaging, data }] of [...this.byIncident].sort(([a], [b]) => a.localeCompare(b))) await writeFeed(w, incidentId, data, cancelPaging);
    this.byIncident.clear();
  }
}

/** The incident's alerts now: how many, how many not resolved, when the last one resolved. */
async function alertCounts(tx: Tx, incidentId: string): Promise<{ total: number; open: number; allResolvedAt?: string }> {
  const [row] = await tx.$queryRaw<{ total: number; open: number; last: Date | null }[]>`
    SELECT count(*)::int AS total, (count(*) FILTER (WHERE status <> 'resolved'))::int AS open, max("resolvedAt") AS last
    FROM "Alert" WHERE "incidentId" = ${incidentId}`;
  const { total = 0, open = 0, last = null } = row ?? {};
  return { total, open, ...(open === 0 && total > 0 && last ? { allResolvedAt: last.toISOString() } : {}) };
}

/** The entry as written: the alerts counted now, and a suggested severity only while it is more severe than the incident's. */
async function entryFor(tx: Tx, incident: { id: string; severity: string }, pending: AlertData): Promise<AlertData> {
  const { suggestedSeverity, total: _total, open: _open, allResolvedAt: _at, ...rest } = pending;
  const counted = { ...rest, ...(await alertCounts(tx, incident.id)) };
  return suggestedSeverity && isEscalation(incident.severity as Severity, suggestedSeverity as Severity) ? { ...counted, suggestedSeverity } : counted;
}

/**
 * Monitoring opened this incident and every one of its alerts has resolved before anyone acknowledged a page: the
 * paging is called off (the incident stays open: alerts never resolve it). Whether any escalation was running.
 */
async function callOffPagingIfAllResolved(w: WriteTx<SystemActor>, incident: { id: string; number: number; orgId: string; status: string }): Promise<boolean> {
  if (incident.status !== "investigating") return false;
  const counts = await alertCounts(w.tx, incident.id);
  if (counts.total === 0 || counts.open > 0) return false;
  const row = await w.tx.incident.findUnique({ where: { id: incident.id }, select: { declaredById: true, acknowledgedAt: true } });
  if (!row || row.declaredById !== null || row.acknowledgedAt !== null) return false;
  return (await callOffEscalations(w, incident, "every alert resolved before anyone acknowledged")) > 0;
}

async function writeFeed(w: WriteTx<SystemActor>, incidentId: string, batch: AlertData, cancelPaging: boolean) {
  const incident = await lockIncident(w.tx, incidentId);
  if (!incident) return;
  const calledOff = batch.resolved > 0 && cancelPaging && (await callOffPagingIfAllResolved(w, incident));
  const data = calledOff ? { ...batch, pagingCancelled: true } : batch;
  const [feed] = await w.tx.$queryRaw<{ pending: unknown; lastEntryAt: Date | null }[]>`
    INSERT INTO "IncidentAlertFeed" ("incidentId") VALUES (${incidentId})
    ON CONFLICT ("incidentId") DO UPDATE SET "incidentId" = EXCLUDED."incidentId"
    RETURNING pending, "lastEntryAt"`;
  if (!feed) return;
  const pending = feed.pending ? merge(feed.pending as unknown as AlertData, data) : data;
  if (!coalescesInto(feed.lastEntryAt, w.now)) {
    await w.appendEntry(incident, "alert", await entryFor(w.tx, incident, pending));
    await w.tx.$executeRaw`UPDATE "IncidentAlertFeed" SET pending = NULL, "lastEntryAt" = ${w.now} WHERE "incidentId" = ${incidentId}`;
    return;
  }
  await w.tx.$executeRaw`UPDATE "IncidentAlertFeed" SET pending = ${JSON.stringify(pending)}::jsonb WHERE "incidentId" = ${incidentId}`;
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
    await w.appendEntry(row, "alert", await entryFor(w.tx, row, current.pending as unknown as AlertData));
    await w.tx.$executeRaw`UPDATE "IncidentAlertFeed" SET pending = NULL, "lastEntryAt" = ${w.now} WHERE "incidentId" = ${payload.incidentId}`;
  });
}
