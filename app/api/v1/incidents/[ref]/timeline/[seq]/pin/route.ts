import { z } from "zod";
import { coercedInt4 } from "@/lib/domain/input";
import { pinSchema } from "@/lib/domain/schemas";
import { json, withApi } from "@/lib/server/api-handler";
import { pinEntry } from "@/lib/server/incidents/mutations";

const params = z.object({ ref: z.string().max(20), seq: coercedInt4(1) });

// POST /api/v1/incidents/{ref}/timeline/{seq}/pin — { pinned: true | false }.
export const POST = withApi({ role: "responder", params, body: pinSchema }, async ({ actor, params, body }) => {
  const { value } = await pinEntry(actor, params.ref, params.seq, body.pinned);
  return json({ entry: value });
});
