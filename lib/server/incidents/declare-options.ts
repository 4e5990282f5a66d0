import "server-only";
// What the declare form needs to page the right people, visibly: every service
// with its owning team and who its escalation policy's first step pages now, and
// the open incidents that may be the same one (same services, or a title alike).
import { MIN_SIMILAR_TITLE, SIMILAR_TITLE_THRESHOLD, type DeclareOptionsDto, type SimilarIncident, type SimilarQuery } from "@/lib/domain/declare";
import { storedStepsSchema } from "@/lib/domain/escalation";
import type { IncidentStatus } from "@/lib/domain/lifecycle";
import type { PersonRef } from "@/lib/domain/people";
import { incidentRef } from "@/lib/domain/refs";
import type { Severity } from "@/lib/domain/severity";
import type { Actor } from "../actor";
import { db } from "../db";
import { recipientsOf } from "../escalations/engine";
import { visibleIncidentsWhere } from "./access";

/** `GET /api/v1/incidents/declare-options`. */
export async function loadDeclareOptions(actor: Actor, now = new Date()): Promise<DeclareOptionsDto> {
  const [services, teams] = await Promise.all([
    db().service.findMany({
      where: { orgId: actor.orgId },
      include: { team: { select: { key: true, name: true } }, escalationPolicy: { select: { id: true, name: true, steps: true } } },
      orderBy: [{ tier: "asc" }, { key: "asc" }],
    }),
    db().teamMember.findMany({ where: { userId: actor.userId, team: { orgId: actor.orgId } }, select: { team: { select: { key: true } } } }),
  ]);
  // One preview per policy: several services often share one.
  const pagesByPolicy = new Map<string, PersonRef[]>();
  for (const s of services) {
    const policy = s.escalationPolicy;
    if (!policy || pagesByPolicy.has(policy.id)) continue;
    const first = storedStepsSchema.parse(policy.steps)[0];
    const { recipients } = first ? await recipientsOf(db(), actor.orgId, first, now) : { recipients: [] };
    pagesByPolicy.set(policy.id, await names(recipients.map((r) => r.userId)));
  }
  return {
    at: now.toISOString(),
    services: services.map((s) => ({
      id: s.id,
      key: s.key,
      name: s.name,
      tier: s.tier,
      team: s.team,
      policy: s.escalationPolicy?.name ?? null,
      pages: s.escalationPolicy ? (pagesByPolicy.get(s.escalationPolicy.id) ?? []) : [],
    })),
    myTeams: teams.map((t) => t.team.key),
  };
}

async function names(userIds: string[]): Promise<PersonRef[]> {
  if (userIds.length === 0) return [];
  const rows = await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, handle: true, name: true } });
  return userIds.flatMap((id) => rows.filter((r) => r.id === id).map((r) => ({ handle: r.handle, name: r.name })));
}

const OPEN: IncidentStatus[] = ["investigating", "mitigated"];

/**
 * `GET /api/v1/incidents/similar?title=&services=`: open incidents the actor can see that are on one of the services,
 * or whose title is alike (pg_trgm similarity), most alike first; at most 5. Drills are left out: a game day is never
 * the real outage.
 */
export async function findSimilarIncidents(actor: Actor, query: SimilarQuery): Promise<{ items: SimilarIncident[] }> {
  const byTitle =
    query.title.length >= MIN_SIMILAR_TITLE
      ? await db().$queryRaw<{ id: string; score: number }[]>`
          SELECT id, similarity(title, ${query.title})::float8 AS score FROM "Incident"
          WHERE "orgId" = ${actor.orgId} AND status::text = ANY(${OPEN}) AND NOT drill AND similarity(title, ${query.title}) > ${SIMILAR_TITLE_THRESHOLD}
          ORDER BY score DESC LIMIT 20`
      : [];
  const scores = new Map(byTitle.map((r) => [r.id, r.score]));
  const rows = await db().incident.findMany({
    where: {
      AND: [
        visibleIncidentsWhere(actor),
        { status: { in: OPEN }, drill: false },
        { OR: [{ id: { in: [...scores.keys()] } }, ...(query.services.length ? [{ services: { some: { service: { key: { in: query.services } } } } }] : [])] },
      ],
    },
    select: { id: true, number: true, title: true, severity: true, status: true, declaredAt: true, services: { select: { service: { select: { key: true } } } } },
    orderBy: { declaredAt: "desc" },
    take: 50,
  });
  const items = rows.map((r) => {
    const services = r.services.map((s) => s.service.key).sort();
    const because: SimilarIncident["because"] = [];
    if (services.some((k) => query.services.includes(k))) because.push("service");
    if (scores.has(r.id)) because.push("title");
    return {
      ref: incidentRef(r.number),
      title: r.title,
      severity: r.severity as Severity,
      status: r.status as IncidentStatus,
      declaredAt: r.declaredAt.toISOString(),
      services,
      because,
      score: (because.includes("service") ? 1 : 0) + (scores.get(r.id) ?? 0),
    };
  });
  items.sort((a, b) => b.score - a.score || b.declaredAt.localeCompare(a.declaredAt));
  return { items: items.slice(0, 5).map(({ score: _score, ...item }) => item) };
}
