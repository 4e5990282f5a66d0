import { z } from "zod";
import { postmortemCreateSchema, postmortemPatchSchema } from "@/lib/domain/postmortem/schemas";
import { idempotencyOf, json, withApi } from "@/lib/server/api-handler";
import { loadPostmortem } from "@/lib/server/postmortems/data";
import { createPostmortem, setPostmortemStatus } from "@/lib/server/postmortems/mutations";

const params = z.object({ ref: z.string().max(20) });

// GET /api/v1/incidents/{ref}/postmortem — the postmortem with its sections and action items (404 with details.canStart when none yet).
export const GET = withApi({ params }, async ({ actor, params }) => json(await loadPostmortem(actor, params.ref)));

// POST /api/v1/incidents/{ref}/postmortem — start it, pre-filled from the incident (resolved or closed only: else 409).
export const POST = withApi({ role: "responder", params, body: postmortemCreateSchema }, async (ctx) => {
  const result = await createPostmortem(ctx.actor, ctx.params.ref, ctx.body, idempotencyOf(ctx));
  return json(result.value, result.status ?? 201);
});

// PATCH /api/v1/incidents/{ref}/postmortem — move it through review: { status: draft | in_review | published }.
export const PATCH = withApi({ role: "responder", params, body: postmortemPatchSchema }, async ({ actor, params, body }) =>
  json((await setPostmortemStatus(actor, params.ref, body.status)).value),
);
