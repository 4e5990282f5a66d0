import { z } from "zod";
import { suspectCreateSchema } from "@/lib/domain/changes";
import { idempotencyOf, json, withApi } from "@/lib/server/api-handler";
import { suspectChange } from "@/lib/server/changes/mutations";

const params = z.object({ ref: z.string().max(20) });

// POST /api/v1/incidents/{ref}/suspects — put a change on the timeline as a suspect (409 if it already is one).
export const POST = withApi({ role: "responder", params, body: suspectCreateSchema }, async (ctx) => {
  const { actor, params, body } = ctx;
  const result = await suspectChange(actor, params.ref, body.changeId, idempotencyOf(ctx));
  return json(result.value, result.status ?? 201);
});
