import "server-only";
// The alert inbox (issue 16; the rules are lib/domain/alerts/inbox.ts): the alerts a responder may see, newest
// activity first, filtered; one alert's detail with the body that last carried it; attaching alerts that opened
// nothing to an open incident (./declare.ts moves them, with their escalation); muting an identity for a few hours.
// An alert of a private incident the person is not on does not exist for them, here as everywhere.
import { alertCursor, parseAlertCursor, type AlertAttachInput, type AlertListQuery, type AlertMuteInput } from "@/lib/domain/alerts/inbox";
import { AppError } from "@/lib/domain/errors";
import { incidentRef, parseIncidentRef } from "@/lib/domain/refs";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requireRole } from "../access";
import type { Actor } from "../actor";
import { db } from "../db";
import { endEscalations } from "../escalations/engine";
import { visibleIncidentsWhere } from "../incidents/access";
import { lockIncident } from "../incidents/lock";
import { commitWrite } from "../write";
import { lockFreeAlerts, moveOnto } from "./declare";
import { visibleAlertsWhere } from "./health";
import { alertsChanged } from "./ingest";

const listSelect = {
  id: true,
  summary: true,
  severity: true,
  status: true,
  source: true,
  action: true,
  identity: true,
  flapping: true,
  transient: true,
  heldUntil: true,
  occurrences: true,
  firstSeenAt: true,
  lastSeenAt: true,
  resolvedAt: true,
  sourceAcknowledgedAt: true,
  feedback: true,
  maintenanceId: true,
  muteId: true,
  integrationKeyId: true,
  service: { select: { key: true, name: true } },
  integrationKey: { select: { name: true } },
  incident: { select: { number: true, title: true, severity: true, status: true, private: true } },
  escalation: { select: { id: true, status: true, policyName: true } },
} satisfies Prisma.AlertSelect;
type ListRow = Prisma.AlertGetPayload<{ select: typeof listSelect }>;

function present(r: ListRow, mutedUntil: Date | null) {
  return {
    id: r.id,
    summary: r.summary,
    severity: r.severity,
    status: r.status,
    source: r.source,
    action: r.action,
    identity: r.identity,
    flapping: r.flapping,
    transient: r.transient,
    heldUntil: r.heldUntil?.toISOString() ?? null,
    occurrences: r.occurrences,
    firstSeenAt: r.firstSeenAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    sourceAcknowledgedAt: r.sourceAcknowledgedAt?.toISOString() ?? null,
    feedback: r.feedback,
    /** Why it opened and paged nothing, when its rule would have: its service was under maintenance, or its identity muted. */
    quieted: r.maintenanceId ? "maintenance" : r.muteId ? "muted" : null,
    /** Its identity is muted now, until then. */
    mutedUntil: mutedUntil?.toISOString() ?? null,
    service: r.service,
    sender: r.integrationKey.name,
    incident: r.incident && { ref: incidentRef(r.incident.number), title: r.incident.title, severity: r.incident.severity, status: r.incident.status, private: r.incident.private },
    escalation: r.escalation && { id: r.escalation.id, status: r.escalation.status, policy: r.escalation.policyName },
  };
}
export type AlertListItem = ReturnType<typeof present>;

/** The active mutes of these identities: when each ends. */
async function mutedUntil(rows: { integrationKeyId: string; identity: string }[], now: Date): Promise<Map<string, Date>> {
  if (rows.length === 0) return new Map();
  const mutes = await db().alertMute.findMany({
    where: { integrationKeyId: { in: [...new Set(rows.map((r) => r.integrationKeyId))] }, identity: { in: [...new Set(rows.map((r) => r.identity))] }, until: { gt: now }, endedAt: null, createdAt: { lte: now } },
    select: { integrationKeyId: true, identity: true, until: true },
  });
  const out = new Map<string, Date>();
  for (const m of mutes) {
    const k = `${m.integrationKeyId}\u0000${m.identity}`;
    if (!out.has(k) || out.get(k)! < m.until) out.set(k, m.until);
  }
  return out;
}

const STATUS_WHERE: Record<AlertListQuery["status"], Prisma.AlertWhereInput> = {
  open: { status: { in: ["firing", "acknowledged"] } },
  firing: { status: "firing" },
  acknowledged: { status: "acknowledged" },
  resolved: { status: "resolved" },
  all: {},
};

/** `GET /api/v1/alerts`: newest activity first, up to `limit`, with `next` when there are more. */
export async function listAlerts(actor: Actor, query: AlertListQuery) {
  const where: Prisma.AlertWhereInput[] = [visibleAlertsWhere(actor), STATUS_WHERE[query.status]];
  if (query.service) where.push({ service: { key: query.service.toUpperCase() } });
  if (query.source) where.push({ source: query.source });
  if (query.severity) where.push({ severity: query.severity });
  if (query.action) where.push({ action: query.action });
  if (query.flapping !== undefined) where.push({ flapping: query.flapping });
  if (query.cursor) {
    const c = parseAlertCursor(query.cursor);
    if (!c) throw new AppError("invalid_input", "Invalid input: cursor: not a cursor this list gave", { fields: { cursor: "not a cursor this list gave" } });
    where.push({ OR: [{ lastSeenAt: { lt: c.at } }, { lastSeenAt: c.at, id: { lt: c.id } }] });
  }
  const rows = await db().alert.findMany({ where: { AND: where }, select: listSelect, orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }], take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const now = new Date();
  const muted = await mutedUntil(page, now);
  return {
    items: page.map((r) => present(r, muted.get(`${r.integrationKeyId}\u0000${r.identity}`) ?? null)),
    next: rows.length > query.limit ? alertCursor(page[page.length - 1]!) : null,
  };
}

const RAW_SHOWN = 64 * 1024;

/** `GET /api/v1/alerts/{id}`: the alert with its labels, annotations, links and details, and the deliveries that carried it (the last one's body as sent). */
export async function alertDetail(actor: Actor, id: string) {
  const row = await db().alert.findFirst({
    where: { AND: [visibleAlertsWhere(actor), { id }] },
    select: { ...listSelect, labels: true, annotations: true, links: true, details: true, groupKey: true, startsAt: true, endsAt: true, identityFrom: true, feedbackNote: true, serviceId: true },
  });
  if (!row) throw new AppError("not_found", "No such alert.");
  // The deliveries that carried it: their outcomes name it (newest first; the service's index narrows the scan).
  const deliveries = await db().$queryRaw<{ id: string; receivedAt: Date; source: string; body: string; bytes: number; outcome: unknown }[]>`
    SELECT id, "receivedAt", source, left(body, ${RAW_SHOWN}) AS body, octet_length(body) AS bytes, outcome FROM "AlertDelivery"
    WHERE "serviceId" = ${row.serviceId} AND "receivedAt" >= ${row.firstSeenAt} AND outcome @> ${JSON.stringify([{ alertId: row.id }])}::jsonb
    ORDER BY "receivedAt" DESC LIMIT 10`;
  const muted = await mutedUntil([row], new Date());
  const latest = deliveries[0];
  // A delivery carries a group: its body is shown only when every alert in it is one this person may see (one on a
  // private incident they are not on would be read there).
  const others = latest ? [...new Set((Array.isArray(latest.outcome) ? (latest.outcome as { alertId?: unknown }[]) : []).flatMap((o) => (typeof o?.alertId === "string" ? [o.alertId] : [])))] : [];
  const seen = others.length ? await db().alert.count({ where: { AND: [visibleAlertsWhere(actor), { id: { in: others } }] } }) : 0;
  const withheld = seen < others.length;
  return {
    ...present(row, muted.get(`${row.integrationKeyId}\u0000${row.identity}`) ?? null),
    identityFrom: row.identityFrom,
    labels: row.labels,
    annotations: row.annotations,
    links: row.links,
    details: row.details,
    groupKey: row.groupKey,
    startsAt: row.startsAt?.toISOString() ?? null,
    endsAt: row.endsAt?.toISOString() ?? null,
    feedbackNote: row.feedbackNote,
    deliveries: deliveries.map((d) => ({ id: d.id, receivedAt: d.receivedAt.toISOString(), source: d.source })),
    raw: latest && !withheld ? { deliveryId: latest.id, receivedAt: latest.receivedAt.toISOString(), body: latest.body, truncated: latest.bytes > RAW_SHOWN } : null,
    /** The last body carried alerts of an incident this person may not see: not shown. */
    rawWithheld: withheld,
  };
}

/** `POST /api/v1/alerts/attach`: alerts that opened nothing go on an open incident (with the escalation that paged for them). */
export async function attachAlerts(actor: Actor, input: AlertAttachInput) {
  requireRole(actor, "responder");
  const number = parseIncidentRef(input.incident);
  const target = number === null ? null : await db().incident.findFirst({ where: { AND: [visibleIncidentsWhere(actor), { number }] }, select: { id: true } });
  if (!target) throw new AppError("not_found", `No incident ${input.incident.toUpperCase()}.`, { fields: { incident: "no such incident" } });
  const { value } = await commitWrite(actor, async (w) => {
    const { alerts, escalationIds } = await lockFreeAlerts(w, input.alertIds);
    const incident = await lockIncident(w.tx, target.id);
    const merged = await w.tx.incident.findUnique({ where: { id: target.id }, select: { mergedIntoId: true } });
    if (!incident || merged?.mergedIntoId || (incident.status !== "investigating" && incident.status !== "mitigated")) {
      throw new AppError("conflict", `${input.incident.toUpperCase()} is not open: declare a new incident instead.`, { fields: { incident: "not open" } });
    }
    if (incident.drill) throw new AppError("conflict", `${input.incident.toUpperCase()} is a drill: real alerts do not go on it.`, { fields: { incident: "a drill" } });
    const serviceIds = [...new Set(alerts.map((a) => a.serviceId))];
    await w.tx.incidentService.createMany({ data: serviceIds.map((serviceId) => ({ incidentId: incident.id, serviceId })), skipDuplicates: true });
    await moveOnto(w, incident, alerts, escalationIds);
    // A mitigated incident pages nobody: escalations that came with the alerts end.
    await endEscalations(w, incident, incident.status);
    await w.audit("alerts.attach", "incident", incident.id, { ref: incidentRef(incident.number), alerts: alerts.length });
    return { incident: incidentRef(incident.number), alerts: alerts.map((a) => a.id) };
  });
  return value;
}

/** `POST /api/v1/alerts/{id}/mute`: the alert's identity, for `hours`: its alerts are recorded, open and page nothing. */
export async function muteIdentity(actor: Actor, id: string, input: AlertMuteInput) {
  requireRole(actor, "responder");
  const alert = await db().alert.findFirst({ where: { AND: [visibleAlertsWhere(actor), { id }] }, select: { id: true, serviceId: true, integrationKeyId: true, identity: true, service: { select: { key: true } } } });
  if (!alert) throw new AppError("not_found", "No such alert.");
  const { value } = await commitWrite(actor, async (w) => {
    const until = new Date(w.now.getTime() + input.hours * 3_600_000);
    // One mute per identity: muting again replaces the one running.
    await w.tx.alertMute.updateMany({ where: { integrationKeyId: alert.integrationKeyId, identity: alert.identity, endedAt: null, until: { gt: w.now } }, data: { endedAt: w.now } });
    const mute = await w.tx.alertMute.create({
      data: { orgId: actor.orgId, serviceId: alert.serviceId, integrationKeyId: alert.integrationKeyId, identity: alert.identity, until, reason: input.reason, createdById: actor.userId, createdAt: w.now },
    });
    await w.audit("alert.mute", "alert", alert.id, { identity: alert.identity, hours: input.hours });
    alertsChanged(w, actor.orgId);
    return { id: mute.id, identity: alert.identity, until: until.toISOString(), reason: mute.reason, by: actor.handle };
  });
  return value;
}

/** `DELETE /api/v1/alerts/{id}/mute`: lifts the mute of the alert's identity now (again: unchanged). */
export async function unmuteIdentity(actor: Actor, id: string) {
  requireRole(actor, "responder");
  const alert = await db().alert.findFirst({ where: { AND: [visibleAlertsWhere(actor), { id }] }, select: { id: true, integrationKeyId: true, identity: true, service: { select: { key: true } } } });
  if (!alert) throw new AppError("not_found", "No such alert.");
  const { value } = await commitWrite(actor, async (w) => {
    const lifted = await w.tx.alertMute.updateMany({ where: { integrationKeyId: alert.integrationKeyId, identity: alert.identity, endedAt: null, until: { gt: w.now } }, data: { endedAt: w.now } });
    if (lifted.count) {
      await w.audit("alert.unmute", "alert", alert.id, { identity: alert.identity });
      alertsChanged(w, actor.orgId);
    }
    return { identity: alert.identity, lifted: lifted.count > 0 };
  });
  return value;
}

/** What the inbox page offers to filter by and attach to: the organization's services, the open incidents one can see. */
export async function inboxOptions(actor: Actor) {
  const [services, incidents] = await Promise.all([
    db().service.findMany({ where: { orgId: actor.orgId }, select: { key: true, name: true }, orderBy: { name: "asc" } }),
    db().incident.findMany({
      where: { AND: [visibleIncidentsWhere(actor), { status: { in: ["investigating", "mitigated"] }, mergedIntoId: null }] },
      select: { number: true, title: true },
      orderBy: [{ severity: "asc" }, { declaredAt: "asc" }],
      take: 50,
    }),
  ]);
  return { services, openIncidents: incidents.map((i) => ({ ref: incidentRef(i.number), title: i.title })) };
}
