import "server-only";
// The service catalog: one owning team per service, its tier, links and
// dependencies both ways, who is on call for it now (its team's schedules), its
// incidents, and the hygiene flags that say it is not ready for the next one.
import { AppError } from "@/lib/domain/errors";
import { incidentRef } from "@/lib/domain/refs";
import { hygieneFlags, type ServiceCreateInput } from "@/lib/domain/services";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requireRole } from "./access";
import type { Actor } from "./actor";
import { db } from "./db";
import { visibleIncidentsWhere } from "./incidents/access";
import { listSchedules } from "./schedules";
import { commitWrite, type IdempotencyOptions } from "./write";

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
  dependsOn: { select: { dependsOn: { select: { key: true, name: true } } } },
  dependents: { select: { service: { select: { key: true, name: true } } } },
} satisfies Prisma.ServiceInclude;
type ServiceRow = Prisma.ServiceGetPayload<{ include: typeof serviceInclude }>;

function present(row: ServiceRow, now: Date) {
  const links = Array.isArray(row.links) ? (row.links as { label: string; url: string }[]) : [];
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    tier: row.tier,
    team: row.team,
    links,
    lastReviewedAt: row.lastReviewedAt?.toISOString() ?? null,
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
      const deps = input.dependsOn?.length ? await w.tx.service.findMany({ where: { orgId: actor.orgId, key: { in: input.dependsOn } }, select: { id: true, key: true } }) : [];
      const unknown = (input.dependsOn ?? []).filter((k) => !deps.some((d) => d.key === k));
      if (unknown.length) throw new AppError("invalid_input", `Unknown service: ${unknown.join(", ")}.`, { fields: { dependsOn: `unknown: ${unknown.join(", ")}` } });
      const row = await w.tx.service.create({
        data: {
          orgId: actor.orgId,
          key: input.key,
          name: input.name,
          description: input.description ?? "",
          teamId: team.id,
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
