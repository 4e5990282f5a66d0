import "server-only";
// Teams of the actor's organization, for filters.
import type { Actor } from "../actor";
import { db } from "../db";

export async function listTeamOptions(actor: Actor): Promise<{ key: string; name: string }[]> {
  return db().team.findMany({ where: { orgId: actor.orgId }, orderBy: { key: "asc" }, select: { key: true, name: true } });
}
