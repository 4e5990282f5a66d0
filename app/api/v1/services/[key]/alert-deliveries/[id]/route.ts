import { z } from "zod";
import { json, withApi } from "@/lib/server/api-handler";
import { getDelivery } from "@/lib/server/alerts/deliveries";

const params = z.object({ key: z.string().max(60), id: z.string().min(1).max(100) });

// GET /api/v1/services/{key}/alert-deliveries/{id} — one delivery with its body as it came (admin).
export const GET = withApi({ role: "admin", params }, async ({ actor, params }) => json(await getDelivery(actor, params.key, params.id)));
