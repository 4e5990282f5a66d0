import "server-only";
// Incident reads. The access scope is always part of the `where` clause.
import { AppError } from "@/lib/domain/errors";
import { parseIncidentRef } from "@/lib/domain/refs";
import type { IncidentListQuery, TimelineQuery } from "@/lib/domain/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { db } from "../db";
import { visibleIncidentsWhere } from "./access";
import { presentEntry, presentIncidentSummary } from "./present";

function numberOf(ref: string): number {
  const number = parseIncidentRef(ref);
  if (number === null) throw new AppError("not_found", `No incident ${ref}.`);
  return number;
}

/** What a write or a check reads of an incident with it: its services, current roles and workstreams. */
const incidentInclude = {
  services: { include: { service: { select: { id: true, key: true, name: true, tier: true } } } },
  roles: { where: { endedAt: null }, include: { user: { select: { handle: true, name: true } } }, orderBy: { assignedAt: "asc" } },
  workstreams: { orderBy: { createdAt: "asc" } },
} satisfies Prisma.IncidentInclude;

/** The incident row if the actor may see it; 404 otherwise (never 403: private incidents do not exist for non-members). */
export async function requireVisibleIncident(actor: Actor, ref: string) {
  const row = await db().incident.findFirst({
    where: { AND: [visibleIncidentsWhere(actor), { number: numberOf(ref) }] },
    include: incidentInclude,
  });
  if (!row) throw new AppError("not_found", `No incident ${ref.toUpperCase()}.`);
  return row;
}

/**
 * The same check without the related rows: for callers that read the incident
 * again themselves (under a lock, or in a snapshot transaction).
 */
export async function requireVisibleIncidentId(actor: Actor, ref: string): Promise<{ id: string }> {
  const row = await db().incident.findFirst({ where: { AND: [visibleIncidentsWhere(actor), { number: numberOf(ref) }] }, select: { id: true } });
  if (!row) throw new AppError("not_found", `No incident ${ref.toUpperCase()}.`);
  return row;
}

export async function listIncidents(actor: Actor, query: IncidentListQuery) {
  const filters: Prisma.IncidentWhereInput[] = [visibleIncidentsWhere(actor)];
  if (query.status?.length) {
    const statuses = query.status.flatMap((s) => (s === "active" ? (["investigating", "mitigated"] as const) : [s]));
    filters.push({ status: { in: statuses } });
  }
  if (query.severity?.length) filters.push({ severity: { in: query.severity } });
  if (query.q) {
    const refNumber = parseIncidentRef(query.q);
    filters.push({
      OR: [
        { title: { contains: query.q, mode: "insensitive" } },
        { summary: { contains: query.q, mode: "insensitive" } },
        ...(refNumber !== null ? [{ number: refNumber }] : []),
      ],
    });
  }
  if (query.cursor) {
    const before = Number(query.cursor);
    if (!Number.isInteger(before) || before < 1) throw new AppError("invalid_input", "Invalid cursor.", { fields: { cursor: "invalid" } });
    filters.push({ number: { lt: before } });
  }
  const rows = await db().incident.findMany({
    where: { AND: filters },
    orderBy: { number: "desc" },
    take: query.limit + 1,
    include: { roles: { where: { role: "commander", endedAt: null }, include: { user: { select: { handle: true, name: true } } } } },
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(presentIncidentSummary),
    nextCursor: rows.length > query.limit ? String(page[page.length - 1]!.number) : null,
  };
}

/**
 * Timeline entries in seq order: after `after` (how a reconnecting client catches
 * up; `nextCursor` is the seq to pass as `after` next), or the newest ones before
 * `before` (paging back through a long timeline; `nextCursor` is the seq to pass
 * as `before` next).
 */
export async function loadTimeline(actor: Actor, ref: string, opts: TimelineQuery) {
  const incident = await requireVisibleIncident(actor, ref);
  const backwards = opts.before !== undefined;
  const rows = await db().timelineEntry.findMany({
    where: { incidentId: incident.id, seq: backwards ? { lt: opts.before } : { gt: opts.after } },
    orderBy: { seq: backwards ? "desc" : "asc" },
    take: opts.limit + 1,
    include: { author: { select: { handle: true, name: true } } },
  });
  const more = rows.length > opts.limit;
  const page = rows.slice(0, opts.limit);
  if (backwards) page.reverse();
  const edge = backwards ? page[0] : page[page.length - 1];
  return {
    items: page.map(presentEntry),
    lastSeq: incident.lastSeq,
    nextCursor: more && edge ? String(edge.seq) : null,
  };
}

/** For socket joins: the id, ref and last seq of an incident the actor may see, or null. */
export async function findVisibleIncidentId(actor: Actor, ref: string) {
  const number = parseIncidentRef(ref);
  if (number === null) return null;
  const row = await db().incident.findFirst({
    where: { AND: [visibleIncidentsWhere(actor), { number }] },
    select: { id: true, number: true, lastSeq: true },
  });
  return row && { id: row.id, ref: `INC-${row.number}`, lastSeq: row.lastSeq };
}
