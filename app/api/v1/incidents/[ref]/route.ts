import { z } from "zod";
import { incidentPatchSchema } from "@/lib/domain/schemas";
import { json, withApi } from "@/lib/server/api-handler";
import { patchIncident } from "@/lib/server/incidents/mutations";
import { loadIncidentView } from "@/lib/server/incidents/view";

const params = z.object({ ref: z.string().max(20) });

// GET /api/v1/incidents/{ref} — the incident's live view (404 for a private one the caller may not see).
export const GET = withApi({ params }, async ({ actor, params }) => json(await loadIncidentView(actor, params.ref)));

// PATCH /api/v1/incidents/{ref} — edit fields with the version last read (409 when stale).
// Answers the incident as it is now, with the entry the change wrote (null when nothing changed).
export const PATCH = withApi({ role: "responder", params, body: incidentPatchSchema }, async ({ actor, params, body }) => {
  const { value } = await patchIncident(actor, params.ref, body);
  return json({ ...(await loadIncidentView(actor, params.ref)), entry: value?.entry ?? null });
});
