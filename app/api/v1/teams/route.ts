import { teamCreateSchema } from "@/lib/domain/teams";
import { idempotencyOf, json, withApi } from "@/lib/server/api-handler";
import { listTeams } from "@/lib/server/teams/data";
import { createTeam } from "@/lib/server/teams/mutations";

// GET /api/v1/teams — every team by key, with its member count, services and schedules (any role).
export const GET = withApi({}, async ({ actor }) => json(await listTeams(actor)));

// POST /api/v1/teams — { key, name } (admin); a duplicate key is a 409. Idempotency-Key replays the first result.
export const POST = withApi({ role: "admin", body: teamCreateSchema }, async (ctx) => {
  const result = await createTeam(ctx.actor, ctx.body, idempotencyOf(ctx));
  return json(result.value, result.status ?? 201);
});
