import { changeCreateSchema, changeListQuerySchema } from "@/lib/domain/changes";
import { idempotencyOf, json, withApi } from "@/lib/server/api-handler";
import { listChanges } from "@/lib/server/changes/data";
import { createChange } from "@/lib/server/changes/mutations";

// GET /api/v1/changes?service=&since=&until=&limit=&cursor= — the organization's changes, newest first.
export const GET = withApi({ query: changeListQuerySchema }, async ({ actor, query }) => json(await listChanges(actor, query)));

// POST /api/v1/changes — record a deploy, config change, flag flip or migration (CI/CD or a person). Idempotency-Key replays the first result.
export const POST = withApi({ role: "responder", body: changeCreateSchema }, async (ctx) => {
  const { actor, body } = ctx;
  const result = await createChange(actor, body, idempotencyOf(ctx));
  return json(result.value, result.status ?? 201);
});
