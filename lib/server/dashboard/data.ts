import "server-only";
// The war room: what is burning now, who commands it, what is slipping.
import { compareBySeverityThenAge } from "@/lib/domain/severity";
import type { Dashboard, DashboardItem } from "@/lib/domain/dashboard";
import type { Nudge } from "@/lib/domain/nudges";
import { sortMyActionItems } from "@/lib/domain/postmortem/action-items";
import { reviewNudges } from "@/lib/domain/postmortem/review-nudges";
import { incidentRef } from "@/lib/domain/refs";
import type { DashboardQuery } from "@/lib/domain/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { db } from "../db";
import { visibleIncidentsWhere } from "../incidents/access";
import { nudgeSelect, nudgesFor } from "../incidents/nudges";
import { actionItemInclude, peopleById, presentActionItem, visibleActionItemsWhere } from "../postmortems/data";

const RECENT_DAYS = 7;
/** SEV0/1 reviews started this recently are checked for a "prevent" item (older ones are for the meta-retro). */
const REVIEW_NUDGE_DAYS = 30;

const dashboardSelect = {
  ...nudgeSelect,
  title: true,
  priority: true,
  resolvedAt: true,
  startedAt: true,
  services: { select: { service: { select: { key: true, name: true } } } },
  boardItems: { where: { kind: "blocker", state: "open" }, select: { id: true } },
  roles: { where: { endedAt: null }, select: { role: true, userId: true, assignedAt: true, user: { select: { handle: true, name: true } } } },
} satisfies Prisma.IncidentSelect;
type Row = Prisma.IncidentGetPayload<{ select: typeof dashboardSelect }>;

function present(row: Row, actor: Actor, nudges: Nudge[]): DashboardItem {
  const commander = row.roles.find((r) => r.role === "commander");
  return {
    ref: incidentRef(row.number),
    title: row.title,
    severity: row.severity,
    priority: row.priority,
    status: row.status,
    private: row.private,
    drill: row.drill,
    commander: commander ? commander.user : null,
    declaredAt: row.declaredAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    nextUpdateDueAt: row.nextUpdateDueAt?.toISOString() ?? null,
    openBlockers: row.boardItems.length,
    activeWorkstreams: row.workstreams.filter((w) => w.status !== "done").length,
    blockedWorkstreams: row.workstreams.filter((w) => w.status === "blocked").length,
    services: row.services.map((s) => s.service),
    myRoles: row.roles.filter((r) => r.userId === actor.userId).map((r) => r.role),
    nudges,
  };
}

export async function loadDashboard(actor: Actor, query: DashboardQuery, now = new Date()): Promise<Dashboard> {
  const filters: Prisma.IncidentWhereInput[] = [visibleIncidentsWhere(actor)];
  if (query.service) filters.push({ services: { some: { service: { key: query.service.toUpperCase() } } } });
  if (query.team) filters.push({ services: { some: { service: { team: { key: query.team.toLowerCase() } } } } });
  const [active, recent, myItemRows, majorReviews] = await Promise.all([
    db().incident.findMany({ where: { AND: [...filters, { status: { in: ["investigating", "mitigated"] } }] }, select: dashboardSelect }),
    db().incident.findMany({
      where: { AND: [...filters, { status: { in: ["resolved", "closed"] } }, { mergedIntoId: null }, { resolvedAt: { gte: new Date(now.getTime() - RECENT_DAYS * 86_400_000) } }] },
      select: dashboardSelect,
      orderBy: { resolvedAt: "desc" },
      take: 50,
    }),
    // "My action items": the owner's home shows what they still owe, whatever the filters.
    db().actionItem.findMany({
      where: { AND: [visibleActionItemsWhere(actor), { ownerId: actor.userId, status: { in: ["open", "in_progress"] } }] },
      include: actionItemInclude,
      orderBy: [{ dueAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
      take: 200,
    }),
    db().postmortem.findMany({
      where: {
        orgId: actor.orgId,
        createdAt: { gte: new Date(now.getTime() - REVIEW_NUDGE_DAYS * 86_400_000) },
        incident: { AND: [visibleIncidentsWhere(actor), { severity: { in: ["SEV0", "SEV1"] } }] },
      },
      select: { incident: { select: { number: true, severity: true } }, actions: { select: { kind: true, status: true } } },
      take: 100,
    }),
  ]);
  active.sort(compareBySeverityThenAge);
  const nudges = await nudgesFor(active, now);
  const items = active.map((row) => present(row, actor, nudges.get(row.id) ?? []));
  const people = await peopleById(db(), myItemRows.map((r) => r.ownerId));
  const myActionItems = sortMyActionItems(
    myItemRows.map((r) => presentActionItem(r, people, now)),
    now,
  );
  return {
    generatedAt: now.toISOString(),
    active: items.filter((i) => !i.drill),
    drills: items.filter((i) => i.drill),
    mine: items.filter((i) => i.myRoles.length > 0).map((i) => i.ref),
    recentlyResolved: recent.map((row) => present(row, actor, [])),
    /** Open and in progress, owned by the viewer: overdue first. */
    myActionItems,
    /** Overdue action items of the viewer; SEV0/1 reviews without a "prevent" item. */
    reviewNudges: reviewNudges(
      {
        actionItems: myActionItems,
        postmortems: majorReviews.map((p) => ({ ref: incidentRef(p.incident!.number), severity: p.incident!.severity, actionItems: p.actions })),
      },
      now,
    ),
  };
}

/** The filter choices: services and teams of the organization. */
export async function dashboardFilters(actor: Actor) {
  const [services, teams] = await Promise.all([
    db().service.findMany({ where: { orgId: actor.orgId }, select: { key: true, name: true }, orderBy: { key: "asc" } }),
    db().team.findMany({ where: { orgId: actor.orgId }, select: { key: true, name: true }, orderBy: { key: "asc" } }),
  ]);
  return { services, teams };
}
