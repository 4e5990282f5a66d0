import { z } from "zod";
import { json, withApi } from "@/lib/server/api-handler";
import { deleteHeartbeat } from "@/lib/server/alerts/heartbeats";

const params = z.object({ key: z.string().max(60), id: z.string().min(1).max(100) });

// DELETE /api/v1/services/{key}/heartbeats/{id} — stop watching: its key is revoked, its alert (if firing) resolved (admin).
export const DELETE = withApi({ role: "admin", params }, async ({ actor, params }) => json(await deleteHeartbeat(actor, params.key, params.id)));
