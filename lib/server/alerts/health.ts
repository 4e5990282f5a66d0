import "server-only";
// Alert feedback and health (issue 16; the rules are lib/domain/alerts/health.ts). An alert on a private incident the
// person is not on does not exist for them: not marked (404), not counted, never named among the noisiest.
import { alertFeedbackSchema, bySeverityAndHour, HEALTH_DAYS, isNoisy, actionRatio, type AlertFeedbackInput, type AlertHealthDto } from "@/lib/domain/alerts/health";
import { AppError } from "@/lib/domain/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { median } from "@/lib/domain/oncall-health";
import { requireRole } from "../access";
import type { Actor } from "../actor";
import { db } from "../db";
import { visibleIncidentsWhere } from "../incidents/access";
import { commitWrite } from "../write";
import { serviceOf } from "./service";

/** The alerts a person may see: their organization's, except those of private incidents they are not on. */
export function visibleAlertsWhere(actor: Pick<Actor, "orgId" | "userId">): Prisma.AlertWhereInput {
  return { orgId: actor.orgId, OR: [{ incidentId: null }, { incident: visibleIncidentsWhere(actor) }] };
}

/** The same in SQL, for an `"Alert" a LEFT JOIN "Incident" i` query. */
const visibleSql = (actor: Pick<Actor, "orgId" | "userId">) =>
  Prisma.sql`a."orgId" = ${actor.orgId} AND (a."incidentId" IS NULL OR NOT i.private OR EXISTS (SELECT 1 FROM "IncidentMember" m WHERE m."incidentId" = i.id AND m."userId" = ${actor.userId}))`;

/** An alert that led to action: it is on an incident, a person acknowledged the page it made, or someone marked it useful. */
const actionedSql = Prisma.sql`(a."incidentId" IS NOT NULL OR e.status = 'acknowledged' OR a.feedback = 'useful')`;

/** `POST /api/v1/alerts/{id}/feedback`: marks the alert (or every alert of its identity) useful or noisy. */
export async function recordFeedback(actor: Actor, id: string, input: AlertFeedbackInput) {
  requireRole(actor, "responder");
  alertFeedbackSchema.parse(input);
  const alert = await db().alert.findFirst({ where: { AND: [visibleAlertsWhere(actor), { id }] }, select: { id: true, integrationKeyId: true, identity: true, serviceId: true } });
  if (!alert) throw new AppError("not_found", "No such alert.");
  const { value } = await commitWrite(actor, async (w) => {
    const data = { feedback: input.verdict, feedbackNote: input.note || null, feedbackById: actor.userId, feedbackAt: w.now };
    const where = input.identity ? { AND: [visibleAlertsWhere(actor), { integrationKeyId: alert.integrationKeyId, identity: alert.identity }] } : { id: alert.id };
    const marked = await w.tx.alert.updateMany({ where, data });
    await w.audit("alert.feedback", "alert", alert.id, { verdict: input.verdict, identity: Boolean(input.identity), alerts: marked.count });
    return { id: alert.id, verdict: input.verdict, note: data.feedbackNote, alerts: marked.count, by: actor.handle, at: w.now.toISOString() };
  });
  return value;
}

/** `GET /api/v1/services/{key}/alert-health`: the last 30 days of the service's alerts, as the service page shows them. */
export async function alertHealth(actor: Actor, serviceKey: string, timeZone: string, now = new Date()): Promise<AlertHealthDto> {
  const service = await serviceOf(actor, serviceKey);
  const since = new Date(now.getTime() - HEALTH_DAYS * 86_400_000);
  const scope = Prisma.sql`a."serviceId" = ${service.id} AND a."firstSeenAt" >= ${since} AND ${visibleSql(actor)}`;
  const from = Prisma.sql`FROM "Alert" a LEFT JOIN "Incident" i ON i.id = a."incidentId" LEFT JOIN "Escalation" e ON e.id = a."escalationId"`;

  const [totals, hours, identities, pages] = await Promise.all([
    db().$queryRaw<{ total: number; actioned: number; useful: number; noisy: number }[]>`
      SELECT count(*)::int AS total, (count(*) FILTER (WHERE ${actionedSql}))::int AS actioned,
        (count(*) FILTER (WHERE a.feedback = 'useful'))::int AS useful, (count(*) FILTER (WHERE a.feedback = 'noisy'))::int AS noisy
      ${from} WHERE ${scope}`,
    db().$queryRaw<{ hour: Date; severity: string; alerts: number }[]>`
      SELECT date_trunc('hour', a."firstSeenAt") AS hour, a.severity, count(*)::int AS alerts ${from} WHERE ${scope} GROUP BY 1, 2`,
    db().$queryRaw<{ identity: string; sender: string; summary: string; latestAlertId: string; alerts: number; deliveries: number; actioned: number; useful: number; noisy: number; lastSeenAt: Date }[]>`
      SELECT a.identity, k.name AS sender, (array_agg(a.summary ORDER BY a."firstSeenAt" DESC))[1] AS summary,
        (array_agg(a.id ORDER BY a."firstSeenAt" DESC))[1] AS "latestAlertId",
        count(*)::int AS alerts, sum(a.occurrences)::int AS deliveries, (count(*) FILTER (WHERE ${actionedSql}))::int AS actioned,
        (count(*) FILTER (WHERE a.feedback = 'useful'))::int AS useful, (count(*) FILTER (WHERE a.feedback = 'noisy'))::int AS noisy,
        max(a."lastSeenAt") AS "lastSeenAt"
      ${from} JOIN "IntegrationKey" k ON k.id = a."integrationKeyId"
      WHERE ${scope} GROUP BY a."integrationKeyId", a.identity, k.name
      ORDER BY count(*) DESC, sum(a.occurrences) DESC, a.identity LIMIT 10`,
    // The pages the service's alerts made: their own escalation's ("page only") or, for alerts monitoring opened an
    // incident with, that incident's escalations of this service's policy. The first page of each, and when a person
    // acknowledged it.
    db().$queryRaw<{ createdAt: Date; acknowledgedAt: Date | null }[]>`
      SELECT DISTINCT ON (e.id) p."createdAt", p."acknowledgedAt"
      FROM "Escalation" e JOIN "Page" p ON p."escalationId" = e.id
      WHERE e."orgId" = ${actor.orgId} AND e."startedAt" >= ${since} AND e.id IN (
        SELECT a."escalationId" ${from} WHERE ${scope} AND a."escalationId" IS NOT NULL
        UNION
        SELECT e2.id FROM "Escalation" e2 JOIN "Incident" i2 ON i2.id = e2."incidentId"
        WHERE e2."orgId" = ${actor.orgId} AND i2."declaredById" IS NULL AND e2.services @> ${JSON.stringify([service.key])}::jsonb
          AND EXISTS (SELECT 1 FROM "Alert" a WHERE a."incidentId" = i2.id AND a."serviceId" = ${service.id})
          AND (NOT i2.private OR EXISTS (SELECT 1 FROM "IncidentMember" m WHERE m."incidentId" = i2.id AND m."userId" = ${actor.userId})))
      ORDER BY e.id, p."createdAt" ASC`,
  ]);
  const t = totals[0] ?? { total: 0, actioned: 0, useful: 0, noisy: 0 };
  const answered = pages.filter((p) => p.acknowledgedAt).map((p) => (p.acknowledgedAt!.getTime() - p.createdAt.getTime()) / 1000);
  return {
    since: since.toISOString(),
    days: HEALTH_DAYS,
    timeZone,
    total: t.total,
    actioned: t.actioned,
    ratio: actionRatio(t.actioned, t.total),
    feedback: { useful: t.useful, noisy: t.noisy },
    mtta: { pages: pages.length, acknowledged: answered.length, medianSeconds: median(answered) },
    bySeverityHour: bySeverityAndHour(hours, timeZone),
    noisiest: identities.map((r) => ({ ...r, lastSeenAt: r.lastSeenAt.toISOString(), flagged: isNoisy(r) })),
  };
}
