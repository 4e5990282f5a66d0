import { z } from "zod";
import { incidentMergeSchema } from "@/lib/domain/merge";
import { json, withApi } from "@/lib/server/api-handler";
import { mergeIncident } from "@/lib/server/incidents/merge";

const params = z.object({ ref: z.string().max(20) });

// POST /api/v1/incidents/{ref}/merge — merge this incident into `into`: its alerts, pages, services and people move there; it is resolved as merged.
export const POST = withApi({ role: "responder", params, body: incidentMergeSchema }, async ({ actor, params, body }) => json(await mergeIncident(actor, params.ref, body)));
