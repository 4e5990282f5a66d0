import { z } from "zod";
import { incidentChangesQuerySchema } from "@/lib/domain/changes";
import { json, withApi } from "@/lib/server/api-handler";
import { changesForIncident } from "@/lib/server/changes/data";

const params = z.object({ ref: z.string().max(20) });

// GET /api/v1/incidents/{ref}/changes?hours=&limit=&cursor= — what changed on its services and their dependencies around its start, newest first.
export const GET = withApi({ params, query: incidentChangesQuerySchema }, async ({ actor, params, query }) =>
  json(await changesForIncident(actor, params.ref, query)),
);
