import { z } from "zod";
import { json, withApi } from "@/lib/server/api-handler";
import { publicOrigin } from "@/lib/server/public-url";
import { revokeShareLink } from "@/lib/server/status/share-links";

const params = z.object({ ref: z.string().max(20), id: z.string().min(1).max(64) });

// DELETE /api/v1/incidents/{ref}/share-links/{id} — revoke: the link stops working at once (revoking twice is a no-op).
export const DELETE = withApi({ role: "responder", params }, async ({ req, actor, params }) =>
  json(await revokeShareLink(actor, params.ref, params.id, { origin: publicOrigin(req.headers) })),
);
