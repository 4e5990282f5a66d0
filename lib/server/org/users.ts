import "server-only";
// People of the organization, for pickers and integrations.
import type { OrgMember } from "@/lib/domain/people";
import type { Actor } from "../actor";
import { db } from "../db";

export async function listUsers(actor: Actor, q?: string): Promise<{ items: OrgMember[]; nextCursor: null }> {
  const term = q?.trim();
  const rows = await db().membership.findMany({
    where: {
      orgId: actor.orgId,
      user: {
        deactivatedAt: null,
        ...(term ? { OR: [{ handle: { contains: term, mode: "insensitive" } }, { name: { contains: term, mode: "insensitive" } }, { email: { contains: term, mode: "insensitive" } }] } : {}),
      },
    },
    // Only this organization's teams: a person in two organizations must not show the other's.
    include: { user: { include: { teamMemberships: { where: { team: { orgId: actor.orgId } }, include: { team: { select: { key: true, name: true } } } } } } },
    orderBy: { user: { handle: "asc" } },
    take: 200,
  });
  return {
    items: rows.map((m) => ({
      handle: m.user.handle,
      email: m.user.email,
      name: m.user.name,
      role: m.role,
      timeZone: m.user.timeZone,
      teams: m.user.teamMemberships.map((t) => t.team.key),
    })),
    nextCursor: null,
  };
}
