import { z } from "zod";
import { teamPatchSchema } from "@/lib/domain/teams";
import { json, withApi } from "@/lib/server/api-handler";
import { loadTeam } from "@/lib/server/teams/data";
import { updateTeam } from "@/lib/server/teams/mutations";

const params = z.object({ key: z.string().max(60) });

// GET /api/v1/teams/{key} — the team: members, services, schedules and who is on call now (any role).
export const GET = withApi({ params }, async ({ actor, params }) => json(await loadTeam(actor, params.key)));

// PATCH /api/v1/teams/{key} — rename the team (admin); the key stays.
export const PATCH = withApi({ role: "admin", params, body: teamPatchSchema }, async ({ actor, params, body }) => json((await updateTeam(actor, params.key, body)).value));
