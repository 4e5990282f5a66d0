import { z } from "zod";
import { integrationKeyUpdateSchema } from "@/lib/domain/alerts/keys";
import { json, withApi } from "@/lib/server/api-handler";
import { revokeIntegrationKey, updateIntegrationKey } from "@/lib/server/alerts/keys";

const params = z.object({ key: z.string().max(60), id: z.string().min(1).max(100) });

// PATCH /api/v1/services/{key}/integration-keys/{id} — rename, set or clear the generic mapping or the signing secret (admin).
export const PATCH = withApi({ role: "admin", params, body: integrationKeyUpdateSchema }, async ({ actor, params, body }) => json(await updateIntegrationKey(actor, params.key, params.id, body)));

// DELETE /api/v1/services/{key}/integration-keys/{id} — revoke a key: the alert routes refuse it from now on (admin).
export const DELETE = withApi({ role: "admin", params }, async ({ actor, params }) => json(await revokeIntegrationKey(actor, params.key, params.id)));
