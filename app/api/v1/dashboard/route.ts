import { dashboardQuerySchema } from "@/lib/domain/schemas";
import { json, withApi } from "@/lib/server/api-handler";
import { loadDashboard } from "@/lib/server/dashboard/data";

// GET /api/v1/dashboard?service=&team= — active incidents by severity then age, with their nudges;
// drills apart; "mine"; recently resolved (7 days).
export const GET = withApi({ query: dashboardQuerySchema }, async ({ actor, query }) => json(await loadDashboard(actor, query)));
