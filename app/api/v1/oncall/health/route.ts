import { healthQuerySchema } from "@/lib/domain/oncall-health";
import { json, withApi } from "@/lib/server/api-handler";
import { loadOncallHealth } from "@/lib/server/oncall/health";

// GET /api/v1/oncall/health?days=30&team= — the on-call pain numbers per person and team, worst burden first (any role).
export const GET = withApi({ query: healthQuerySchema }, async ({ actor, query }) => json(await loadOncallHealth(actor, query)));
