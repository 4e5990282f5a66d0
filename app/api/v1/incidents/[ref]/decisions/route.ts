import { z } from "zod";
import { decisionCreateSchema } from "@/lib/domain/schemas";
import { idempotencyOf, json, withApi } from "@/lib/server/api-handler";
import { addDecision } from "@/lib/server/incidents/mutations";
import { loadIncidentView } from "@/lib/server/incidents/view";

const params = z.object({ ref: z.string().max(20) });

// GET /api/v1/incidents/{ref}/decisions — the decision log, newest first.
export const GET = withApi({ params }, async ({ actor, params }) => json({ items: (await loadIncidentView(actor, params.ref)).decisions, nextCursor: null }));

// POST /api/v1/incidents/{ref}/decisions — log a decision.
export const POST = withApi({ role: "responder", params, body: decisionCreateSchema }, async (ctx) => {
  const result = await addDecision(ctx.actor, ctx.params.ref, ctx.body, idempotencyOf(ctx));
  return json(result.value, result.status ?? 201);
});
