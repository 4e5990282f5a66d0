import { z } from "zod";
import { sectionPatchSchema } from "@/lib/domain/postmortem/schemas";
import { json, withApi } from "@/lib/server/api-handler";
import { saveSection } from "@/lib/server/postmortems/mutations";

const params = z.object({ id: z.string().min(1).max(50), key: z.string().regex(/^[a-z_]{1,50}$/) });

// PATCH /api/v1/postmortems/{id}/sections/{key} — save one section with the version last read (409 when stale), as under an incident.
export const PATCH = withApi({ role: "responder", params, body: sectionPatchSchema }, async ({ actor, params, body }) =>
  json((await saveSection(actor, { id: params.id }, params.key, body)).value),
);
