import { z } from "zod";
import { boardItemCreateSchema } from "@/lib/domain/schemas";
import { idempotencyOf, json, withApi } from "@/lib/server/api-handler";
import { createBoardItem } from "@/lib/server/incidents/work";
import { loadIncidentView } from "@/lib/server/incidents/view";

const params = z.object({ ref: z.string().max(20) });

// GET /api/v1/incidents/{ref}/board — knowns, unknowns, hypotheses and blockers.
export const GET = withApi({ params }, async ({ actor, params }) => json({ items: (await loadIncidentView(actor, params.ref)).board, nextCursor: null }));

// POST /api/v1/incidents/{ref}/board — a fact, hypothesis, unknown or blocker.
export const POST = withApi({ role: "responder", params, body: boardItemCreateSchema }, async (ctx) => {
  const result = await createBoardItem(ctx.actor, ctx.params.ref, ctx.body, idempotencyOf(ctx));
  return json(result.value, result.status ?? 201);
});
