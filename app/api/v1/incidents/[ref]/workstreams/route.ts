import { z } from "zod";
import { workstreamCreateSchema } from "@/lib/domain/schemas";
import { idempotencyOf, json, withApi } from "@/lib/server/api-handler";
import { createWorkstream } from "@/lib/server/incidents/work";
import { loadIncidentView } from "@/lib/server/incidents/view";

const params = z.object({ ref: z.string().max(20) });

// GET /api/v1/incidents/{ref}/workstreams
export const GET = withApi({ params }, async ({ actor, params }) => json({ items: (await loadIncidentView(actor, params.ref)).workstreams, nextCursor: null }));

// POST /api/v1/incidents/{ref}/workstreams — one lead, one goal.
export const POST = withApi({ role: "responder", params, body: workstreamCreateSchema }, async (ctx) => {
  const result = await createWorkstream(ctx.actor, ctx.params.ref, ctx.body, idempotencyOf(ctx));
  return json(result.value, result.status ?? 201);
});
