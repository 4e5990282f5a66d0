import "server-only";
// Who may see an incident. A private incident exists only for its members
// (declarer, role holders, people added to it): for everyone else it is a 404,
// on every route and on sockets. The scope goes into the `where` clause.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";

export function visibleIncidentsWhere(actor: Pick<Actor, "orgId" | "userId">): Prisma.IncidentWhereInput {
  return {
    orgId: actor.orgId,
    OR: [{ private: false }, { members: { some: { userId: actor.userId } } }],
  };
}
