import { z } from "zod";
import { channelPatchSchema } from "@/lib/domain/pages";
import { json, withApi } from "@/lib/server/api-handler";
import { deleteChannel, updateChannel } from "@/lib/server/escalations/channels";

const params = z.object({ id: z.string().max(64) });

// PATCH /api/v1/notification-channels/{id} — rename, enable or disable (admin).
export const PATCH = withApi({ role: "admin", params, body: channelPatchSchema }, async ({ actor, params, body }) => json(await updateChannel(actor, params.id, body)));

// DELETE /api/v1/notification-channels/{id} (admin).
export const DELETE = withApi({ role: "admin", params }, async ({ actor, params }) => {
  await deleteChannel(actor, params.id);
  return new Response(null, { status: 204 });
});
