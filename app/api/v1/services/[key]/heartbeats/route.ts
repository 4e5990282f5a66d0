import { z } from "zod";
import { heartbeatCreateSchema } from "@/lib/domain/alerts/heartbeats";
import { json, withApi } from "@/lib/server/api-handler";
import { createHeartbeat, listHeartbeats } from "@/lib/server/alerts/heartbeats";

const params = z.object({ key: z.string().max(60) });

// GET /api/v1/services/{key}/heartbeats — the service's heartbeats: interval, last ping, deadline, up or down.
export const GET = withApi({ params }, async ({ actor, params }) => json(await listHeartbeats(actor, params.key)));

// POST /api/v1/services/{key}/heartbeats — a heartbeat and its own key; the key is in this answer only (admin).
export const POST = withApi({ role: "admin", params, body: heartbeatCreateSchema }, async ({ actor, params, body }) => json(await createHeartbeat(actor, params.key, body), 201));
