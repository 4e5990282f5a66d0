import { z } from "zod";
import { commentCreateSchema, commentListQuerySchema } from "@/lib/domain/postmortem/review";
import { idempotencyOf, json, withApi } from "@/lib/server/api-handler";
import { listComments } from "@/lib/server/postmortems/data";
import { addComment } from "@/lib/server/postmortems/mutations";

const params = z.object({ id: z.string().min(1).max(50) });

// GET /api/v1/postmortems/{id}/comments?section=&resolved= — comments on sections, oldest first (as under an incident).
export const GET = withApi({ params, query: commentListQuerySchema }, async ({ actor, params, query }) => json(await listComments(actor, { id: params.id }, query)));

// POST /api/v1/postmortems/{id}/comments — { section, body (Markdown) } → the comment, pushed to the postmortem's editors.
export const POST = withApi({ role: "responder", params, body: commentCreateSchema }, async (ctx) => {
  const result = await addComment(ctx.actor, { id: ctx.params.id }, ctx.body, idempotencyOf(ctx));
  return json(result.value, result.status ?? 201);
});
