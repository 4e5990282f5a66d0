import { serviceCreateSchema } from "@/lib/domain/services";
import { idempotencyOf, json, withApi } from "@/lib/server/api-handler";
import { listServices } from "@/lib/server/services/data";
import { createService } from "@/lib/server/services/mutations";

// GET /api/v1/services — the catalog (tier, owner, links, dependencies both ways, hygiene flags, open incidents).
export const GET = withApi({}, async ({ actor }) => json(await listServices(actor)));

// POST /api/v1/services (admin) — key, name, team, tier, description?, links?, dependsOn?
export const POST = withApi({ role: "admin", body: serviceCreateSchema }, async (ctx) => {
  const result = await createService(ctx.actor, ctx.body, idempotencyOf(ctx));
  return json(result.value, result.status ?? 201);
});
