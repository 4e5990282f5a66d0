import { z } from "zod";
import { workstreamPatchSchema } from "@/lib/domain/schemas";
import { json, withApi } from "@/lib/server/api-handler";
import { patchWorkstream } from "@/lib/server/incidents/work";
import { loadIncidentView } from "@/lib/server/incidents/view";

const params = z.object({ ref: z.string().max(20), id: z.string().max(64) });

// PATCH /api/v1/incidents/{ref}/workstreams/{id} — status, lead, goal, scratchpad… with the version last read.
export const PATCH = withApi({ role: "responder", params, body: workstreamPatchSchema }, async ({ actor, params, body }) => {
  const { value } = await patchWorkstream(actor, params.ref, params.id, body);
  if (value) return json(value);
  const current = (await loadIncidentView(actor, params.ref)).workstreams.find((w) => w.id === params.id);
  return json({ ...current, entry: null });
});
