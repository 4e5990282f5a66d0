import { z } from "zod";
import { sectionDiffQuerySchema } from "@/lib/domain/postmortem/revision-diff";
import { json, withApi } from "@/lib/server/api-handler";
import { loadSectionDiff } from "@/lib/server/postmortems/data";

const params = z.object({ ref: z.string().max(20), key: z.string().regex(/^[a-z_]{1,50}$/) });

// GET /api/v1/incidents/{ref}/postmortem/sections/{key}/diff?revision= — the section as published in that revision (default: the latest) against its text now, as a line diff.
export const GET = withApi({ params, query: sectionDiffQuerySchema }, async ({ actor, params, query }) =>
  json(await loadSectionDiff(actor, params.ref, params.key, query.revision)),
);
