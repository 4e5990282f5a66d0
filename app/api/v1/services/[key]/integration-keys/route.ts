import { z } from "zod";
import { integrationKeyCreateSchema } from "@/lib/domain/alerts/keys";
import { json, withApi } from "@/lib/server/api-handler";
import { createIntegrationKey, listIntegrationKeys } from "@/lib/server/alerts/keys";

const params = z.object({ key: z.string().max(60) });

// GET /api/v1/services/{key}/integration-keys — the service's keys for monitoring senders, never their secrets (admin).
export const GET = withApi({ role: "admin", params }, async ({ actor, params }) => json(await listIntegrationKeys(actor, params.key)));

// POST /api/v1/services/{key}/integration-keys — a new key; the secret is in this answer only (admin).
export const POST = withApi({ role: "admin", params, body: integrationKeyCreateSchema }, async ({ actor, params, body }) => json(await createIntegrationKey(actor, params.key, body), 201));
