import "server-only";
// Alerts in (issue 16): a monitoring sender's delivery, in one transaction with the others that arrived meanwhile
// (group commit, ./group-commit.ts) — the delivery as sent, each of its alerts deduplicated by identity, routed by the
// service's rules, grouped into the service's open incident or opening one, and the incident's `alert` timeline entry
// (at most one per 30 s, ./feed.ts). The route answers only after this commits. Concurrent copies of a delivery
// serialise on a lock per identity, and alerts that would open an incident on a lock per service, so ten copies make
// one alert and a group's first alerts make one incident, on any number of servers (the partial unique indexes of the
// migration back both up). A rule's hold defers opening to a durable job (`alerts.release`); a service under
// maintenance records what would open or page.
import { randomUUID } from "node:crypto";
import { alertTransition, groupingKey, isFlapping, joinsGroup, rejoinsAfterResolve, routeAlert, type Route } from "@/lib/domain/alerts/rules";
import type { DeliverySource } from "@/lib/domain/alerts/change-events";
import type { AlertSource, NormalizedAlert } from "@/lib/domain/alerts/normalize";
import { impactReading } from "@/lib/domain/alerts/impact";
import { genericMappingOf, type GenericMapping } from "@/lib/domain/alerts/generic";
import { alertSettingsOf, type AlertSettings } from "@/lib/domain/alerts/settings";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "../db";
import { alertPageReason } from "@/lib/domain/pages";
import { callOffAlertEscalation, pageForAlert } from "../escalations/engine";
import { openIncident } from "../incidents/mutations";
import { enqueue } from "../jobs";
import { commitBatch, commitWrite, integrationActor, type SystemActor, type WriteTx } from "../write";
import { touchLastUsed } from "../tokens";
import { hashIntegrationKey } from "./keys";
import { FeedBatch } from "./feed";
import { activeMaintenance } from "./maintenance";
import { GroupCommit } from "./group-commit";
import { cachedKey, keepKey, keyGeneration } from "./key-cache";

/** A valid, unrevoked integration key and its service, as the ingest path needs them. */
export interface IngestKey {
  id: string;
  orgId: string;
  name: string;
  serviceId: string;
  serviceKey: string;
  serviceName: string;
  settings: AlertSettings;
  /** The generic route's mapping (the defaults when none was set). */
  mapping: GenericMapping;
  /** Set: only deliveries signed with it are taken. */
  signingSecret: string | null;
}

type KeyRow = Prisma.IntegrationKeyGetPayload<{ include: { service: { select: { key: true; name: true; alertSettings: true } } } }>;
const withService = { service: { select: { key: true, name: true, alertSettings: true } } } as const;

function asIngestKey(row: KeyRow): IngestKey {
  return {
    id: row.id,
    orgId: row.orgId,
    name: row.name,
    serviceId: row.serviceId,
    serviceKey: row.service.key,
    serviceName: row.service.name,
    settings: alertSettingsOf(row.service.alertSettings),
    mapping: genericMappingOf(row.mapping),
    signingSecret: row.signingSecret,
  };
}

/**
 * The key a sender presented, or null (unknown or revoked), read at most every few seconds per key (./key-cache.ts).
 * "Last used" is stamped at most once a minute.
 */
export async function ingestKey(secret: string): Promise<IngestKey | null> {
  const hash = hashIntegrationKey(secret);
  const cached = cachedKey<IngestKey>(hash);
  if (cached !== undefined) return cached;
  const generation = keyGeneration();
  const row = await db().integrationKey.findUnique({ where: { keyHash: hash }, include: withService });
  const key = row && !row.revokedAt ? asIngestKey(row) : null;
  if (row && key) touchLastUsed(row, () => db().integrationKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } }));
  keepKey(hash, key, generation);
  return key;
}

/**
 * A key by id: for Conn's own test alert (the admin holds no secret), null when unknown or revoked; and for a held
 * alert's release (`evenRevoked`: the alert was taken before the key was revoked).
 */
export async function ingestKeyById(id: string, opts: { evenRevoked?: boolean } = {}): Promise<IngestKey | null> {
  const row = await db().integrationKey.findUnique({ where: { id }, include: withService });
  return row && (opts.evenRevoked || !row.revokedAt) ? asIngestKey(row) : null;
}

export interface AlertOutcome {
  identity: string;
  transition: "open" | "repeat" | "source_ack" | "resolve" | "drop" | "rejoin";
  alertId: string | null;
  /** The incident it belongs to (ref), if any. */
  incident: string | null;
  action?: Route["action"];
}

interface Sender {
  ip: string | null;
  userAgent: string | null;
}

/** A refused delivery (400, or 401 for a bad signature) is kept too, so the service page can show a sender what went wrong. */
export async function recordRefusedDelivery(key: IngestKey, source: DeliverySource, body: string, error: string, status = 400) {
  await db().alertDelivery.create({ data: { orgId: key.orgId, serviceId: key.serviceId, integrationKeyId: key.id, source, body, status, error: error.slice(0, 2000) } });
}

const ACTIVE = ["investigating", "mitigated"] as const;

/** Postgres gave up one of two crossing transactions (deadlock, serialisation): it is safe to run it again. */
function retryable(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${(error as { code?: string }).code ?? ""}` : "";
  return /40P01|40001|deadlock detected|P2034|could not serialize/i.test(text);
}

/** A write that two crossing transactions may deadlock on, run again (up to four times) when Postgres gives it up. */
async function withRetry<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt < 4 && retryable(error)) continue;
      throw error;
    }
  }
}

/** One lock order everywhere: identities (sorted), then services, then incident rows. One statement for all of them. */
export async function lockIdentities(tx: Tx, pairs: ReadonlyArray<readonly [keyId: string, identity: string]>) {
  const locks = [...new Set(pairs.map(([k, i]) => `alert:${k}:${i}`))].sort();
  if (locks.length) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(${locks}::text[]) AS k`;
}

interface Delivery {
  key: IngestKey;
  source: AlertSource;
  body: string;
  alerts: NormalizedAlert[];
  sender: Sender;
}

/** Deliveries arriving together share a transaction (./group-commit.ts): two lanes, at most 50 deliveries or 2,000 alerts each. */
const deliveries = new GroupCommit<Delivery, AlertOutcome[]>((batch) => withRetry(() => ingestBatch(batch)), {
  lanes: 2,
  maxItems: 50,
  maxWeight: 2000,
  weight: (d) => d.alerts.length,
});

/** Stores the delivery and acts on each of its alerts; resolves once all of it is committed. */
export function ingestDelivery(key: IngestKey, source: AlertSource, body: string, alerts: NormalizedAlert[], sender: Sender): Promise<AlertOutcome[]> {
  return deliveries.submit({ key, source, body, alerts, sender });
}

/**
 * One alert acted on inside the caller's write, stored as a delivery like any other: for a heartbeat, whose state must
 * change with its alert atomically (./heartbeats.ts). The lock order holds: the caller has locked only its own row,
 * which no other path locks; then the identity, then services and incidents as for any alert.
 */
export async function ingestInWrite(w: WriteTx<SystemActor>, key: IngestKey, source: AlertSource, body: string, alert: NormalizedAlert): Promise<AlertOutcome> {
  await lockIdentities(w.tx, [[key.id, alert.identity]]);
  const feed = new FeedBatch(w, key.settings.cancelPagingWhenResolved);
  const outcome = await applyAlert(w, key, alert, feed, await quietNow(w.tx, key, alert.identity, w.now));
  await feed.write();
  alertsChanged(w, key.orgId);
  await w.tx.alertDelivery.create({
    data: { orgId: key.orgId, serviceId: key.serviceId, integrationKeyId: key.id, source, body, status: 202, outcome: [outcome] as unknown as Prisma.InputJsonValue, receivedAt: w.now },
  });
  return outcome;
}

/** After commit, to the organization's room: alerts changed (the inbox refetches). Once per transaction and organization. */
export function alertsChanged(w: { events: WriteTx["events"] }, orgId: string) {
  if (!w.events.some((e) => e.type === "alerts.changed" && e.orgId === orgId)) w.events.push({ type: "alerts.changed", orgId });
}

/** An alert as stored, as much as deciding its next step without opening anything takes. */
interface StoredHead {
  id: string;
  status: string;
  startsAt: Date | null;
  resolvedAt: Date | null;
  incidentNumber: number | null;
}

const identityKey = (keyId: string, identity: string) => `${keyId}\u0000${identity}`;

/**
 * One transaction for several deliveries. The alerts' last state is read for the whole batch at once; repeats and new
 * alerts (recorded, dropped, or grouped into an incident) are written together in a few statements, and each
 * incident's alert entry once, at the end. An alert that touches its history (source acknowledge, resolve, rejoin),
 * has a hold, or whose identity comes twice in the batch goes through applyAlert on its own, after what the batch
 * gathered so far is written (so it reads the rows as they are).
 */
async function ingestBatch(batch: Delivery[]): Promise<AlertOutcome[][]> {
  return commitBatch(async (tx, open) => {
    const pairs = batch.flatMap((d) => d.alerts.map((a) => [d.key.id, a.identity] as const));
    await lockIdentities(tx, pairs);
    const now = new Date();
    const serviceIds = [...new Set(batch.map((d) => d.key.serviceId))];
    const windows = await tx.maintenanceWindow.findMany({
      where: { serviceId: { in: serviceIds }, startsAt: { lte: now }, endsAt: { gt: now } },
      select: { id: true, serviceId: true },
      orderBy: { endsAt: "asc" },
    });
    const maintenance = new Map(windows.map((m) => [m.serviceId, { id: m.id }]));
    const mutes = await activeMutes(tx, pairs, now);
    const heads = new Map<string, StoredHead>();
    if (pairs.length) {
      const rows = await tx.$queryRaw<(StoredHead & { integrationKeyId: string; identity: string })[]>`
        SELECT DISTINCT ON (a."integrationKeyId", a.identity) a.id, a."integrationKeyId", a.identity, a.status, a."startsAt", a."resolvedAt", i.number AS "incidentNumber"
        FROM "Alert" a LEFT JOIN "Incident" i ON i.id = a."incidentId"
        WHERE (a."integrationKeyId", a.identity) IN (SELECT * FROM unnest(${pairs.map((p) => p[0])}::text[], ${pairs.map((p) => p[1])}::text[]))
        ORDER BY a."integrationKeyId", a.identity, a."firstSeenAt" DESC`;
      for (const row of rows) heads.set(identityKey(row.integrationKeyId, row.identity), row);
    }

    const touched = new Set<string>();
    const repeats = new Map<string, number>();
    const creates: Prisma.AlertCreateManyInput[] = [];
    let latest = now;
    const flush = async () => {
      if (repeats.size) {
        await tx.$executeRaw`UPDATE "Alert" a SET "lastSeenAt" = ${latest}, occurrences = a.occurrences + u.n
          FROM unnest(${[...repeats.keys()]}::text[], ${[...repeats.values()]}::int[]) AS u(id, n) WHERE a.id = u.id`;
        repeats.clear();
      }
      if (creates.length) {
        await tx.alert.createMany({ data: creates });
        creates.length = 0;
      }
    };

    const results: AlertOutcome[][] = [];
    const deliveryRows: Prisma.AlertDeliveryCreateManyInput[] = [];
    const changed = new Map<string, WriteTx<SystemActor>>();
    let feed: FeedBatch | undefined;
    for (const d of batch) {
      const w = open(integrationActor(d.key.orgId, d.key.name, d.sender.ip, d.sender.userAgent));
      if (!changed.has(d.key.orgId)) changed.set(d.key.orgId, w);
      latest = w.now;
      feed ??= new FeedBatch(w);
      feed.writer(w, d.key.settings.cancelPagingWhenResolved);
      const outcomes: AlertOutcome[] = [];
      const underway = maintenance.get(d.key.serviceId);
      for (const alert of d.alerts) {
        const k = identityKey(d.key.id, alert.identity);
        const quiet = quietOf(underway, mutes.get(k));
        const plan = touched.has(k) ? null : planAlert(d.key, alert, heads.get(k) ?? null, quiet, w.now);
        touched.add(k);
        if (!plan) {
          await flush();
          outcomes.push(await applyAlert(w, d.key, alert, feed, quiet));
          continue;
        }
        if (plan.open && plan.create) {
          // Its group's earlier alerts in this batch must be rows before the group's incident is looked up, and the
          // service's earlier paging alerts before its "page only" escalation is.
          const opens = plan.open.action === "open";
          const sameService = (c: Prisma.AlertCreateManyInput) => c.serviceId === d.key.serviceId;
          if (creates.some((c) => sameService(c) && (opens ? alert.groupKey !== null && c.groupKey === alert.groupKey : c.action === "page"))) await flush();
          const placed = await place(w, d.key, alert, plan.open);
          plan.create.incidentId = placed?.incident?.id ?? null;
          plan.create.escalationId = placed?.escalationId ?? null;
          plan.outcome.incident = placed?.incident?.ref ?? null;
          if (placed?.incident) feed.add(placed.incident.id, d.key.name, { summary: alert.summary, severity: alert.severity, status: "firing" }, opens ? plan.open.incidentSeverity : undefined);
        }
        outcomes.push(plan.outcome);
        if (plan.repeat) repeats.set(plan.repeat, (repeats.get(plan.repeat) ?? 0) + 1);
        if (plan.create) creates.push(plan.create);
      }
      results.push(outcomes);
      deliveryRows.push({ orgId: d.key.orgId, serviceId: d.key.serviceId, integrationKeyId: d.key.id, source: d.source, body: d.body, status: 202, outcome: outcomes as unknown as Prisma.InputJsonValue, receivedAt: w.now });
    }
    await flush();
    await recordImpact(tx, batch.flatMap((d, i) => d.alerts.map((alert, j) => ({ alert, alertId: results[i]![j]!.alertId, at: deliveryRows[i]!.receivedAt as Date }))));
    // The incidents' alert entries count every alert of the batch: written once all of them are rows.
    await feed?.write();
    await tx.alertDelivery.createMany({ data: deliveryRows });
    for (const [orgId, w] of changed) alertsChanged(w, orgId);
    return results;
  });
}

/**
 * Impact numbers (lib/domain/alerts/impact.ts): one sample per delivered alert that carries one and is on an incident,
 * in the delivery's transaction. One read of the alerts' incidents, one insert; nothing when no alert carries a number.
 */
async function recordImpact(tx: Tx, delivered: { alert: NormalizedAlert; alertId: string | null; at: Date }[]) {
  const readings = delivered.flatMap((d) => {
    const reading = d.alertId ? impactReading(d.alert) : null;
    return reading ? [{ ...reading, alertId: d.alertId!, at: d.at }] : [];
  });
  if (readings.length === 0) return;
  const rows = await tx.alert.findMany({ where: { id: { in: [...new Set(readings.map((r) => r.alertId))] }, incidentId: { not: null } }, select: { id: true, incidentId: true } });
  const incidentOf = new Map(rows.map((r) => [r.id, r.incidentId!]));
  const data = readings.flatMap((r) => (incidentOf.has(r.alertId) ? [{ incidentId: incidentOf.get(r.alertId)!, metric: r.metric, value: r.value, at: r.at, alertId: r.alertId }] : []));
  if (data.length) await tx.impactSample.createMany({ data });
}

/**
 * The alert's step when the batch can take it: a repeat (last seen, count), an acknowledge or resolve of nothing
 * known (dropped), or a new alert — recorded or dropped by its rule (or by maintenance or a mute), or opening or
 * joining an incident, or paging ("page only") (`open`: the batch places it, then writes the row with the others).
 * Null when it has a hold or touches
 * its history (source acknowledge, resolve, rejoin): applyAlert then does it alone.
 */
function planAlert(
  key: IngestKey,
  alert: NormalizedAlert,
  stored: StoredHead | null,
  quiet: Quiet,
  now: Date,
): { outcome: AlertOutcome; repeat?: string; create?: Prisma.AlertCreateManyInput; open?: Route } | null {
  const transition = alertTransition(stored && { status: stored.status as "firing", startsAt: stored.startsAt?.toISOString() ?? null }, alert.action, alert.startsAt);
  const base = { identity: alert.identity, alertId: stored?.id ?? null, incident: stored?.incidentNumber ? `INC-${stored.incidentNumber}` : null };
  if (transition === "drop") return { outcome: { ...base, transition } };
  if (transition === "repeat") return { outcome: { ...base, transition }, repeat: stored!.id };
  if (transition !== "open" || (stored?.resolvedAt && rejoinsAfterResolve(stored.resolvedAt, now))) return null;
  const routed = routeAlert(key.settings.rules, alert);
  const route = quieted(routed, quiet);
  if ((route.action === "open" || route.action === "page") && route.holdSeconds > 0) return null;
  const id = randomUUID();
  return {
    outcome: { identity: alert.identity, transition, alertId: id, incident: null, action: route.action },
    create: newAlert(key, alert, route, now, { id, ...quietIds(route, routed, quiet) }),
    ...(route.action === "open" || route.action === "page" ? { open: route } : {}),
  };
}

/** A new alert's row, as its rule placed it. */
function newAlert(
  key: IngestKey,
  alert: NormalizedAlert,
  route: Route,
  now: Date,
  more: { id?: string; incidentId?: string | null; escalationId?: string | null; heldUntil?: Date | null; maintenanceId: string | null; muteId: string | null },
): Prisma.AlertCreateManyInput {
  return {
    ...(more.id ? { id: more.id } : {}),
    orgId: key.orgId,
    serviceId: key.serviceId,
    integrationKeyId: key.id,
    source: alert.source,
    identity: alert.identity,
    identityFrom: alert.identityFrom,
    status: "firing",
    ...alertFields(alert),
    firstSeenAt: now,
    lastSeenAt: now,
    action: route.action,
    ruleId: route.ruleId,
    incidentId: more.incidentId ?? null,
    escalationId: more.escalationId ?? null,
    transitions: [now.toISOString()],
    heldUntil: more.heldUntil ?? null,
    maintenanceId: more.maintenanceId,
    muteId: more.muteId,
  };
}

type AlertRow = Prisma.AlertGetPayload<{ include: { incident: { select: { number: true } } } }>;
const refOf = (row: { incident: { number: number } | null } | null) => (row?.incident ? `INC-${row.incident.number}` : null);

const transitionsWith = (stored: unknown, now: Date): string[] => {
  const earlier = Array.isArray(stored) ? stored.filter((t): t is string => typeof t === "string") : [];
  // Only the flap window matters: older transitions are let go.
  return [...earlier.filter((t) => now.getTime() - Date.parse(t) <= 30 * 60_000), now.toISOString()];
};

/** Why an alert that would open or page is only recorded now: its service is under maintenance, or its identity is muted. */
type Quiet = { maintenanceId: string | null; muteId: string | null } | null;

const quietOf = (maintenance: { id: string } | null | undefined, mute: { id: string } | null | undefined): Quiet =>
  maintenance || mute ? { maintenanceId: maintenance?.id ?? null, muteId: mute?.id ?? null } : null;

/** Under maintenance or muted, what would open or page is recorded instead; drops stay drops. */
function quieted(route: Route, quiet: Quiet): Route {
  return quiet && (route.action === "open" || route.action === "page") ? { ...route, action: "record", holdSeconds: 0 } : route;
}

/** The window or mute that quieted an alert, kept on its row. */
const quietIds = (route: Route, routed: Route, quiet: Quiet) => (route !== routed && quiet ? quiet : { maintenanceId: null, muteId: null });

/** The identities of these pairs muted now (the inbox's "mute for N hours"): one read for a batch. */
async function activeMutes(tx: Tx, pairs: ReadonlyArray<readonly [keyId: string, identity: string]>, now: Date): Promise<Map<string, { id: string }>> {
  if (pairs.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ id: string; integrationKeyId: string; identity: string }[]>`
    SELECT DISTINCT ON ("integrationKeyId", identity) id, "integrationKeyId", identity FROM "AlertMute"
    WHERE ("integrationKeyId", identity) IN (SELECT * FROM unnest(${pairs.map((p) => p[0])}::text[], ${pairs.map((p) => p[1])}::text[]))
      AND "createdAt" <= ${now} AND until > ${now} AND ("endedAt" IS NULL OR "endedAt" > ${now})
    ORDER BY "integrationKeyId", identity, until DESC`;
  return new Map(rows.map((r) => [identityKey(r.integrationKeyId, r.identity), { id: r.id }]));
}

/** Maintenance of the key's service and a mute of the alert's identity, now: for one alert acted on alone. */
async function quietNow(tx: Tx, key: IngestKey, identity: string, now: Date): Promise<Quiet> {
  const [maintenance, mutes] = await Promise.all([activeMaintenance(tx, key.serviceId, now), activeMutes(tx, [[key.id, identity]], now)]);
  return quietOf(maintenance, mutes.get(identityKey(key.id, identity)));
}

async function applyAlert(w: WriteTx<SystemActor>, key: IngestKey, alert: NormalizedAlert, feed: FeedBatch, quiet: Quiet): Promise<AlertOutcome> {
  const now = w.now;
  const stored: AlertRow | null = await w.tx.alert.findFirst({
    where: { integrationKeyId: key.id, identity: alert.identity },
    orderBy: { firstSeenAt: "desc" },
    include: { incident: { select: { number: true } } },
  });
  const transition = alertTransition(stored && { status: stored.status as "firing", startsAt: stored.startsAt?.toISOString() ?? null }, alert.action, alert.startsAt);
  const base = { identity: alert.identity, alertId: stored?.id ?? null, incident: refOf(stored) };
  const seen = { lastSeenAt: now, occurrences: { increment: 1 } };

  if (transition === "drop") return { ...base, transition };
  if (transition === "repeat") {
    await w.tx.alert.update({ where: { id: stored!.id }, data: seen });
    return { ...base, transition };
  }
  if (transition === "source_ack") {
    await w.tx.alert.update({ where: { id: stored!.id }, data: { ...seen, status: "acknowledged", sourceAcknowledgedAt: now } });
    if (stored!.incidentId && !stored!.flapping) feed.add(stored!.incidentId, key.name, { summary: stored!.summary, severity: stored!.severity, status: "acknowledged" });
    return { ...base, transition };
  }
  if (transition === "resolve") {
    const transitions = transitionsWith(stored!.transitions, now);
    const flapping = stored!.flapping || isFlapping(transitions.map((t) => new Date(t)), now);
    // Resolved within its hold: it opened and paged nothing, and never will (its release finds it resolved).
    const transient = stored!.incidentId === null && stored!.heldUntil !== null && stored!.heldUntil > now;
    await w.tx.alert.update({
      where: { id: stored!.id },
      data: { ...seen, status: "resolved", resolvedAt: now, endsAt: alert.endsAt ? new Date(alert.endsAt) : now, transitions, flapping, ...(transient ? { transient, heldUntil: null } : {}) },
    });
    if (stored!.incidentId && !flapping) feed.add(stored!.incidentId, key.name, { summary: stored!.summary, severity: stored!.severity, status: "resolved" });
    if (stored!.escalationId && !stored!.incidentId && key.settings.cancelPagingWhenResolved) await callOffIfAllResolved(w, stored!.escalationId);
    return { ...base, transition };
  }

  // open: firing again soon after it resolved rejoins its incident, unpaged; otherwise a new alert, routed.
  if (stored?.resolvedAt && rejoinsAfterResolve(stored.resolvedAt, now)) {
    const transitions = transitionsWith(stored.transitions, now);
    const flapping = stored.flapping || isFlapping(transitions.map((t) => new Date(t)), now);
    await w.tx.alert.update({
      where: { id: stored.id },
      data: { ...seen, ...alertFields(alert), status: "firing", resolvedAt: null, sourceAcknowledgedAt: null, transitions, flapping },
    });
    if (stored.incidentId && !flapping) feed.add(stored.incidentId, key.name, { summary: alert.summary, severity: alert.severity, status: "firing" });
    // A "page only" alert whose paging was called off (every alert resolved) or ran out: nobody is on it now and, with
    // no incident, nothing else shows it, so it is placed again (joining an open incident, or paging) unless quieted —
    // flapping or not (a firing alert nobody is told of is worse than a second page).
    if (!stored.incidentId && stored.escalationId) {
      const escalation = await w.tx.escalation.findUnique({ where: { id: stored.escalationId }, select: { status: true, incidentId: true } });
      const route = quieted(routeAlert(key.settings.rules, alert), quiet);
      if (escalation && !escalation.incidentId && (escalation.status === "cancelled" || escalation.status === "exhausted") && route.action === "page") {
        const placed = await place(w, key, alert, route);
        await w.tx.alert.update({ where: { id: stored.id }, data: { incidentId: placed?.incident?.id ?? null, escalationId: placed?.escalationId ?? null } });
        if (placed?.incident) feed.add(placed.incident.id, key.name, { summary: alert.summary, severity: alert.severity, status: "firing" });
        return { ...base, transition: "rejoin", incident: placed?.incident?.ref ?? null };
      }
    }
    return { ...base, transition: "rejoin" };
  }
  const routed = routeAlert(key.settings.rules, alert);
  const route = quieted(routed, quiet);
  // A rule's hold: nothing opens or pages until it ends, and an alert resolved by then never does (transient).
  const heldUntil = route.holdSeconds > 0 && (route.action === "open" || route.action === "page") ? new Date(now.getTime() + route.holdSeconds * 1000) : null;
  const placed = heldUntil ? null : await place(w, key, alert, route);
  const incident = placed?.incident ?? null;
  const row = await w.tx.alert.create({
    data: newAlert(key, alert, route, now, { incidentId: incident?.id ?? null, escalationId: placed?.escalationId ?? null, heldUntil, ...quietIds(route, routed, quiet) }),
    select: { id: true },
  });
  if (heldUntil) await enqueue(w.tx, "alerts.release", { alertId: row.id }, { key: `alerts.release:${row.id}`, runAt: heldUntil });
  if (incident) feed.add(incident.id, key.name, { summary: alert.summary, severity: alert.severity, status: "firing" }, route.action === "open" ? route.incidentSeverity : undefined);
  return { identity: alert.identity, transition, alertId: row.id, incident: incident?.ref ?? null, action: route.action };
}

function alertFields(alert: NormalizedAlert) {
  return {
    summary: alert.summary,
    severity: alert.severity,
    labels: alert.labels,
    annotations: alert.annotations,
    links: alert.links as unknown as Prisma.InputJsonValue,
    details: alert.details as Prisma.InputJsonValue,
    groupKey: alert.groupKey,
    startsAt: alert.startsAt ? new Date(alert.startsAt) : null,
    endsAt: alert.endsAt ? new Date(alert.endsAt) : null,
  };
}

/**
 * Where an alert that opens or pages goes, once any hold is over: "open" opens or joins the service's incident
 * (groupInto); "page only" joins the service's open incident if it has one (its on-call is already on it), else
 * pages the service's on-call for it with no incident (../escalations/engine.ts pageForAlert: one escalation for the
 * service's paging alerts). Recorded and dropped alerts go nowhere.
 */
async function place(w: WriteTx<SystemActor>, key: IngestKey, alert: NormalizedAlert, route: Route): Promise<{ incident: { id: string; ref: string } | null; escalationId: string | null } | null> {
  if (route.action === "open") return { incident: await groupInto(w, key, alert, route), escalationId: null };
  if (route.action !== "page") return null;
  const incident = await openIncidentOf(w, key, alert);
  if (incident) return { incident, escalationId: null };
  return { incident: null, escalationId: await pageForAlert(w, key.serviceId, alertPageReason({ serviceName: key.serviceName, severity: alert.severity, summary: alert.summary })) };
}

/** A "page only" alert resolved: when none of its escalation's alerts still fires, the paging is called off (if nobody answered yet). */
async function callOffIfAllResolved(w: WriteTx<SystemActor>, escalationId: string) {
  const firing = await w.tx.alert.count({ where: { escalationId, status: { not: "resolved" } } });
  if (firing === 0) await callOffAlertEscalation(w, escalationId, "every alert resolved before anyone acknowledged");
}

/** The services whose grouping lock a transaction holds (it holds it to its end: taken once). */
const servicesLocked = new WeakMap<object, Set<string>>();

/**
 * Services' grouping locks, for the rest of the transaction: alerts of one service open or join one incident, or
 * start one "page only" escalation, at a time. Taken after the identities' locks (declaring from alerts takes them too).
 */
export async function lockServices(tx: Tx, serviceIds: string[]) {
  const locked = servicesLocked.get(tx) ?? new Set<string>();
  servicesLocked.set(tx, locked);
  for (const serviceId of [...new Set(serviceIds)].sort()) {
    if (locked.has(serviceId)) continue;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`alert-service:${serviceId}`}, 0))`;
    locked.add(serviceId);
  }
}

const lockService = (w: WriteTx<SystemActor>, serviceId: string) => lockServices(w.tx, [serviceId]);

/**
 * The incident an alert that would open one belongs to: its Alertmanager group's open incident; else the service's
 * open group within its window; else an open incident a person declared on the service; else a new incident,
 * declared by the key (no commander: a human takes command), paging the service's on-call.
 */
async function groupInto(w: WriteTx<SystemActor>, key: IngestKey, alert: NormalizedAlert, route: Route): Promise<{ id: string; ref: string }> {
  const joined = await openIncidentOf(w, key, alert);
  if (joined) return joined;
  const incident = await openIncident(
    w,
    {
      title: alert.summary.slice(0, 200) || "Alert",
      severity: route.incidentSeverity,
      services: [key.serviceKey],
      summary: `Opened by the alert sender ${key.name}.`,
      ...(alert.startsAt && Date.parse(alert.startsAt) <= w.now.getTime() ? { startedAt: alert.startsAt } : {}),
    },
    null,
  );
  await w.tx.alertGroup.create({ data: { orgId: key.orgId, serviceId: key.serviceId, groupingKey: groupingKey(alert, key.settings.groupingLabels), incidentId: incident.id, openedAt: w.now, lastAlertAt: w.now } });
  return { id: incident.id, ref: `INC-${incident.number}` };
}

/**
 * The open incident an alert of the service joins, if there is one: its Alertmanager group's; else the service's open
 * group within its window; else an open incident a person declared on the service (which becomes the group's). Null
 * when it would take a new incident. Takes the service's grouping lock.
 */
async function openIncidentOf(w: WriteTx<SystemActor>, key: IngestKey, alert: NormalizedAlert): Promise<{ id: string; ref: string } | null> {
  const now = w.now;
  await lockService(w, key.serviceId);
  const live = { status: { in: [...ACTIVE] } };

  if (alert.groupKey) {
    const sibling = await w.tx.alert.findFirst({
      where: { serviceId: key.serviceId, groupKey: alert.groupKey, incident: live },
      orderBy: { lastSeenAt: "desc" },
      select: { incident: { select: { id: true, number: true } } },
    });
    if (sibling?.incident) {
      await w.tx.alertGroup.updateMany({ where: { incidentId: sibling.incident.id, closedAt: null }, data: { lastAlertAt: now } });
      return { id: sibling.incident.id, ref: `INC-${sibling.incident.number}` };
    }
  }

  const gk = groupingKey(alert, key.settings.groupingLabels);
  // Every alert of a storm comes this way: plain SQL, not the query builder, for the lookup and the window's extension.
  const [group] = await w.tx.$queryRaw<{ id: string; openedAt: Date; lastAlertAt: Date; incidentId: string; number: number; status: string }[]>`
    SELECT g.id, g."openedAt", g."lastAlertAt", i.id AS "incidentId", i.number, i.status::text AS status
    FROM "AlertGroup" g JOIN "Incident" i ON i.id = g."incidentId"
    WHERE g."serviceId" = ${key.serviceId} AND g."groupingKey" = ${gk} AND g."closedAt" IS NULL`;
  if (group) {
    const active = (ACTIVE as readonly string[]).includes(group.status);
    if (active && joinsGroup({ openedAt: group.openedAt, lastAlertAt: group.lastAlertAt, humanDeclared: false }, now, key.settings.groupWindowMinutes * 60_000)) {
      await w.tx.$executeRaw`UPDATE "AlertGroup" SET "lastAlertAt" = ${now} WHERE id = ${group.id}`;
      return { id: group.incidentId, ref: `INC-${group.number}` };
    }
    await w.tx.alertGroup.update({ where: { id: group.id }, data: { closedAt: now } });
  }

  const declared = await w.tx.incident.findFirst({
    where: { orgId: key.orgId, ...live, declaredById: { not: null }, services: { some: { serviceId: key.serviceId } } },
    orderBy: { declaredAt: "desc" },
    select: { id: true, number: true },
  });
  if (!declared) return null;
  await w.tx.alertGroup.create({ data: { orgId: key.orgId, serviceId: key.serviceId, groupingKey: gk, incidentId: declared.id, openedAt: now, lastAlertAt: now } });
  return { id: declared.id, ref: `INC-${declared.number}` };
}

/** A stored alert as the grouping rules read it. */
function asNormalized(row: Prisma.AlertGetPayload<object>): NormalizedAlert {
  const text = (v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, string>) : {});
  return {
    source: row.source as AlertSource,
    identity: row.identity,
    identityFrom: row.identityFrom as NormalizedAlert["identityFrom"],
    action: "trigger",
    summary: row.summary,
    severity: row.severity as NormalizedAlert["severity"],
    labels: text(row.labels),
    annotations: text(row.annotations),
    startsAt: row.startsAt?.toISOString() ?? null,
    endsAt: row.endsAt?.toISOString() ?? null,
    groupKey: row.groupKey,
    links: [],
    details: {},
  };
}

/**
 * Job `alerts.release`: a held alert's hold is over. Resolved by then, it is transient and nothing happens; still
 * firing, it does now what its rule says (opens or joins the service's incident), routed by the rules as they are now.
 */
export async function releaseHeldAlert(payload: { alertId: string }) {
  const found = await db().alert.findUnique({ where: { id: payload.alertId }, select: { integrationKeyId: true } });
  if (!found) return;
  const key = await ingestKeyById(found.integrationKeyId, { evenRevoked: true });
  if (!key) return;
  await withRetry(() =>
    commitWrite(integrationActor(key.orgId, key.name, null, null), async (w) => {
      const before = await w.tx.alert.findUnique({ where: { id: payload.alertId }, select: { identity: true } });
      if (!before) return;
      await lockIdentities(w.tx, [[key.id, before.identity]]);
      const row = await w.tx.alert.findUnique({ where: { id: payload.alertId } });
      if (!row || !row.heldUntil || row.incidentId) return;
      // Resolved within its hold: transient. (Resolved only after it, before this job ran: it outlived its hold and
      // goes where its rule says, resolved.)
      if (row.status === "resolved" && row.resolvedAt && row.resolvedAt <= row.heldUntil) {
        await w.tx.alert.update({ where: { id: row.id }, data: { heldUntil: null, transient: true } });
        return;
      }
      const alert = asNormalized(row);
      const routed = routeAlert(key.settings.rules, alert);
      const quiet = await quietNow(w.tx, key, row.identity, w.now);
      const route = quieted(routed, quiet);
      alertsChanged(w, key.orgId);
      // Resolved after its hold, before this ran: it outlived its hold, but a page for what already ended wakes nobody.
      const placed = row.status === "resolved" && route.action === "page" ? null : await place(w, key, alert, route);
      await w.tx.alert.update({
        where: { id: row.id },
        data: { heldUntil: null, action: route.action, ruleId: route.ruleId, incidentId: placed?.incident?.id ?? null, escalationId: placed?.escalationId ?? null, ...quietIds(route, routed, quiet) },
      });
      if (!placed?.incident) return;
      const feed = new FeedBatch(w, key.settings.cancelPagingWhenResolved);
      feed.add(placed.incident.id, key.name, { summary: row.summary, severity: row.severity, status: row.status as "firing" | "acknowledged" | "resolved" }, route.action === "open" ? route.incidentSeverity : undefined);
      await feed.write();
    }),
  );
}
