import { z } from "zod";
import { json, withApi } from "@/lib/server/api-handler";
import { revokeApiToken } from "@/lib/server/org/api-tokens";

const params = z.object({ id: z.string().min(1).max(100) });

// DELETE /api/v1/tokens/{id} — revoke one of the caller's tokens.
export const DELETE = withApi({ params }, async ({ actor, params }) => json(await revokeApiToken(actor, params.id)));
