import { z } from "zod";
import { json, withApi } from "@/lib/server/api-handler";
import { incidentPaging } from "@/lib/server/escalations/pages";

const params = z.object({ ref: z.string().max(20) });

// GET /api/v1/incidents/{ref}/pages — the incident's escalations and their pages.
export const GET = withApi({ params }, async ({ actor, params }) => json(await incidentPaging(actor, params.ref)));
