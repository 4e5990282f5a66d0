import { z } from "zod";
import { json, withApi } from "@/lib/server/api-handler";
import { deleteOverride } from "@/lib/server/schedules/mutations";

const params = z.object({ id: z.string().max(64), overrideId: z.string().max(64) });

// DELETE /api/v1/schedules/{id}/overrides/{overrideId} — remove an override; answers the override removed (admin).
export const DELETE = withApi({ role: "admin", params }, async ({ actor, params }) => json((await deleteOverride(actor, params.id, params.overrideId)).value));
