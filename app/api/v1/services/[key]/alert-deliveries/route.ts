import { z } from "zod";
import { json, withApi } from "@/lib/server/api-handler";
import { listDeliveries } from "@/lib/server/alerts/deliveries";

const params = z.object({ key: z.string().max(60) });

// GET /api/v1/services/{key}/alert-deliveries — the last 100 deliveries from the service's senders, what each did (admin).
export const GET = withApi({ role: "admin", params }, async ({ actor, params }) => json(await listDeliveries(actor, params.key)));
