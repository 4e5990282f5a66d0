import { z } from "zod";
import { boardItemPatchSchema } from "@/lib/domain/schemas";
import { json, withApi } from "@/lib/server/api-handler";
import { patchBoardItem } from "@/lib/server/incidents/work";
import { loadIncidentView } from "@/lib/server/incidents/view";

const params = z.object({ ref: z.string().max(20), id: z.string().max(64) });

// PATCH /api/v1/incidents/{ref}/board/{id} — state, owner, text… with the version last read.
export const PATCH = withApi({ role: "responder", params, body: boardItemPatchSchema }, async ({ actor, params, body }) => {
  const { value } = await patchBoardItem(actor, params.ref, params.id, body);
  if (value) return json(value);
  const current = (await loadIncidentView(actor, params.ref)).board.find((b) => b.id === params.id);
  return json({ ...current, entry: null });
});
