import "server-only";
// Presenters: database rows → the API's JSON shapes (../shared/API.md).
import { incidentRef } from "@/lib/domain/refs";
import type { TimelineEntry } from "@/lib/domain/timeline";
import { incidentIntakeSchema } from "@/lib/domain/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";

export const incidentInclude = {
  services: { include: { service: { select: { id: true, key: true, name: true, tier: true } } } },
  roles: { where: { endedAt: null }, include: { user: { select: { handle: true, name: true } } }, orderBy: { assignedAt: "asc" } },
  workstreams: { orderBy: { createdAt: "asc" } },
} satisfies Prisma.IncidentInclude;

export type IncidentRow = Prisma.IncidentGetPayload<{ include: typeof incidentInclude }>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentIncident(row: IncidentRow) {
  return {
    ref: incidentRef(row.number),
    number: row.number,
    title: row.title,
    summary: row.summary,
    severity: row.severity,
    priority: row.priority,
    status: row.status,
    private: row.private,
    drill: row.drill,
    version: row.version,
    lastSeq: row.lastSeq,
    roles: row.roles.map((r) => ({ role: r.role, user: { handle: r.user.handle, name: r.user.name }, assignedAt: r.assignedAt.toISOString() })),
    workstreams: row.workstreams.map((w) => ({ id: w.id, title: w.title, goal: w.goal, status: w.status, leadId: w.leadId, version: w.version })),
    services: row.services.map((s) => s.service),
    links: Array.isArray(row.links) ? row.links : [],
    intake: incidentIntakeSchema.parse(row.intake),
    startedAt: iso(row.startedAt),
    declaredAt: row.declaredAt.toISOString(),
    acknowledgedAt: iso(row.acknowledgedAt),
    mitigatedAt: iso(row.mitigatedAt),
    resolvedAt: iso(row.resolvedAt),
    closedAt: iso(row.closedAt),
    nextUpdateDueAt: iso(row.nextUpdateDueAt),
  };
}
export type IncidentDto = ReturnType<typeof presentIncident>;

export type IncidentListRow = Prisma.IncidentGetPayload<{ include: { roles: { include: { user: { select: { handle: true; name: true } } } } } }>;

export function presentIncidentSummary(row: IncidentListRow) {
  const commander = row.roles.find((r) => r.role === "commander" && r.endedAt === null);
  return {
    ref: incidentRef(row.number),
    number: row.number,
    title: row.title,
    severity: row.severity,
    priority: row.priority,
    status: row.status,
    private: row.private,
    drill: row.drill,
    commander: commander ? { handle: commander.user.handle, name: commander.user.name } : null,
    declaredAt: row.declaredAt.toISOString(),
    resolvedAt: iso(row.resolvedAt),
    nextUpdateDueAt: iso(row.nextUpdateDueAt),
  };
}
export type IncidentSummaryDto = ReturnType<typeof presentIncidentSummary>;

type EntryRow = Prisma.TimelineEntryGetPayload<{ include: { author: { select: { handle: true; name: true } } } }>;

export function presentEntry(row: EntryRow): TimelineEntry {
  return {
    id: row.id,
    seq: row.seq,
    at: row.at.toISOString(),
    pinned: row.pinned,
    actorKind: row.actorKind,
    author: row.author ? { handle: row.author.handle, name: row.author.name } : null,
    // Stored only by `appendEntry` (or the demo seed), each checked against its kind's schema when written.
    kind: row.kind,
    data: row.data ?? {},
  } as TimelineEntry;
}
