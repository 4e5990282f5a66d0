import { z } from "zod";
import { json, withApi } from "@/lib/server/api-handler";
import { loadIncident } from "@/lib/server/incidents/data";

const params = z.object({ ref: z.string().max(20) });

// GET /api/v1/incidents/{ref} — the incident (404 for a private one the caller may not see).
export const GET = withApi({ params }, async ({ actor, params }) => json(await loadIncident(actor, params.ref)));
