import { alertDeclareSchema } from "@/lib/domain/alerts/declare";
import { idempotencyOf, json, withApi } from "@/lib/server/api-handler";
import { declareFromAlerts } from "@/lib/server/alerts/declare";

// POST /api/v1/alerts/declare — declare an incident from alerts that opened none; they and the escalation that paged for them move onto it.
export const POST = withApi({ role: "responder", body: alertDeclareSchema }, async (ctx) => {
  const result = await declareFromAlerts(ctx.actor, ctx.body, idempotencyOf(ctx));
  return json(result.value, result.status ?? 201);
});
