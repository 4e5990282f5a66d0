import { z } from "zod";
import { actionItemPatchSchema } from "@/lib/domain/postmortem/action-items";
import { json, withApi } from "@/lib/server/api-handler";
import { patchActionItem } from "@/lib/server/postmortems/mutations";

const params = z.object({ id: z.string().min(1).max(50) });

// PATCH /api/v1/action-items/{id} — edit with the version last read (409 when stale); won't do needs a reason.
export const PATCH = withApi({ role: "responder", params, body: actionItemPatchSchema }, async ({ actor, params, body }) =>
  json((await patchActionItem(actor, params.id, body)).value),
);
