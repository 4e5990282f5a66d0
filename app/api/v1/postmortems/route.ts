import { postmortemListQuerySchema, standalonePostmortemCreateSchema } from "@/lib/domain/postmortem/schemas";
import { idempotencyOf, json, withApi } from "@/lib/server/api-handler";
import { listPostmortems } from "@/lib/server/postmortems/data";
import { createStandalonePostmortem } from "@/lib/server/postmortems/mutations";

// GET /api/v1/postmortems?type= — the reviews the caller may see, newest first.
export const GET = withApi({ query: postmortemListQuerySchema }, async ({ actor, query }) => json(await listPostmortems(actor, query)));

// POST /api/v1/postmortems — a near miss or positive retro, no incident needed: { type, title }.
export const POST = withApi({ role: "responder", body: standalonePostmortemCreateSchema }, async (ctx) => {
  const result = await createStandalonePostmortem(ctx.actor, ctx.body, idempotencyOf(ctx));
  return json(result.value, result.status ?? 201);
});
