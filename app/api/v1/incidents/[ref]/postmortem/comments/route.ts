import { z } from "zod";
import { commentCreateSchema, commentListQuerySchema } from "@/lib/domain/postmortem/review";
import { idempotencyOf, json, withApi } from "@/lib/server/api-handler";
import { listComments } from "@/lib/server/postmortems/data";
import { addComment } from "@/lib/server/postmortems/mutations";

const params = z.object({ ref: z.string().max(20) });

// GET /api/v1/incidents/{ref}/postmortem/comments?section=&resolved= — comments on sections, oldest first.
export const GET = withApi({ params, query: commentListQuerySchema }, async ({ actor, params, query }) => json(await listComments(actor, params.ref, query)));

// POST /api/v1/incidents/{ref}/postmortem/comments — { section, body (Markdown) } → the comment.
export const POST = withApi({ role: "responder", params, body: commentCreateSchema }, async (ctx) => {
  const result = await addComment(ctx.actor, ctx.params.ref, ctx.body, idempotencyOf(ctx));
  return json(result.value, result.status ?? 201);
});
