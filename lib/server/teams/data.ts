import "server-only";
// Teams, read: everyone in the organization sees them with what they own (services,
// schedules) and who of them is on call now. Admins change them in mutations.ts.
import { AppError } from "@/lib/domain/errors";
import type { OrgRole } from "@/lib/domain/schemas";
import type { TeamDto, TeamMemberDto, TeamSummaryDto } from "@/lib/domain/teams";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { db, type Tx } from "../db";
import { onCallNowForTeams } from "../schedules/data";


type Client = Tx | ReturnType<typeof db>;

export const summaryInclude = {
  _count: { select: { members: true } },
  services: { select: { key: true, name: true, tier: true }, orderBy: [{ tier: "asc" }, { key: "asc" }] },
  schedules: { select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] },
} satisfies Prisma.TeamInclude;
type SummaryRow = Prisma.TeamGetPayload<{ include: typeof summaryInclude }>;

function presentSummary(row: SummaryRow): TeamSummaryDto {
  return { key: row.key, name: row.name, memberCount: row._count.members, services: row.services, schedules: row.schedules, createdAt: row.createdAt.toISOString() };
}

export async function requireTeam(client: Client, actor: Actor, key: string) {
  const row = await client.team.findFirst({ where: { orgId: actor.orgId, key: key.trim().toLowerCase() }, include: summaryInclude });
  if (!row) throw new AppError("not_found", `No team ${key}.`);
  return row;
}

/** Members by handle, each with their organization role (null: no longer in the organization) and lead flag; leads first. */
async function membersOf(client: Client, orgId: string, teamId: string): Promise<TeamMemberDto[]> {
  const rows = await client.teamMember.findMany({
    where: { teamId },
    include: { user: { select: { handle: true, email: true, name: true, deactivatedAt: true, memberships: { where: { orgId }, select: { role: true } } } } },
  });
  return rows
    .map((m) => ({
      handle: m.user.handle,
      email: m.user.email,
      name: m.user.name,
      role: m.user.deactivatedAt ? null : ((m.user.memberships[0]?.role as OrgRole | undefined) ?? null),
      lead: m.isLead,
    }))
    .sort((a, b) => Number(b.lead) - Number(a.lead) || a.handle.localeCompare(b.handle));
}

export async function presentTeam(client: Client, actor: Actor, row: SummaryRow, now: Date): Promise<TeamDto> {
  // Re-read the count: a membership write in this transaction changed it.
  const [members, onCall] = await Promise.all([membersOf(client, actor.orgId, row.id), onCallNowForTeams(actor, [row.id], now)]);
  return { ...presentSummary(row), memberCount: members.length, members, onCall: onCall.get(row.id) ?? [] };
}

// ─── Reads ─────────────────────────────────────────────────────────────────

/** `GET /api/v1/teams`: every team by key, with its member count, services and schedules. */
export async function listTeams(actor: Actor): Promise<{ items: TeamSummaryDto[]; nextCursor: null }> {
  const rows = await db().team.findMany({ where: { orgId: actor.orgId }, include: summaryInclude, orderBy: { key: "asc" } });
  return { items: rows.map(presentSummary), nextCursor: null };
}

/** `GET /api/v1/teams/{key}`: the team with its members, services, schedules and who is on call now. */
export async function loadTeam(actor: Actor, key: string, now = new Date()): Promise<TeamDto> {
  return presentTeam(db(), actor, await requireTeam(db(), actor, key), now);
}

/** The organization's teams by key, for pickers and filters (a schedule's owner, the health and action-item filters). */
export async function listTeamOptions(actor: Actor): Promise<{ key: string; name: string }[]> {
  return db().team.findMany({ where: { orgId: actor.orgId }, orderBy: { key: "asc" }, select: { key: true, name: true } });
}
