import { z } from "zod";
import { json, withApi } from "@/lib/server/api-handler";
import { sendTestAlert } from "@/lib/server/alerts/deliveries";

const params = z.object({ key: z.string().max(60), id: z.string().min(1).max(100) });

// POST /api/v1/services/{key}/integration-keys/{id}/test — an info alert through this key's path, routed like any other (admin).
export const POST = withApi({ role: "admin", params }, async ({ actor, params }) => json(await sendTestAlert(actor, params.key, params.id, { ip: actor.ip, userAgent: actor.userAgent }), 202));
