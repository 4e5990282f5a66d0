import { apiTokenCreateSchema } from "@/lib/domain/schemas";
import { json, withApi } from "@/lib/server/api-handler";
import { createApiToken, listApiTokens } from "@/lib/server/org/api-tokens";

// GET /api/v1/tokens — the caller's own tokens (never their secrets).
export const GET = withApi({}, async ({ actor }) => json(await listApiTokens(actor)));

// POST /api/v1/tokens — create a token; the secret is in this response only.
export const POST = withApi({ body: apiTokenCreateSchema }, async ({ actor, body }) => json(await createApiToken(actor, body), 201));
