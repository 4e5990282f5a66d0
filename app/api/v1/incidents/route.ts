import { incidentCreateSchema, incidentListQuerySchema } from "@/lib/domain/schemas";
import { idempotencyOf, json, withApi } from "@/lib/server/api-handler";
import { listIncidents } from "@/lib/server/incidents/data";
import { declareIncident } from "@/lib/server/incidents/mutations";

// GET /api/v1/incidents — newest first; private incidents only for their members.
export const GET = withApi({ query: incidentListQuerySchema }, async ({ actor, query }) => json(await listIncidents(actor, query)));

// POST /api/v1/incidents — declare; a human declarer (or the person named) is commander, an automation names none. Idempotency-Key replays the first result.
export const POST = withApi({ role: "responder", body: incidentCreateSchema }, async (ctx) => {
  const { actor, body } = ctx;
  const result = await declareIncident(actor, body, idempotencyOf(ctx));
  return json(result.value, result.status ?? 201);
});
