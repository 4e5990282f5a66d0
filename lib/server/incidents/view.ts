import "server-only";
// The incident's live view (lib/domain/incident-view.ts): read in one
// repeatable-read transaction, so the snapshot is exactly the state at its
// `lastSeq` and the entries after it move it forward without gap or overlap.
import type { TimelineEntry } from "@/lib/domain/timeline";
import { alertsViewOf, type BoardItemView, type DecisionView, type EvidenceView, type IncidentView, type RoleHolderView, type UpdateView, type WorkstreamView } from "@/lib/domain/incident-view";
import type { HandoverView } from "@/lib/domain/handover";
import type { DecisionOutcome } from "@/lib/domain/decisions";
import type { PersonRef } from "@/lib/domain/people";
import { incidentRef } from "@/lib/domain/refs";
import { incidentIntakeSchema, type IncidentRole } from "@/lib/domain/schemas";
import { Prisma, type Handover } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { db, type Tx } from "../db";
import { requireVisibleIncidentId } from "./data";
import { presentEntry } from "./present";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

type Users = Map<string, PersonRef>;

async function peopleById(tx: Tx, ids: (string | null | undefined)[]): Promise<Users> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (unique.length === 0) return new Map();
  const rows = await tx.user.findMany({ where: { id: { in: unique } }, select: { id: true, handle: true, name: true } });
  return new Map(rows.map((u) => [u.id, { handle: u.handle, name: u.name }]));
}

const who = (users: Users, id: string | null | undefined): PersonRef | null => (id ? (users.get(id) ?? null) : null);
const UNKNOWN: PersonRef = { handle: "unknown", name: "Unknown" };

export function presentWorkstream(
  w: { id: string; title: string; goal: string; leadId: string | null; status: string; scratchpad: string; threadUrl: string | null; blockedAt: Date | null; version: number; updatedAt: Date },
  lead: PersonRef | null,
): WorkstreamView {
  return {
    id: w.id,
    title: w.title,
    goal: w.goal,
    lead,
    status: w.status as WorkstreamView["status"],
    scratchpad: w.scratchpad,
    threadUrl: w.threadUrl,
    blockedAt: iso(w.blockedAt),
    version: w.version,
    updatedAt: w.updatedAt.toISOString(),
  };
}

export function presentBoardItem(
  b: { id: string; kind: string; text: string; disproveBy: string | null; state: string; ownerId: string | null; evidence: unknown; version: number; updatedAt: Date },
  owner: PersonRef | null,
): BoardItemView {
  return {
    id: b.id,
    kind: b.kind as BoardItemView["kind"],
    text: b.text,
    disproveBy: b.disproveBy,
    state: b.state as BoardItemView["state"],
    owner,
    evidence: b.state === "ruled_out" && b.evidence ? (b.evidence as EvidenceView) : null,
    version: b.version,
    updatedAt: b.updatedAt.toISOString(),
  };
}

/** The live view of an incident the actor may see (404 otherwise): every answer about one incident. */
export async function loadIncidentView(actor: Actor, ref: string): Promise<IncidentView> {
  const visible = await requireVisibleIncidentId(actor, ref);
  return db().$transaction((tx) => readIncidentView(tx, visible.id), { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead });
}

/**
 * The live view read in `tx`: in a repeatable-read transaction (above) it is exactly the state
 * at its `lastSeq`; inside a write's transaction (declaring) it includes that write.
 */
export async function readIncidentView(tx: Tx, incidentId: string): Promise<IncidentView> {
  const row = await tx.incident.findUniqueOrThrow({
    where: { id: incidentId },
    include: {
      services: { include: { service: { select: { id: true, key: true, name: true, tier: true } } } },
      mergedInto: { select: { number: true } },
      roles: { where: { endedAt: null }, orderBy: { assignedAt: "asc" } },
      handovers: { orderBy: { createdAt: "desc" }, take: 1 },
      workstreams: { orderBy: { createdAt: "asc" } },
      boardItems: { orderBy: { createdAt: "asc" } },
      decisions: { orderBy: { seq: "desc" } },
      members: { where: { respondingSince: { not: null } }, orderBy: [{ respondingSince: "asc" }, { userId: "asc" }], include: { user: { select: { handle: true, name: true } } } },
    },
  });
  const updates = await tx.statusUpdate.findMany({
    where: { incidentId: row.id, id: { in: await latestUpdateIds(tx, row.id) } },
    orderBy: { seq: "desc" },
  });
  const updateLog = await tx.statusUpdate.findMany({ where: { incidentId: row.id }, orderBy: { seq: "asc" }, select: { createdAt: true, nextUpdateDueAt: true } });
  const pinned = await tx.timelineEntry.findMany({
    where: { incidentId: row.id, pinned: true },
    orderBy: { seq: "asc" },
    include: { author: { select: { handle: true, name: true } } },
  });
  // The alerts as the latest entry that counted them says (an entry, so the view stays the state at its lastSeq).
  const lastAlert = await tx.timelineEntry.findFirst({ where: { incidentId: row.id, kind: "alert" }, orderBy: { seq: "desc" }, select: { data: true } });
  const users = await peopleById(tx, [
    ...row.roles.flatMap((r) => [r.userId, r.assignedById]),
    ...row.handovers.flatMap((h) => [h.fromUserId, h.toUserId]),
    ...row.workstreams.map((w) => w.leadId),
    ...row.boardItems.map((b) => b.ownerId),
    ...row.decisions.flatMap((d) => [d.decidedById, d.outcomeById]),
    ...updates.map((u) => u.authorId),
  ]);

  const presentUpdate = (u: (typeof updates)[number]): UpdateView => ({
    id: u.id,
    seq: u.seq,
    condition: u.condition,
    action: u.action,
    need: u.need,
    audience: u.audience,
    nextUpdateDueAt: iso(u.nextUpdateDueAt),
    eta: iso(u.eta),
    author: who(users, u.authorId),
    actorKind: u.actorKind,
    at: u.createdAt.toISOString(),
  });
  const latestUpdateByAudience: Partial<Record<string, UpdateView>> = {};
  for (const u of updates) latestUpdateByAudience[u.audience] ??= presentUpdate(u);

  const roles: RoleHolderView[] = row.roles.map((r) => ({
    role: r.role as IncidentRole,
    user: who(users, r.userId) ?? UNKNOWN,
    assignedAt: r.assignedAt.toISOString(),
    briefing: (r.briefing as RoleHolderView["briefing"]) ?? null,
    briefedBy: r.briefing ? who(users, r.assignedById) : null,
    acknowledgedAt: iso(r.acknowledgedAt),
    taken: r.taken,
  }));
  const decisions: DecisionView[] = row.decisions.map((d) => ({
    id: d.id,
    seq: d.seq,
    decision: d.decision,
    rationale: d.rationale,
    alternatives: d.alternatives,
    reversible: d.reversible,
    decidedBy: who(users, d.decidedById),
    decidedAt: d.decidedAt.toISOString(),
    actorKind: d.actorKind,
    revisitAt: iso(d.revisitAt),
    rollbackTrigger: d.rollbackTrigger,
    rollbackLink: d.rollbackLink,
    outcome: d.outcome && d.outcomeAt ? { kind: d.outcome as DecisionOutcome, note: d.outcomeNote ?? "", at: d.outcomeAt.toISOString(), by: who(users, d.outcomeById) } : null,
  }));

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
    links: Array.isArray(row.links) ? (row.links as unknown as IncidentView["links"]) : [],
    services: row.services.map((s) => s.service),
    recovery: (row.recovery ?? {}) as Record<string, boolean>,
    intake: incidentIntakeSchema.parse(row.intake),
    startedAt: iso(row.startedAt),
    declaredAt: row.declaredAt.toISOString(),
    acknowledgedAt: iso(row.acknowledgedAt),
    mitigatedAt: iso(row.mitigatedAt),
    resolvedAt: iso(row.resolvedAt),
    closedAt: iso(row.closedAt),
    nextUpdateDueAt: iso(row.nextUpdateDueAt),
    escalationStep: row.escalationStep,
    mergedInto: row.mergedInto ? incidentRef(row.mergedInto.number) : null,
    roles,
    handover: handoverOf(row.handovers[0], row.roles.find((r) => r.role === "commander")?.userId ?? null, users),
    responders: row.members.map((m) => ({ user: m.user, since: m.respondingSince!.toISOString() })),
    workstreams: row.workstreams.map((w) => presentWorkstream(w, who(users, w.leadId))),
    board: row.boardItems.map((b) => presentBoardItem(b, who(users, b.ownerId))),
    decisions,
    latestUpdate: updates[0] ? presentUpdate(updates[0]) : null,
    latestUpdateByAudience,
    updateLog: updateLog.map((u) => ({ at: u.createdAt.toISOString(), nextUpdateDueAt: iso(u.nextUpdateDueAt) })),
    pinned: pinned.map(presentEntry) as TimelineEntry[],
    alerts: lastAlert ? alertsViewOf(lastAlert.data as { total?: number; open?: number; allResolvedAt?: string }) : null,
  } satisfies IncidentView;
}

/**
 * The live view's handover: the incident's latest one, when the current commander offered it and it waits, expired or
 * was declined (the reducer's rule: accepting, withdrawing or command moving otherwise leaves none).
 */
function handoverOf(h: Handover | undefined, commanderId: string | null, users: Users): HandoverView | null {
  if (!h || h.fromUserId !== commanderId || (h.status !== "pending" && h.status !== "declined" && h.status !== "expired")) return null;
  return {
    id: h.id,
    status: h.status,
    from: who(users, h.fromUserId) ?? UNKNOWN,
    to: who(users, h.toUserId) ?? UNKNOWN,
    briefing: h.briefing as HandoverView["briefing"],
    offeredAt: h.createdAt.toISOString(),
    expiresAt: (h.expiresAt ?? h.createdAt).toISOString(),
    decidedAt: iso(h.decidedAt),
    reason: h.reason,
  };
}

/** The newest update per audience (at most four rows). */
async function latestUpdateIds(tx: Tx, incidentId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT ON (audience) id FROM "StatusUpdate"
    WHERE "incidentId" = ${incidentId}
    ORDER BY audience, seq DESC`;
  return rows.map((r) => r.id);
}
