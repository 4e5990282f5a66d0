import { z } from "zod";
import { sectionDiffQuerySchema } from "@/lib/domain/postmortem/revision-diff";
import { json, withApi } from "@/lib/server/api-handler";
import { loadSectionDiff } from "@/lib/server/postmortems/data";

const params = z.object({ id: z.string().min(1).max(50), key: z.string().regex(/^[a-z_]{1,50}$/) });

// GET /api/v1/postmortems/{id}/sections/{key}/diff?revision= — the section as published in that revision (default: the latest) against its text now.
export const GET = withApi({ params, query: sectionDiffQuerySchema }, async ({ actor, params, query }) =>
  json(await loadSectionDiff(actor, { id: params.id }, params.key, query.revision)),
);
