import { z } from "zod";
import { updateCreateSchema } from "@/lib/domain/schemas";
import { idempotencyOf, json, withApi } from "@/lib/server/api-handler";
import { postUpdate } from "@/lib/server/incidents/mutations";

const params = z.object({ ref: z.string().max(20) });

// POST /api/v1/incidents/{ref}/updates — a CAN update; sets when the next one is due.
export const POST = withApi({ role: "responder", params, body: updateCreateSchema }, async (ctx) => {
  const result = await postUpdate(ctx.actor, ctx.params.ref, ctx.body, idempotencyOf(ctx));
  return json(result.value, result.status ?? 201);
});
