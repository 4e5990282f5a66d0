import { z } from "zod";
import { sectionPatchSchema } from "@/lib/domain/postmortem/schemas";
import { json, withApi } from "@/lib/server/api-handler";
import { saveSection } from "@/lib/server/postmortems/mutations";

const params = z.object({ ref: z.string().max(20), key: z.string().regex(/^[a-z_]{1,50}$/) });

// PATCH /api/v1/incidents/{ref}/postmortem/sections/{key} — save one section with the version last read; 409 with the current body and version in details when stale.
export const PATCH = withApi({ role: "responder", params, body: sectionPatchSchema }, async ({ actor, params, body }) =>
  json((await saveSection(actor, params.ref, params.key, body)).value),
);
