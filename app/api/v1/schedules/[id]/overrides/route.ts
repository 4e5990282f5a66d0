import { z } from "zod";
import { overrideCreateSchema } from "@/lib/domain/schedule-schemas";
import { idempotencyOf, json, withApi } from "@/lib/server/api-handler";
import { createOverride } from "@/lib/server/schedules/mutations";

const params = z.object({ id: z.string().max(64) });

// POST /api/v1/schedules/{id}/overrides — someone covers [start, end), beating every layer (admin).
export const POST = withApi({ role: "admin", params, body: overrideCreateSchema }, async (ctx) => {
  const result = await createOverride(ctx.actor, ctx.params.id, ctx.body, idempotencyOf(ctx));
  return json(result.value, result.status ?? 201);
});
