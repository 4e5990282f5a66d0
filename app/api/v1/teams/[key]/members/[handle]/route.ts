import { z } from "zod";
import { json, withApi } from "@/lib/server/api-handler";
import { removeTeamMember } from "@/lib/server/teams";

const params = z.object({ key: z.string().max(60), handle: z.string().max(320) });

// DELETE /api/v1/teams/{key}/members/{handle} — take someone out of the team (admin); not in it: 404. Answers the team.
export const DELETE = withApi({ role: "admin", params }, async ({ actor, params }) => json((await removeTeamMember(actor, params.key, decodeURIComponent(params.handle))).value));
