import "server-only";
// The service catalog: one owning team per service, its tier, links and
// dependencies both ways, who is on call for it now (its team's schedules), its
// incidents, and the hygiene flags that say it is not ready for the next one.
import { AppError } from "@/lib/domain/errors";
import { incidentRef } from "@/lib/domain/refs";
import { hygieneFlags, runbookOf, selfDependencyError, type ServiceCreateInput, type ServicePatchInput } from "@/lib/domain/services";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requireRole } from "../access";
import type { Actor } from "../actor";
import { db, type Tx } from "../db";
import { visibleIncidentsWhere } from "../incidents/access";
import { requireVisibleIncidentId } from "../incidents/data";
import { staleVersion } from "../incidents/incident-write";
import { listSchedules, onCallNowForTeams } from "../schedules/data";
import { commitWrite, type IdempotencyOptions } from "../write";

export async function listServiceOptions(actor: Actor) {
  return db().service.findMany({
    where: { orgId: actor.orgId },
    select: { id: true, key: true, name: true, tier: true },
    orderBy: [{ tier: "asc" }, { key: "asc" }],
  });
}
export type ServiceOption = Awaited<ReturnType<typeof listServiceOptions>>[number];

const serviceInclude = {
  team: { select: { key: true, name: true } },
  escalationPolicy: { select: { id: true, name: true } },
  dependsOn: { select: { dependsOn: { select: { key: true, name: true } } } },
  dependents: { select: { service: { select: { key: true, name: true } } } },
} satisfies Prisma.ServiceInclude;
type ServiceRow = Prisma.ServiceGetPayload<{ include: typeof serviceInclude }>;

type Link = { label: string; url: string };
const linksOf = (row: { links: Prisma.JsonValue }): Link[] => (Array.isArray(row.links) ? (row.links as Link[]) : []);

function present(row: ServiceRow, now: Date) {
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

/** `POST /api/v1/services` (admin). */
/** Service keys → ids of the same organization; a service naming itself or an unknown key is a 400 on `dependsOn`. */
async function resolveDependencies(tx: Tx, orgId: string, key: string, keys: string[]): Promise<{ id: string; key: string }[]> {
  const wanted = [...new Set(keys)];
  const self = selfDependencyError(key, wanted);
  if (self) throw new AppError("invalid_input", `${self}.`, { fields: { dependsOn: self } });
  const deps = wanted.length ? await tx.service.findMany({ where: { orgId, key: { in: wanted } }, select: { id: true, key: true }, orderBy: { key: "asc" } }) : [];
  const unknown = wanted.filter((k) => !deps.some((d) => d.key === k));
  if (unknown.length) throw new AppError("invalid_input", `Unknown service: ${unknown.join(", ")}.`, { fields: { dependsOn: `unknown: ${unknown.join(", ")}` } });
  return deps;
}

/** An escalation policy of the same organization by id; 400 on `escalationPolicy` otherwise (another organization's is unknown here). */
async function resolvePolicy(tx: Tx, orgId: string, id: string): Promise<{ id: string; name: string }> {
  const policy = await tx.escalationPolicy.findFirst({ where: { id, orgId }, select: { id: true, name: true } });
  if (!policy) throw new AppError("invalid_input", `No escalation policy ${id}.`, { fields: { escalationPolicy: "no such escalation policy in this organization" } });
  return policy;
}

export async function createService(actor: Actor, input: ServiceCreateInput, opts: { idempotency?: IdempotencyOptions } = {}) {
  requireRole(actor, "admin");
  return commitWrite(
    actor,
    async (w) => {
      const team = await w.tx.team.findFirst({ where: { orgId: actor.orgId, key: input.team } });
      if (!team) throw new AppError("invalid_input", `No team ${input.team}.`, { fields: { team: "no such team" } });
      if (await w.tx.service.findFirst({ where: { orgId: actor.orgId, key: input.key } })) {
        throw new AppError("conflict", `${input.key} already exists.`, { fields: { key: "already exists" } });
      }
      const deps = await resolveDependencies(w.tx, actor.orgId, input.key, input.dependsOn ?? []);
      const policy = input.escalationPolicy ? await resolvePolicy(w.tx, actor.orgId, input.escalationPolicy) : null;
      const row = await w.tx.service.create({
        data: {
          orgId: actor.orgId,
          key: input.key,
          name: input.name,
          description: input.description ?? "",
          teamId: team.id,
          escalationPolicyId: policy?.id ?? null,
          tier: input.tier,
          links: input.links ?? [],
          lastReviewedAt: w.now,
          dependsOn: { create: deps.map((d) => ({ dependsOnId: d.id })) },
        },
        include: serviceInclude,
      });
      await w.audit("service.create", "service", row.id, { key: row.key });
      return present(row, w.now);
    },
    opts,
  );
}

/**
 * `PATCH /api/v1/services/{key}` (admin), with the version last read: the row
 * is locked, a stale version is a 409 carrying the current one, and an edit
 * that changes nothing bumps nothing. `links` and `dependsOn` replace the
 * lists; `reviewed: true` stamps `lastReviewedAt` now (and is a change by itself).
 */
export async function updateService(actor: Actor, key: string, input: ServicePatchInput) {
  requireRole(actor, "admin");
  return commitWrite(actor, async (w) => {
    const serviceKey = key.trim().toUpperCase();
    await w.tx.$executeRaw`SELECT 1 FROM "Service" WHERE "orgId" = ${actor.orgId} AND key = ${serviceKey} FOR UPDATE`;
    const before = await w.tx.service.findFirst({ where: { orgId: actor.orgId, key: serviceKey }, include: serviceInclude });
    if (!before) throw new AppError("not_found", `No service ${serviceKey}.`);
    if (before.version !== input.version) throw staleVersion("service", before.version);

    const data: Prisma.ServiceUncheckedUpdateInput = {};
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const set = <K extends keyof typeof changes>(field: K, from: unknown, to: unknown) => {
      if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
    };
    if (input.name !== undefined) set("name", before.name, input.name);
    if (input.description !== undefined) set("description", before.description, input.description);
    if (input.tier !== undefined) set("tier", before.tier, input.tier);
    if (input.links !== undefined) set("links", linksOf(before), input.links);
    if (changes.name) data.name = input.name;
    if (changes.description) data.description = input.description;
    if (changes.tier) data.tier = input.tier;
    if (changes.links) data.links = input.links as Prisma.InputJsonValue;
    if (input.team !== undefined) {
      const team = await w.tx.team.findFirst({ where: { orgId: actor.orgId, key: input.team }, select: { id: true, key: true } });
      if (!team) throw new AppError("invalid_input", `No team ${input.team}.`, { fields: { team: "no such team" } });
      set("team", before.team?.key ?? null, team.key);
      if (changes.team) data.teamId = team.id;
    }
    if (input.escalationPolicy !== undefined) {
      const policy = input.escalationPolicy === null ? null : await resolvePolicy(w.tx, actor.orgId, input.escalationPolicy);
      set("escalationPolicy", before.escalationPolicyId, policy?.id ?? null);
      if (changes.escalationPolicy) data.escalationPolicyId = policy?.id ?? null;
    }
    let deps: { id: string; key: string }[] | null = null;
    if (input.dependsOn !== undefined) {
      deps = await resolveDependencies(w.tx, actor.orgId, before.key, input.dependsOn);
      set("dependsOn", before.dependsOn.map((d) => d.dependsOn.key).sort(), deps.map((d) => d.key));
    }
    if (input.reviewed) {
      data.lastReviewedAt = w.now;
      changes.reviewed = { from: before.lastReviewedAt?.toISOString() ?? null, to: w.now.toISOString() };
    }
    if (Object.keys(changes).length === 0) return present(before, w.now);

    if (changes.dependsOn && deps) {
      await w.tx.serviceDependency.deleteMany({ where: { serviceId: before.id } });
      await w.tx.serviceDependency.createMany({ data: deps.map((d) => ({ serviceId: before.id, dependsOnId: d.id })) });
    }
    const row = await w.tx.service.update({ where: { id: before.id }, data: { ...data, version: { increment: 1 } }, include: serviceInclude });
    await w.audit("service.update", "service", row.id, { key: row.key, ...changes });
    return present(row, w.now);
  });
}

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
