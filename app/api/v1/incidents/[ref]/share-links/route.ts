import { z } from "zod";
import { shareLinkCreateSchema } from "@/lib/domain/status";
import { idempotencyOf, json, withApi } from "@/lib/server/api-handler";
import { publicOrigin } from "@/lib/server/public-url";
import { createShareLink, listShareLinks } from "@/lib/server/status/share-links";

const params = z.object({ ref: z.string().max(20) });

// GET /api/v1/incidents/{ref}/share-links — the incident's share links (newest first) with view counts;
// each active link's URL only for those who may manage links (the current commander or an admin).
export const GET = withApi({ params }, async ({ req, actor, params }) => json(await listShareLinks(actor, params.ref, { origin: publicOrigin(req.headers) })));

// POST /api/v1/incidents/{ref}/share-links — { expiresInHours?: 1–168, default 24 } → 201 { id, url, expiresAt, … }.
// The current commander or an admin only; a private incident is a 409.
export const POST = withApi({ role: "responder", params, body: shareLinkCreateSchema }, async (ctx) => {
  const result = await createShareLink(ctx.actor, ctx.params.ref, ctx.body, { origin: publicOrigin(ctx.req.headers), ...idempotencyOf(ctx) });
  return json(result.value, result.status ?? 201);
});
