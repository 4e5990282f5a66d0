import { z } from "zod";
import { maintenanceCreateSchema } from "@/lib/domain/alerts/maintenance";
import { json, withApi } from "@/lib/server/api-handler";
import { createMaintenance, listMaintenance } from "@/lib/server/alerts/maintenance";

const params = z.object({ key: z.string().max(60) });

// GET /api/v1/services/{key}/maintenance — the service's maintenance windows not yet over, soonest first.
export const GET = withApi({ params }, async ({ actor, params }) => json(await listMaintenance(actor, params.key)));

// POST /api/v1/services/{key}/maintenance — under maintenance now or later: alerts are recorded, nothing opens or pages (responders).
export const POST = withApi({ role: "responder", params, body: maintenanceCreateSchema }, async ({ actor, params, body }) => json(await createMaintenance(actor, params.key, body), 201));
