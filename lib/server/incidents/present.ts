import "server-only";
// Presenters: database rows → the API's JSON shapes (../shared/API.md). One incident is always
// answered as its live view (view.ts); these are the list item and the timeline entry.
import { incidentRef } from "@/lib/domain/refs";
import type { TimelineEntry } from "@/lib/domain/timeline";
import type { Prisma } from "@/lib/generated/prisma/client";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

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
