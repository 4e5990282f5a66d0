import { z } from "zod";
import { json, withApi } from "@/lib/server/api-handler";
import { loadImpact } from "@/lib/server/incidents/impact";

const params = z.object({ ref: z.string().max(20) });

// GET /api/v1/incidents/{ref}/impact — impact numbers from its alerts: per metric the latest reading and a series since declared.
export const GET = withApi({ params }, async ({ actor, params }) => json(await loadImpact(actor, params.ref)));
