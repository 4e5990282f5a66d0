import "server-only";
// Team writes: admins create teams, rename them and change who is in them. Not incident writes: each goes through `commitWrite` with an audit record and appends no timeline entry.
import { AppError } from "@/lib/domain/errors";
import type { TeamCreateInput, TeamMemberAddInput, TeamPatchInput } from "@/lib/domain/teams";
import { requireRole } from "../access";
import type { Actor } from "../actor";
import { isUniqueViolation } from "../db";
import { commitWrite, type IdempotencyOptions } from "../write";
import { summaryInclude, requireTeam, presentTeam } from "./data";

// ─── Writes (admin) ────────────────────────────────────────────────────────

/** `POST /api/v1/teams`: a duplicate key is a 409. */
export async function createTeam(actor: Actor, input: TeamCreateInput, opts: { idempotency?: IdempotencyOptions } = {}) {
  requireRole(actor, "admin");
  const duplicate = () => new AppError("conflict", `A team ${input.key} already exists.`, { fields: { key: "already exists" } });
  try {
    return await commitWrite(
      actor,
      async (w) => {
        if (await w.tx.team.findFirst({ where: { orgId: actor.orgId, key: input.key }, select: { id: true } })) throw duplicate();
        const row = await w.tx.team.create({ data: { orgId: actor.orgId, key: input.key, name: input.name }, include: summaryInclude });
        await w.audit("team.create", "team", row.id, { key: row.key, name: row.name });
        return presentTeam(w.tx, actor, row, w.now);
      },
      opts,
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}

/** `PATCH /api/v1/teams/{key}`: the name (the key stays). */
export async function updateTeam(actor: Actor, key: string, input: TeamPatchInput) {
  requireRole(actor, "admin");
  return commitWrite(actor, async (w) => {
    const before = await requireTeam(w.tx, actor, key);
    if (before.name === input.name) return presentTeam(w.tx, actor, before, w.now);
    const row = await w.tx.team.update({ where: { id: before.id }, data: { name: input.name }, include: summaryInclude });
    await w.audit("team.update", "team", row.id, { key: row.key, name: { from: before.name, to: row.name } });
    return presentTeam(w.tx, actor, row, w.now);
  });
}

/**
 * `POST /api/v1/teams/{key}/members`: a member of the organization (any role: a
 * viewer may belong to a team, but schedules never put a viewer on call) joins
 * the team. Someone already in it is a 409. Answers the team.
 */
export async function addTeamMember(actor: Actor, key: string, input: TeamMemberAddInput, opts: { idempotency?: IdempotencyOptions } = {}) {
  requireRole(actor, "admin");
  const already = () => new AppError("conflict", `${input.user} is already in this team.`, { fields: { user: "already a member of this team" } });
  try {
    return await commitWrite(
      actor,
      async (w) => {
        const team = await requireTeam(w.tx, actor, key);
        const user = await w.tx.user.findFirst({
          where: { deactivatedAt: null, memberships: { some: { orgId: actor.orgId } }, ...(input.user.includes("@") ? { email: input.user } : { handle: input.user }) },
          select: { id: true, handle: true },
        });
        if (!user) throw new AppError("invalid_input", `No member ${input.user} in this organization.`, { fields: { user: "no such member of this organization: use a handle or email" } });
        if (await w.tx.teamMember.findUnique({ where: { teamId_userId: { teamId: team.id, userId: user.id } } })) throw already();
        await w.tx.teamMember.create({ data: { teamId: team.id, userId: user.id, isLead: input.lead ?? false } });
        await w.audit("team.member.add", "team", team.id, { key: team.key, user: user.id, handle: user.handle, lead: input.lead ?? false });
        return presentTeam(w.tx, actor, team, w.now);
      },
      opts,
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw already();
    throw error;
  }
}

/** `DELETE /api/v1/teams/{key}/members/{handle}`: 404 when they are not in the team. Answers the team. */
export async function removeTeamMember(actor: Actor, key: string, handle: string) {
  requireRole(actor, "admin");
  return commitWrite(actor, async (w) => {
    const team = await requireTeam(w.tx, actor, key);
    const ref = handle.trim().replace(/^@/, "").toLowerCase();
    const membership = await w.tx.teamMember.findFirst({
      where: { teamId: team.id, user: ref.includes("@") ? { email: ref } : { handle: ref } },
      include: { user: { select: { id: true, handle: true } } },
    });
    if (!membership) throw new AppError("not_found", `${handle} is not in team ${team.key}.`);
    await w.tx.teamMember.delete({ where: { teamId_userId: { teamId: team.id, userId: membership.userId } } });
    await w.audit("team.member.remove", "team", team.id, { key: team.key, user: membership.user.id, handle: membership.user.handle, lead: membership.isLead });
    return presentTeam(w.tx, actor, team, w.now);
  });
}
