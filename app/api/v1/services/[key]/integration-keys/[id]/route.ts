import { z } from "zod";
import { json, withApi } from "@/lib/server/api-handler";
import { revokeIntegrationKey } from "@/lib/server/alerts/keys";

const params = z.object({ key: z.string().max(60), id: z.string().min(1).max(100) });

// DELETE /api/v1/services/{key}/integration-keys/{id} — revoke a key: the alert routes refuse it from now on (admin).
export const DELETE = withApi({ role: "admin", params }, async ({ actor, params }) => json(await revokeIntegrationKey(actor, params.key, params.id)));
