import { z } from "zod";
import { teamMemberAddSchema } from "@/lib/domain/teams";
import { idempotencyOf, json, withApi } from "@/lib/server/api-handler";
import { addTeamMember } from "@/lib/server/teams/mutations";

const params = z.object({ key: z.string().max(60) });

// POST /api/v1/teams/{key}/members — { user: handle or email, lead? } joins the team (admin); already in it: 409. Answers the team.
export const POST = withApi({ role: "admin", params, body: teamMemberAddSchema }, async (ctx) => {
  const result = await addTeamMember(ctx.actor, ctx.params.key, ctx.body, idempotencyOf(ctx));
  return json(result.value, result.status ?? 201);
});
