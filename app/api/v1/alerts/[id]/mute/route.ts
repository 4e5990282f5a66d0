import { z } from "zod";
import { alertMuteSchema } from "@/lib/domain/alerts/inbox";
import { json, withApi } from "@/lib/server/api-handler";
import { muteIdentity, unmuteIdentity } from "@/lib/server/alerts/inbox";

const params = z.object({ id: z.string().max(100) });

// POST /api/v1/alerts/{id}/mute — mute the alert's identity for `hours` (1–168), for a reason: its alerts are recorded, open and page nothing (responder).
export const POST = withApi({ role: "responder", params, body: alertMuteSchema }, async ({ actor, params, body }) => json(await muteIdentity(actor, params.id, body), 201));

// DELETE /api/v1/alerts/{id}/mute — lift the identity's mute now (responder).
export const DELETE = withApi({ role: "responder", params }, async ({ actor, params }) => json(await unmuteIdentity(actor, params.id)));
