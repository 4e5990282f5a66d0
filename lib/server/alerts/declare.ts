import "server-only";
// `POST /api/v1/alerts/declare { alertIds, severity, title? }` (issue 16): a responder declares an incident from
// alerts that opened none — a "page only" page that turned out to be an outage, or alerts picked in the inbox. One
// transaction: the alerts' identities locked (as a delivery locks them), the incident declared by the person (they
// command it, its services are the alerts'), the alerts and every alert of the escalations that paged for them moved
// onto it, those escalations and their pages too — so the service's on-call is not paged again (escalation.start skips
// a policy already running on the incident) — and the declarer's own open page acknowledged: they are here. The
// incident's alert entry is written with it, by the alerts' senders.
import { declaredTitle, declareProblem, type AlertDeclareInput } from "@/lib/domain/alerts/declare";
import { AppError } from "@/lib/domain/errors";
import type { IncidentView } from "@/lib/domain/incident-view";
import { incidentRef } from "@/lib/domain/refs";
import { requireRole } from "../access";
import type { Actor } from "../actor";
import { acknowledgeEscalation } from "../escalations/engine";
import { openIncident } from "../incidents/mutations";
import { readIncidentView } from "../incidents/view";
import { commitWrite, integrationActor, WriteTx, type IdempotencyOptions, type WriteResult } from "../write";
import { FeedBatch } from "./feed";
import type { Prisma } from "@/lib/generated/prisma/client";
import { visibleAlertsWhere } from "./health";
import { alertsChanged, lockIdentities, lockServices } from "./ingest";

const alertSelect = {
  id: true,
  serviceId: true,
  integrationKeyId: true,
  identity: true,
  summary: true,
  severity: true,
  status: true,
  escalationId: true,
  startsAt: true,
  firstSeenAt: true,
  incident: { select: { number: true } },
  service: { select: { key: true } },
  integrationKey: { select: { name: true } },
} as const;

export async function declareFromAlerts(actor: Actor, input: AlertDeclareInput, opts: { idempotency?: IdempotencyOptions } = {}): Promise<WriteResult<IncidentView>> {
  requireRole(actor, "responder");
  return commitWrite<IncidentView>(
    actor,
    async (w) => {
      const { alerts, asked, escalationIds } = await lockFreeAlerts(w, input.alertIds);
      // The impact began when the first of them did (the sender's startsAt, else when Conn first saw it).
      const began = Math.min(...alerts.map((a) => (a.startsAt ?? a.firstSeenAt).getTime()));
      const incident = await openIncident(
        w,
        {
          title: declaredTitle(input.title, asked),
          severity: input.severity,
          services: [...new Set(alerts.map((a) => a.service.key))],
          summary: `Declared from ${alerts.length === 1 ? "an alert" : `${alerts.length} alerts`} by @${actor.handle}.`,
          ...(began <= w.now.getTime() ? { startedAt: new Date(began).toISOString() } : {}),
        },
        actor.kind === "human" ? { id: actor.userId, handle: actor.handle } : null,
      );
      await moveOnto(w, incident, alerts, escalationIds);
      await w.audit("alerts.declare", "incident", incident.id, { ref: incidentRef(incident.number), alerts: alerts.length });
      return readIncidentView(w.tx, incident.id);
    },
    opts,
  );
}

type FreeAlert = Prisma.AlertGetPayload<{ select: typeof alertSelect }>;

/**
 * In a person's write: the alerts asked for and every other alert of the escalations that paged for them (the page
 * listed them all), their identities locked as a delivery locks them, read again under the locks. Each asked for must
 * exist for this person (an alert of a private incident they are not on does not: 400 like an unknown one) and be on
 * no incident (409).
 */
export async function lockFreeAlerts(w: WriteTx<Actor>, alertIds: string[]): Promise<{ alerts: FreeAlert[]; asked: FreeAlert[]; escalationIds: string[] }> {
  const ids = [...new Set(alertIds)];
  const visible = visibleAlertsWhere(w.actor);
  const first = await w.tx.alert.findMany({ where: { AND: [visible, { id: { in: ids } }] }, select: { integrationKeyId: true, identity: true, escalationId: true, serviceId: true } });
  const escalationIds = [...new Set(first.flatMap((a) => (a.escalationId ? [a.escalationId] : [])))];
  const siblings = escalationIds.length
    ? await w.tx.alert.findMany({ where: { orgId: w.actor.orgId, escalationId: { in: escalationIds } }, select: { integrationKeyId: true, identity: true, serviceId: true } })
    : [];
  // As a delivery locks them: the identities, then the services (so no "page only" alert joins these escalations
  // while they move).
  await lockIdentities(w.tx, [...first, ...siblings].map((a) => [a.integrationKeyId, a.identity] as const));
  await lockServices(w.tx, [...first, ...siblings].map((a) => a.serviceId));
  const alerts = await w.tx.alert.findMany({
    where: { AND: [visible, { OR: [{ id: { in: ids } }, ...(escalationIds.length ? [{ escalationId: { in: escalationIds }, incidentId: null }] : [])] }] },
    select: alertSelect,
    orderBy: [{ firstSeenAt: "asc" }, { id: "asc" }],
  });
  const problem = declareProblem(ids, alerts.map((a) => ({ id: a.id, incident: a.incident ? incidentRef(a.incident.number) : null })));
  if (problem) throw new AppError(problem.code, problem.message, { fields: { alertIds: problem.message } });
  // An alert paged between the first read and the locks (a hold ending) brings its escalation too.
  const moving = [...new Set([...escalationIds, ...alerts.flatMap((a) => (a.escalationId ? [a.escalationId] : []))])];
  return { alerts, asked: alerts.filter((a) => ids.includes(a.id)), escalationIds: moving };
}

/**
 * Puts free alerts on an incident in the caller's write: the alerts, the escalations that paged for them and their
 * pages (nobody is paged again), the person's own open page answered (they are here), and the incident's alert entry
 * by the alerts' senders (an alert entry is never a person's).
 */
export async function moveOnto(w: WriteTx<Actor>, incident: { id: string; number: number; private: boolean }, alerts: FreeAlert[], escalationIds: string[]) {
  const onIt = { incidentId: incident.id };
  if (escalationIds.length) await w.tx.$executeRaw`SELECT 1 FROM "Escalation" WHERE id = ANY(${escalationIds}) ORDER BY id FOR UPDATE`;
  await w.tx.alert.updateMany({ where: { id: { in: alerts.map((a) => a.id) } }, data: onIt });
  if (escalationIds.length) {
    await w.tx.escalation.updateMany({ where: { id: { in: escalationIds }, incidentId: null }, data: onIt });
    await w.tx.page.updateMany({ where: { escalationId: { in: escalationIds }, incidentId: null }, data: onIt });
    // The people these escalations paged see their pages, so they may see the incident (as pageFrom makes them members).
    if (incident.private) {
      const paged = await w.tx.page.findMany({ where: { escalationId: { in: escalationIds } }, select: { userId: true }, distinct: ["userId"] });
      await w.tx.incidentMember.createMany({ data: paged.map((p) => ({ incidentId: incident.id, userId: p.userId })), skipDuplicates: true });
    }
    await acknowledgeOwnPage(w, incident, escalationIds);
  }
  const senders = new WriteTx(w.tx, integrationActor(w.actor.orgId, [...new Set(alerts.map((a) => a.integrationKey.name))].join(", "), null, null));
  const feed = new FeedBatch(senders, false);
  for (const a of alerts) feed.add(incident.id, a.integrationKey.name, { summary: a.summary, severity: a.severity, status: a.status as "firing" | "acknowledged" | "resolved" });
  await feed.write();
  w.events.push(...senders.events);
  alertsChanged(w, w.actor.orgId);
}

/** The declarer was paged for these alerts and has not answered: declaring is answering (a human acknowledgement, MTTA's mark). */
async function acknowledgeOwnPage(w: WriteTx<Actor>, incident: { id: string; number: number }, escalationIds: string[]) {
  if (w.actor.kind !== "human") return;
  const mine = await w.tx.page.findMany({ where: { escalationId: { in: escalationIds }, userId: w.actor.userId, acknowledgedAt: null }, select: { id: true, escalationId: true } });
  if (mine.length === 0) return;
  await w.tx.page.updateMany({ where: { id: { in: mine.map((p) => p.id) } }, data: { acknowledgedAt: w.now, acknowledgedById: w.actor.userId } });
  for (const escalationId of new Set(mine.map((p) => p.escalationId!))) await acknowledgeEscalation(w, incident, escalationId);
  await w.tx.incident.updateMany({ where: { id: incident.id, acknowledgedAt: null }, data: { acknowledgedAt: w.now } });
}
