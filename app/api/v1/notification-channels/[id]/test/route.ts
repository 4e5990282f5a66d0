import { z } from "zod";
import { json, withApi } from "@/lib/server/api-handler";
import { testChannel } from "@/lib/server/escalations/channels";

const params = z.object({ id: z.string().max(64) });

// POST /api/v1/notification-channels/{id}/test — send a test message now; answers { ok, status } (admin).
export const POST = withApi({ role: "admin", params }, async ({ actor, params, req }) => json(await testChannel(actor, params.id, req.headers)));
