import { z } from "zod";
import { json, withApi } from "@/lib/server/api-handler";
import { removeTeamMember } from "@/lib/server/teams/mutations";

const params = z.object({ key: z.string().max(60), handle: z.string().max(320) });

/** Next hands the segment over decoded; a stray `%` in an email must not turn into a 500. */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

// DELETE /api/v1/teams/{key}/members/{handle} — take someone out of the team (admin); not in it: 404. Answers the team.
export const DELETE = withApi({ role: "admin", params }, async ({ actor, params }) => json((await removeTeamMember(actor, params.key, decoded(params.handle))).value));
