import "server-only";
// Alerts in (issue 16): one delivery from a monitoring sender, in one transaction — the delivery as sent, each of
// its alerts deduplicated by identity, routed by the service's rules, grouped into the service's open incident or
// opening one, and the incident's `alert` timeline entry (at most one per 30 s, ./feed.ts). The route answers only
// after this commits. Concurrent copies of a delivery serialise on a lock per identity, and alerts that would open
// an incident on a lock per service, so ten copies make one alert and a group's first alerts make one incident,
// on any number of servers (the partial unique indexes of the migration back both up). A rule's hold defers opening to
// a durable job (`alerts.release`); a service under maintenance records what would open or page.
import { alertTransition, groupingKey, isFlapping, joinsGroup, rejoinsAfterResolve, routeAlert, type Route } from "@/lib/domain/alerts/rules";
import type { AlertSource, NormalizedAlert } from "@/lib/domain/alerts/normalize";
import { genericMappingOf, type GenericMapping } from "@/lib/domain/alerts/generic";
import { alertSettingsOf, type AlertSettings } from "@/lib/domain/alerts/settings";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";
import { openIncident } from "../incidents/mutations";
import { enqueue } from "../jobs";
import { commitWrite, integrationActor, type SystemActor, type WriteTx } from "../write";
import { touchLastUsed } from "../tokens";
import { hashIntegrationKey } from "./keys";
import { FeedBatch } from "./feed";
import { activeMaintenance } from "./maintenance";

/** A valid, unrevoked integration key and its service, as the ingest path needs them. */
export interface IngestKey {
  id: string;
  orgId: string;
  name: string;
  serviceId: string;
  serviceKey: string;
  settings: AlertSettings;
  /** The generic route's mapping (the defaults when none was set). */
  mapping: GenericMapping;
  /** Set: only deliveries signed with it are taken. */
  signingSecret: string | null;
}

type KeyRow = Prisma.IntegrationKeyGetPayload<{ include: { service: { select: { key: true; alertSettings: true } } } }>;
const withService = { service: { select: { key: true, alertSettings: true } } } as const;

function asIngestKey(row: KeyRow): IngestKey {
  return {
    id: row.id,
    orgId: row.orgId,
    name: row.name,
    serviceId: row.serviceId,
    serviceKey: row.service.key,
    settings: alertSettingsOf(row.service.alertSettings),
    mapping: genericMappingOf(row.mapping),
    signingSecret: row.signingSecret,
  };
}

/** The key a sender presented, or null (unknown or revoked). "Last used" is stamped at most once a minute. */
export async function ingestKey(secret: string): Promise<IngestKey | null> {
  const row = await db().integrationKey.findUnique({ where: { keyHash: hashIntegrationKey(secret) }, include: withService });
  if (!row || row.revokedAt) return null;
  touchLastUsed(row, () => db().integrationKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } }));
  return asIngestKey(row);
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
export async function recordRefusedDelivery(key: IngestKey, source: AlertSource, body: string, error: string, status = 400) {
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

/** One lock order everywhere: identities (sorted), then the service, then incident rows. */
async function lockIdentities(w: WriteTx<SystemActor>, keyId: string, identities: string[]) {
  for (const identity of [...new Set(identities)].sort()) {
    await w.tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`alert:${keyId}:${identity}`}, 0))`;
  }
}

/** Stores the delivery and acts on each of its alerts; resolves once all of it is committed. */
export async function ingestDelivery(key: IngestKey, source: AlertSource, body: string, alerts: NormalizedAlert[], sender: Sender): Promise<AlertOutcome[]> {
  const actor = integrationActor(key.orgId, key.name, sender.ip, sender.userAgent);
  return withRetry(async () => {
    const { value } = await commitWrite(actor, async (w) => {
      await lockIdentities(w, key.id, alerts.map((a) => a.identity));
      const feed = new FeedBatch(w, key.settings.cancelPagingWhenResolved);
      const outcomes: AlertOutcome[] = [];
      const maintenance = await activeMaintenance(w.tx, key.serviceId, w.now);
      for (const alert of alerts) outcomes.push(await applyAlert(w, key, alert, feed, maintenance));
      await feed.write();
      await w.tx.alertDelivery.create({
        data: { orgId: key.orgId, serviceId: key.serviceId, integrationKeyId: key.id, source, body, status: 202, outcome: outcomes as unknown as Prisma.InputJsonValue, receivedAt: w.now },
      });
      return outcomes;
    });
    return value;
  });
}

type AlertRow = Prisma.AlertGetPayload<{ include: { incident: { select: { number: true } } } }>;
const refOf = (row: { incident: { number: number } | null } | null) => (row?.incident ? `INC-${row.incident.number}` : null);

const transitionsWith = (stored: unknown, now: Date): string[] => {
  const earlier = Array.isArray(stored) ? stored.filter((t): t is string => typeof t === "string") : [];
  // Only the flap window matters: older transitions are let go.
  return [...earlier.filter((t) => now.getTime() - Date.parse(t) <= 30 * 60_000), now.toISOString()];
};

/** Under maintenance, what would open or page is recorded instead; drops stay drops. */
function underMaintenance(route: Route, maintenance: { id: string } | null): Route {
  return maintenance && (route.action === "open" || route.action === "page") ? { ...route, action: "record", holdSeconds: 0 } : route;
}

async function applyAlert(w: WriteTx<SystemActor>, key: IngestKey, alert: NormalizedAlert, feed: FeedBatch, maintenance: { id: string } | null): Promise<AlertOutcome> {
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
    return { ...base, transition: "rejoin" };
  }
  const routed = routeAlert(key.settings.rules, alert);
  const route = underMaintenance(routed, maintenance);
  // A rule's hold: nothing opens or pages until it ends, and an alert resolved by then never does (transient).
  const heldUntil = route.holdSeconds > 0 && (route.action === "open" || route.action === "page") ? new Date(now.getTime() + route.holdSeconds * 1000) : null;
  const incident = route.action === "open" && !heldUntil ? await groupInto(w, key, alert, route) : null;
  const row = await w.tx.alert.create({
    data: {
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
      incidentId: incident?.id ?? null,
      transitions: [now.toISOString()],
      heldUntil,
      maintenanceId: route !== routed ? maintenance!.id : null,
    },
  });
  if (heldUntil) await enqueue(w.tx, "alerts.release", { alertId: row.id }, { key: `alerts.release:${row.id}`, runAt: heldUntil });
  if (incident) feed.add(incident.id, key.name, { summary: alert.summary, severity: alert.severity, status: "firing" }, route.incidentSeverity);
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
 * The incident an alert that would open one belongs to: its Alertmanager group's open incident; else the service's
 * open group within its window; else an open incident a person declared on the service; else a new incident,
 * declared by the key (no commander: a human takes command), paging the service's on-call.
 */
async function groupInto(w: WriteTx<SystemActor>, key: IngestKey, alert: NormalizedAlert, route: Route): Promise<{ id: string; ref: string }> {
  const now = w.now;
  await w.tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`alert-service:${key.serviceId}`}, 0))`;
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
  const group = await w.tx.alertGroup.findFirst({
    where: { serviceId: key.serviceId, groupingKey: gk, closedAt: null },
    include: { incident: { select: { id: true, number: true, status: true } } },
  });
  if (group) {
    const active = (ACTIVE as readonly string[]).includes(group.incident.status);
    if (active && joinsGroup({ openedAt: group.openedAt, lastAlertAt: group.lastAlertAt, humanDeclared: false }, now, key.settings.groupWindowMinutes * 60_000)) {
      await w.tx.alertGroup.update({ where: { id: group.id }, data: { lastAlertAt: now } });
      return { id: group.incident.id, ref: `INC-${group.incident.number}` };
    }
    await w.tx.alertGroup.update({ where: { id: group.id }, data: { closedAt: now } });
  }

  const declared = await w.tx.incident.findFirst({
    where: { orgId: key.orgId, ...live, declaredById: { not: null }, services: { some: { serviceId: key.serviceId } } },
    orderBy: { declaredAt: "desc" },
    select: { id: true, number: true },
  });
  const incident =
    declared ??
    (await openIncident(
      w,
      {
        title: alert.summary.slice(0, 200) || "Alert",
        severity: route.incidentSeverity,
        services: [key.serviceKey],
        summary: `Opened by the alert sender ${key.name}.`,
        ...(alert.startsAt && Date.parse(alert.startsAt) <= now.getTime() ? { startedAt: alert.startsAt } : {}),
      },
      null,
    ));
  await w.tx.alertGroup.create({ data: { orgId: key.orgId, serviceId: key.serviceId, groupingKey: gk, incidentId: incident.id, openedAt: now, lastAlertAt: now } });
  return { id: incident.id, ref: `INC-${incident.number}` };
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
      await lockIdentities(w, key.id, [before.identity]);
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
      const maintenance = await activeMaintenance(w.tx, key.serviceId, w.now);
      const route = underMaintenance(routed, maintenance);
      if (route.action !== "open") {
        await w.tx.alert.update({ where: { id: row.id }, data: { heldUntil: null, action: route.action, ruleId: route.ruleId, maintenanceId: route !== routed ? maintenance!.id : null } });
        return;
      }
      const incident = await groupInto(w, key, alert, route);
      await w.tx.alert.update({ where: { id: row.id }, data: { heldUntil: null, incidentId: incident.id, action: route.action, ruleId: route.ruleId } });
      const feed = new FeedBatch(w, key.settings.cancelPagingWhenResolved);
      feed.add(incident.id, key.name, { summary: row.summary, severity: row.severity, status: row.status as "firing" | "acknowledged" | "resolved" }, route.incidentSeverity);
      await feed.write();
    }),
  );
}
