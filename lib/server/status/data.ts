import "server-only";
// Reads for the exec status view (/status, /status/{ref}, the Atom feed and share
// links). The exec view never shows a private incident, not even to its members:
// the scope `{ orgId, private: false }` is in every `where` clause here. Only
// exec and internal updates are read; notes, alerts and responder-only updates
// never leave the database through this file.
import { buildAtomFeed } from "@/lib/domain/atom";
import { AppError } from "@/lib/domain/errors";
import type { PersonRef } from "@/lib/domain/people";
import { incidentRef, parseIncidentRef } from "@/lib/domain/refs";
import { incidentIntakeSchema } from "@/lib/domain/schemas";
import { compareBySeverityThenAge, SEVERITY_LEVELS } from "@/lib/domain/severity";
import {
  EXEC_AUDIENCES,
  incidentDurationSeconds,
  pickExecUpdate,
  STATUS_FEED_LIMIT,
  STATUS_RESOLVED_DAYS,
  type ExecAudience,
  type ExecSummary,
  type ExecUpdate,
  type StatusBoard,
  type StatusIncident,
} from "@/lib/domain/status";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { impactOf } from "../incidents/impact";
import { db } from "../db";

const DAY_MS = 86_400_000;
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** Who is reading: a signed-in person of an organization, or a share link's incident. */
export type StatusReader = Pick<Actor, "orgId"> | { shareIncidentId: string };

const execScope = (orgId: string): Prisma.IncidentWhereInput => ({ orgId, private: false });

const statusSelect = {
  id: true,
  number: true,
  title: true,
  severity: true,
  status: true,
  drill: true,
  startedAt: true,
  declaredAt: true,
  mitigatedAt: true,
  resolvedAt: true,
  nextUpdateDueAt: true,
  services: { select: { service: { select: { key: true, name: true } } } },
} satisfies Prisma.IncidentSelect;
type StatusRow = Prisma.IncidentGetPayload<{ select: typeof statusSelect }>;

type UpdateRow = { id: string; incidentId: string; audience: string; condition: string; action: string; need: string; nextUpdateDueAt: Date | null; eta: Date | null; authorId: string | null; actorKind: ExecUpdate["actorKind"]; createdAt: Date };

async function peopleById(ids: (string | null)[]): Promise<Map<string, PersonRef>> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (unique.length === 0) return new Map();
  const rows = await db().user.findMany({ where: { id: { in: unique } }, select: { id: true, handle: true, name: true } });
  return new Map(rows.map((u) => [u.id, { handle: u.handle, name: u.name }]));
}

function presentUpdate(u: UpdateRow, people: Map<string, PersonRef>, now: Date): ExecUpdate {
  return {
    id: u.id,
    audience: u.audience as ExecAudience,
    condition: u.condition,
    action: u.action,
    need: u.need,
    at: u.createdAt.toISOString(),
    ageSeconds: Math.max(0, Math.floor((now.getTime() - u.createdAt.getTime()) / 1000)),
    author: u.authorId ? (people.get(u.authorId) ?? null) : null,
    actorKind: u.actorKind,
    nextUpdateDueAt: iso(u.nextUpdateDueAt),
    eta: iso(u.eta),
  };
}

function presentIncident(row: StatusRow, update: ExecUpdate | null, now: Date, impactNumbers: StatusIncident["impactNumbers"] = []): StatusIncident {
  const level = SEVERITY_LEVELS[row.severity];
  const active = row.status === "investigating" || row.status === "mitigated";
  return {
    ref: incidentRef(row.number),
    title: row.title,
    severity: row.severity,
    severityLabel: level.label,
    impact: level.impact,
    status: row.status,
    drill: row.drill,
    services: row.services.map((s) => s.service),
    startedAt: iso(row.startedAt),
    declaredAt: row.declaredAt.toISOString(),
    mitigatedAt: iso(row.mitigatedAt),
    resolvedAt: iso(row.resolvedAt),
    durationSeconds: incidentDurationSeconds(row, now),
    nextUpdateDueAt: active ? iso(row.nextUpdateDueAt) : null,
    eta: active ? (update?.eta ?? null) : null,
    update,
    impactNumbers,
  };
}

/** The newest exec and the newest internal update of each incident (at most two rows per incident). */
async function latestExecUpdates(incidentIds: string[]): Promise<UpdateRow[]> {
  if (incidentIds.length === 0) return [];
  return db().$queryRaw<UpdateRow[]>`
    SELECT DISTINCT ON ("incidentId", audience)
      id, "incidentId", audience, condition, action, need, "nextUpdateDueAt", eta, "authorId", "actorKind"::text AS "actorKind", "createdAt"
    FROM "StatusUpdate"
    WHERE "incidentId" IN (${Prisma.join(incidentIds)}) AND audience IN (${Prisma.join([...EXEC_AUDIENCES])})
    ORDER BY "incidentId", audience, seq DESC`;
}

/** Active incidents (severity, then age) and those resolved in the last 30 days: non-private only. */
export async function loadStatus(reader: Pick<Actor, "orgId">, now = new Date()): Promise<StatusBoard> {
  const scope = execScope(reader.orgId);
  const [active, resolved, maintenance] = await Promise.all([
    db().incident.findMany({ where: { ...scope, status: { in: ["investigating", "mitigated"] } }, select: statusSelect }),
    db().incident.findMany({
      // A merged incident was not an outage of its own: the one it went into is listed.
      where: { ...scope, status: { in: ["resolved", "closed"] }, mergedIntoId: null, resolvedAt: { gte: new Date(now.getTime() - STATUS_RESOLVED_DAYS * DAY_MS) } },
      select: statusSelect,
      orderBy: { resolvedAt: "desc" },
      take: 200,
    }),
    db().maintenanceWindow.findMany({
      where: { orgId: reader.orgId, startsAt: { lte: now }, endsAt: { gt: now } },
      orderBy: { endsAt: "asc" },
      select: { endsAt: true, reason: true, service: { select: { key: true, name: true } } },
    }),
  ]);
  active.sort(compareBySeverityThenAge);
  const [updates, impact] = await Promise.all([latestExecUpdates([...active, ...resolved].map((r) => r.id)), impactOf(active.map((r) => r.id), 40)]);
  const people = await peopleById(updates.map((u) => u.authorId));
  const shown = (row: StatusRow) => {
    const picked = pickExecUpdate(updates.filter((u) => u.incidentId === row.id).map((u) => ({ row: u, audience: u.audience, at: u.createdAt.toISOString() })));
    return picked ? presentUpdate(picked.row, people, now) : null;
  };
  return {
    generatedAt: now.toISOString(),
    active: active.map((row) => presentIncident(row, shown(row), now, impact.get(row.id))),
    resolved: resolved.map((row) => presentIncident(row, shown(row), now)),
    maintenance: maintenance.map((m) => ({ service: m.service, endsAt: m.endsAt.toISOString(), reason: m.reason })),
  };
}

/** The exec summary of one non-private incident; 404 for a private or unknown one. */
export async function loadExecSummary(reader: StatusReader, ref: string, now = new Date()): Promise<ExecSummary> {
  const number = parseIncidentRef(ref);
  const where: Prisma.IncidentWhereInput | null =
    "shareIncidentId" in reader ? { id: reader.shareIncidentId, private: false } : number === null ? null : { ...execScope(reader.orgId), number };
  const row = where
    ? await db().incident.findFirst({
        where,
        select: {
          ...statusSelect,
          summary: true,
          intake: true,
          acknowledgedAt: true,
          closedAt: true,
          roles: { where: { endedAt: null, role: { in: ["commander", "comms_lead"] } }, orderBy: { assignedAt: "asc" }, select: { role: true, user: { select: { handle: true, name: true } } } },
          decisions: { orderBy: { seq: "desc" }, take: 50, select: { id: true, decision: true, rationale: true, reversible: true, decidedById: true, decidedAt: true } },
          updates: {
            where: { audience: { in: [...EXEC_AUDIENCES] } },
            orderBy: { seq: "desc" },
            take: 100,
            select: { id: true, incidentId: true, audience: true, condition: true, action: true, need: true, nextUpdateDueAt: true, eta: true, authorId: true, actorKind: true, createdAt: true },
          },
        },
      })
    : null;
  if (!row) throw new AppError("not_found", `No incident ${ref.toUpperCase()}.`);

  const people = await peopleById([...row.updates.map((u) => u.authorId), ...row.decisions.map((d) => d.decidedById)]);
  const updates = row.updates.map((u) => presentUpdate(u, people, now));
  const roleHolder = (role: string) => row.roles.find((r) => r.role === role)?.user ?? null;
  return {
    ...presentIncident(row, pickExecUpdate(updates), now),
    generatedAt: now.toISOString(),
    summary: row.summary,
    blastRadius: incidentIntakeSchema.parse(row.intake).blastRadius ?? null,
    acknowledgedAt: iso(row.acknowledgedAt),
    closedAt: iso(row.closedAt),
    commander: roleHolder("commander"),
    commsLead: roleHolder("comms_lead"),
    updates,
    decisions: row.decisions.map((d) => ({
      id: d.id,
      decision: d.decision,
      rationale: d.rationale,
      reversible: d.reversible,
      decidedBy: d.decidedById ? (people.get(d.decidedById) ?? null) : null,
      decidedAt: d.decidedAt.toISOString(),
    })),
  };
}

export interface StatusFeedItem {
  update: ExecUpdate;
  incident: { ref: string; title: string; severity: StatusIncident["severity"]; status: StatusIncident["status"]; drill: boolean };
}

/** The feed's entries: exec and internal updates of non-private incidents, last 30 days, newest first. */
export async function loadStatusFeed(reader: Pick<Actor, "orgId">, now = new Date()) {
  const [org, rows] = await Promise.all([
    db().organization.findUniqueOrThrow({ where: { id: reader.orgId }, select: { name: true } }),
    db().statusUpdate.findMany({
      where: {
        audience: { in: [...EXEC_AUDIENCES] },
        createdAt: { gte: new Date(now.getTime() - STATUS_RESOLVED_DAYS * DAY_MS) },
        incident: execScope(reader.orgId),
      },
      orderBy: [{ createdAt: "desc" }, { seq: "desc" }],
      take: STATUS_FEED_LIMIT,
      select: {
        id: true,
        incidentId: true,
        audience: true,
        condition: true,
        action: true,
        need: true,
        nextUpdateDueAt: true,
        eta: true,
        authorId: true,
        actorKind: true,
        createdAt: true,
        incident: { select: { number: true, title: true, severity: true, status: true, drill: true } },
      },
    }),
  ]);
  const people = await peopleById(rows.map((r) => r.authorId));
  const items: StatusFeedItem[] = rows.map((r) => ({
    update: presentUpdate(r, people, now),
    incident: { ref: incidentRef(r.incident.number), title: r.incident.title, severity: r.incident.severity, status: r.incident.status, drill: r.incident.drill },
  }));
  return { orgId: reader.orgId, orgName: org.name, generatedAt: now, items };
}

function feedEntryText(item: StatusFeedItem): string {
  const u = item.update;
  const lines = [
    `${item.incident.ref} · ${item.incident.severity} ${SEVERITY_LEVELS[item.incident.severity].label} · ${item.incident.status}${item.incident.drill ? " · drill" : ""}`,
    "",
    `Condition: ${u.condition}`,
    `Action: ${u.action}`,
    ...(u.need ? [`Need: ${u.need}`] : []),
    ...(u.eta ? [`ETA: ${u.eta}`] : []),
    ...(u.nextUpdateDueAt ? [`Next update due: ${u.nextUpdateDueAt}`] : []),
  ];
  return lines.join("\n");
}

/** The feed as an Atom 1.0 document; links are absolute under `origin` and never carry the token. */
export function statusFeedXml(feed: Awaited<ReturnType<typeof loadStatusFeed>>, origin: string): string {
  return buildAtomFeed({
    id: `urn:conn:org:${feed.orgId}:status-updates`,
    title: `${feed.orgName} · incident updates`,
    subtitle: "Exec and internal updates of non-private incidents, last 30 days (Conn)",
    selfUrl: `${origin}/api/v1/status/feed.atom`,
    alternateUrl: `${origin}/status`,
    author: { name: "Conn" },
    fallbackUpdated: feed.generatedAt,
    entries: feed.items.map((item) => ({
      id: `urn:conn:update:${item.update.id}`,
      title: `${item.incident.drill ? "[drill] " : ""}${item.incident.ref} [${item.incident.severity}] ${item.incident.title} — ${item.update.audience === "exec" ? "exec" : "internal"} update`,
      updated: new Date(item.update.at),
      link: `${origin}/status/${item.incident.ref}`,
      author: { name: `${item.update.author?.name ?? "Conn"}${item.update.actorKind === "automation" ? " (automation)" : ""}` },
      categories: [item.incident.severity, item.incident.status, item.update.audience],
      content: feedEntryText(item),
    })),
  });
}
