import { z } from "zod";
import { json, withApi } from "@/lib/server/api-handler";
import { endMaintenance } from "@/lib/server/alerts/maintenance";

const params = z.object({ key: z.string().max(60), id: z.string().min(1).max(100) });

// DELETE /api/v1/services/{key}/maintenance/{id} — end a maintenance window now; one not started is called off (responders).
export const DELETE = withApi({ role: "responder", params }, async ({ actor, params }) => json(await endMaintenance(actor, params.key, params.id)));
