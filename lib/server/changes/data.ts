import "server-only";
// "What changed?": changes posted by CI/CD or people, the changes an incident
// lists (its services and what they depend on, in its window), and putting one
// on the incident's timeline as a suspect. A change is not an incident write:
// posting one appends no timeline entry; suspecting one appends exactly one.
import { changeWindow, decodeChangeCursor, encodeChangeCursor, type ChangeDto, type ChangeKind, type ChangeListQuery, type IncidentChangeDto, type IncidentChangesDto, type IncidentChangesQuery } from "@/lib/domain/changes";
import { AppError } from "@/lib/domain/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { db, type Tx } from "../db";
import { requireVisibleIncident } from "../incidents/data";


export const changeInclude = { service: { select: { id: true, key: true, name: true } } } satisfies Prisma.ChangeInclude;
type ChangeRow = Prisma.ChangeGetPayload<{ include: typeof changeInclude }>;
type Author = { handle: string; name: string };

/** Change.authorId has no relation in the schema (a person may leave; the change stays): look the authors up in one query. */
async function authorsOf(client: Tx | ReturnType<typeof db>, rows: { authorId: string | null }[]): Promise<Map<string, Author>> {
  const ids = [...new Set(rows.map((r) => r.authorId).filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const users = await client.user.findMany({ where: { id: { in: ids } }, select: { id: true, handle: true, name: true } });
  return new Map(users.map((u) => [u.id, { handle: u.handle, name: u.name }]));
}

export function presentChange(row: ChangeRow, authors: Map<string, Author>): ChangeDto {
  return {
    id: row.id,
    service: row.service,
    kind: row.kind as ChangeKind,
    summary: row.summary,
    at: row.at.toISOString(),
    link: row.link,
    version: row.version,
    author: row.authorId ? (authors.get(row.authorId) ?? null) : null,
    actorKind: row.actorKind,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A service of the actor's organization by key (any case) or id; 400 on `field` if there is none. */
export async function resolveService(client: Tx | ReturnType<typeof db>, orgId: string, ref: string, field: string) {
  const service = await client.service.findFirst({
    where: { orgId, OR: [{ id: ref }, { key: ref.toUpperCase() }] },
    select: { id: true, key: true, name: true },
  });
  if (!service) throw new AppError("invalid_input", `Unknown service: ${ref}.`, { fields: { [field]: `unknown service: ${ref}` } });
  return service;
}

/** Newest first by (at, id): the page after the cursor's position. */
function afterCursor(cursor: string | undefined): Prisma.ChangeWhereInput[] {
  if (!cursor) return [];
  const c = decodeChangeCursor(cursor);
  if (!c) throw new AppError("invalid_input", "Invalid cursor.", { fields: { cursor: "invalid" } });
  return [{ OR: [{ at: { lt: c.at } }, { at: c.at, id: { lt: c.id } }] }];
}

async function pageOfChanges(filters: Prisma.ChangeWhereInput[], limit: number) {
  const rows = await db().change.findMany({
    where: { AND: filters },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit + 1,
    include: changeInclude,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextCursor: rows.length > limit && last ? encodeChangeCursor({ at: last.at, id: last.id }) : null };
}

// ─── Reads ─────────────────────────────────────────────────────────────────

/** `GET /api/v1/changes`: the organization's changes, newest first, filtered by service and time (both ends inclusive). */
export async function listChanges(actor: Actor, query: ChangeListQuery): Promise<{ items: ChangeDto[]; nextCursor: string | null }> {
  const filters: Prisma.ChangeWhereInput[] = [{ orgId: actor.orgId }];
  if (query.service) filters.push({ serviceId: (await resolveService(db(), actor.orgId, query.service, "service")).id });
  if (query.since || query.until) {
    filters.push({ at: { ...(query.since ? { gte: new Date(query.since) } : {}), ...(query.until ? { lte: new Date(query.until) } : {}) } });
  }
  filters.push(...afterCursor(query.cursor));
  const { page, nextCursor } = await pageOfChanges(filters, query.limit);
  const authors = await authorsOf(db(), page);
  return { items: page.map((row) => presentChange(row, authors)), nextCursor };
}

/**
 * The changes an incident lists: to its services and to the services they
 * depend on directly (one level: what a service calls, not what calls it, and
 * not dependencies of dependencies), inside its window (see `changeWindow`),
 * newest first, each flagged when it is already a suspect on this incident.
 */
export async function changesForIncident(actor: Actor, ref: string, query: IncidentChangesQuery, now = new Date()): Promise<IncidentChangesDto> {
  const incident = await requireVisibleIncident(actor, ref);
  const window = changeWindow(incident, { now, hours: query.hours });
  const affected = incident.services.map((s) => s.service);
  const affectedIds = new Set(affected.map((s) => s.id));
  const dependencies = affected.length
    ? (
        await db().serviceDependency.findMany({
          where: { serviceId: { in: [...affectedIds] } },
          select: { dependsOn: { select: { id: true, key: true, name: true } } },
        })
      )
        .map((d) => d.dependsOn)
        .filter((s, i, all) => !affectedIds.has(s.id) && all.findIndex((o) => o.id === s.id) === i)
        .sort((a, b) => a.key.localeCompare(b.key))
    : [];
  const serviceIds = [...affectedIds, ...dependencies.map((s) => s.id)];

  const { page, nextCursor } = serviceIds.length
    ? await pageOfChanges(
        [{ orgId: actor.orgId, serviceId: { in: serviceIds }, at: { gte: window.from, lte: window.until } }, ...afterCursor(query.cursor)],
        query.limit,
      )
    : { page: [], nextCursor: null };
  const [authors, suspects] = await Promise.all([
    authorsOf(db(), page),
    page.length
      ? db().timelineEntry.findMany({ where: { incidentId: incident.id, kind: "change_suspected" }, select: { data: true } })
      : Promise.resolve([]),
  ]);
  const suspected = new Set(suspects.map((e) => (e.data as { changeId?: unknown } | null)?.changeId).filter((id): id is string => typeof id === "string"));

  return {
    window: { start: window.start.toISOString(), from: window.from.toISOString(), until: window.until.toISOString(), hours: window.hours },
    services: [
      ...affected.map((s) => ({ key: s.key, name: s.name, relation: "affected" as const })),
      ...dependencies.map((s) => ({ key: s.key, name: s.name, relation: "dependency" as const })),
    ],
    items: page.map(
      (row): IncidentChangeDto => ({
        ...presentChange(row, authors),
        relation: affectedIds.has(row.serviceId) ? "affected" : "dependency",
        suspected: suspected.has(row.id),
      }),
    ),
    nextCursor,
  };
}
