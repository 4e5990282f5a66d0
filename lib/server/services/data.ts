import "server-only";
// The service catalog: one owning team per service, its tier, links and
// dependencies both ways, who is on call for it now (its team's schedules), its
// incidents, and the hygiene flags that say it is not ready for the next one.
import { AppError } from "@/lib/domain/errors";
import { incidentRef } from "@/lib/domain/refs";
import { hygieneFlags, runbookOf } from "@/lib/domain/services";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { db } from "../db";
import { visibleIncidentsWhere } from "../incidents/access";
import { requireVisibleIncidentId } from "../incidents/data";
import { listSchedules, onCallNowForTeams } from "../schedules/data";


export async function listServiceOptions(actor: Actor) {
  return db().service.findMany({
    where: { orgId: actor.orgId },
    select: { id: true, key: true, name: true, tier: true },
    orderBy: [{ tier: "asc" }, { key: "asc" }],
  });
}
export type ServiceOption = Awaited<ReturnType<typeof listServiceOptions>>[number];

export const serviceInclude = {
  team: { select: { key: true, name: true } },
  escalationPolicy: { select: { id: true, name: true } },
  dependsOn: { select: { dependsOn: { select: { key: true, name: true } } } },
  dependents: { select: { service: { select: { key: true, name: true } } } },
} satisfies Prisma.ServiceInclude;
type ServiceRow = Prisma.ServiceGetPayload<{ include: typeof serviceInclude }>;

type Link = { label: string; url: string };
export const linksOf = (row: { links: Prisma.JsonValue }): Link[] => (Array.isArray(row.links) ? (row.links as Link[]) : []);

export function present(row: ServiceRow, now: Date) {
  const links = linksOf(row);
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    tier: row.tier,
    team: row.team,
    escalationPolicy: row.escalationPolicy,
    links,
    lastReviewedAt: row.lastReviewedAt?.toISOString() ?? null,
    version: row.version,
    dependsOn: row.dependsOn.map((d) => d.dependsOn),
    dependents: row.dependents.map((d) => d.service),
    flags: hygieneFlags({ tier: row.tier, hasOwner: row.team !== null, links, lastReviewedAt: row.lastReviewedAt }, now),
  };
}

/** `GET /api/v1/services`: the catalog by tier then key, with hygiene flags and open incident counts. */
export async function listServices(actor: Actor, now = new Date()) {
  const rows = await db().service.findMany({ where: { orgId: actor.orgId }, include: serviceInclude, orderBy: [{ tier: "asc" }, { key: "asc" }] });
  const open = await db().incidentService.groupBy({
    by: ["serviceId"],
    where: { serviceId: { in: rows.map((r) => r.id) }, incident: { AND: [visibleIncidentsWhere(actor), { status: { in: ["investigating", "mitigated"] } }] } },
    _count: { _all: true },
  });
  const counts = new Map(open.map((o) => [o.serviceId, o._count._all]));
  return { items: rows.map((row) => ({ ...present(row, now), openIncidents: counts.get(row.id) ?? 0 })), nextCursor: null };
}

/** `GET /api/v1/services/{key}`: the service, who is on call for it now, its open and recent incidents. */
export async function loadService(actor: Actor, key: string, now = new Date()) {
  const row = await db().service.findFirst({ where: { orgId: actor.orgId, key: key.toUpperCase() }, include: serviceInclude });
  if (!row) throw new AppError("not_found", `No service ${key.toUpperCase()}.`);
  const [schedules, incidents] = await Promise.all([
    row.team ? listSchedules(actor, { team: row.team.key, limit: 20 }, now) : Promise.resolve({ items: [] }),
    db().incident.findMany({
      where: { AND: [visibleIncidentsWhere(actor), { services: { some: { serviceId: row.id } } }] },
      orderBy: { number: "desc" },
      take: 20,
      select: { number: true, title: true, severity: true, status: true, declaredAt: true, resolvedAt: true },
    }),
  ]);
  return {
    ...present(row, now),
    onCall: schedules.items.map((s) => ({ schedule: { id: s.id, name: s.name }, users: s.onCall.users, source: s.onCall.source })),
    incidents: incidents.map((i) => ({
      ref: incidentRef(i.number),
      title: i.title,
      severity: i.severity,
      status: i.status,
      declaredAt: i.declaredAt.toISOString(),
      resolvedAt: i.resolvedAt?.toISOString() ?? null,
    })),
  };
}
export type ServiceDetail = Awaited<ReturnType<typeof loadService>>;

/**
 * `GET /api/v1/incidents/{ref}/services`: the incident's affected services, each
 * with its tier, owning team, who is on call for it now (its team's schedules,
 * as the service page computes it) and its runbook link. As visible as the
 * incident (a private one is a 404 for non-members).
 */
export async function loadIncidentServices(actor: Actor, ref: string, now = new Date()) {
  const incident = await requireVisibleIncidentId(actor, ref);
  const rows = await db().service.findMany({
    where: { orgId: actor.orgId, incidents: { some: { incidentId: incident.id } } },
    include: { team: { select: { id: true, key: true, name: true } } },
    orderBy: [{ tier: "asc" }, { key: "asc" }],
  });
  const onCall = await onCallNowForTeams(actor, [...new Set(rows.flatMap((r) => (r.teamId ? [r.teamId] : [])))], now);
  return {
    at: now.toISOString(),
    items: rows.map((row) => ({
      key: row.key,
      name: row.name,
      tier: row.tier,
      team: row.team ? { key: row.team.key, name: row.team.name } : null,
      onCall: row.teamId ? (onCall.get(row.teamId) ?? []) : [],
      runbook: runbookOf(linksOf(row)),
    })),
  };
}
export type IncidentServicesDto = Awaited<ReturnType<typeof loadIncidentServices>>;

/** What the service form offers: teams, other services (dependencies) and escalation policies of the organization. */
export async function loadServiceFormOptions(actor: Actor) {
  const [teams, services, escalationPolicies] = await Promise.all([
    db().team.findMany({ where: { orgId: actor.orgId }, select: { key: true, name: true }, orderBy: { key: "asc" } }),
    db().service.findMany({ where: { orgId: actor.orgId }, select: { key: true, name: true }, orderBy: { key: "asc" } }),
    db().escalationPolicy.findMany({ where: { orgId: actor.orgId }, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
  ]);
  return { teams, services, escalationPolicies };
}
