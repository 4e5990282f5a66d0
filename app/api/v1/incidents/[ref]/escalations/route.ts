import { z } from "zod";
import { escalationCreateSchema } from "@/lib/domain/schemas";
import { idempotencyOf, json, withApi } from "@/lib/server/api-handler";
import { recordEscalation } from "@/lib/server/incidents/mutations";

const params = z.object({ ref: z.string().max(20) });

// POST /api/v1/incidents/{ref}/escalations — { step, note? }: the escalation step was taken (who was pulled in).
export const POST = withApi({ role: "responder", params, body: escalationCreateSchema }, async (ctx) => {
  const result = await recordEscalation(ctx.actor, ctx.params.ref, ctx.body, idempotencyOf(ctx));
  return json({ entry: result.value }, result.status ?? 201);
});
