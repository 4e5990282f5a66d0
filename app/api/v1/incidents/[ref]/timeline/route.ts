import { z } from "zod";
import { noteCreateSchema, timelineQuerySchema } from "@/lib/domain/schemas";
import { idempotencyOf, json, withApi } from "@/lib/server/api-handler";
import { loadTimeline } from "@/lib/server/incidents/data";
import { addNote } from "@/lib/server/incidents/mutations";

const params = z.object({ ref: z.string().max(20) });

// GET /api/v1/incidents/{ref}/timeline?after=<seq>&limit= — entries in seq order, for catch-up after a gap or reconnect.
export const GET = withApi({ params, query: timelineQuerySchema }, async ({ actor, params, query }) =>
  json(await loadTimeline(actor, params.ref, query)),
);

// POST /api/v1/incidents/{ref}/timeline — a note (markdown).
export const POST = withApi({ role: "responder", params, body: noteCreateSchema }, async (ctx) => {
  const { actor, params, body } = ctx;
  const result = await addNote(actor, params.ref, body, idempotencyOf(ctx));
  return json(result.value, result.status ?? 201);
});
