import { z } from "zod";
import { json, withApi } from "@/lib/server/api-handler";
import { alertDetail } from "@/lib/server/alerts/inbox";

const params = z.object({ id: z.string().max(100) });

// GET /api/v1/alerts/{id} — one alert: labels, annotations, links, details, the deliveries that carried it and the last one's body (responder).
export const GET = withApi({ role: "responder", params }, async ({ actor, params }) => json(await alertDetail(actor, params.id)));
