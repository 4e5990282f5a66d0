import { z } from "zod";
import { json, withApi } from "@/lib/server/api-handler";
import { loadIncidentServices } from "@/lib/server/services/data";

const params = z.object({ ref: z.string().max(20) });

// GET /api/v1/incidents/{ref}/services — the affected services with tier, owning team, who is on call now and the runbook link.
export const GET = withApi({ params }, async ({ actor, params }) => json(await loadIncidentServices(actor, params.ref)));
