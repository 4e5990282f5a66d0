import { alertListQuerySchema } from "@/lib/domain/alerts/inbox";
import { json, withApi } from "@/lib/server/api-handler";
import { listAlerts } from "@/lib/server/alerts/inbox";

// GET /api/v1/alerts — the alert inbox: alerts you may see, newest activity first, filtered (responder).
export const GET = withApi({ role: "responder", query: alertListQuerySchema }, async ({ actor, query }) => json(await listAlerts(actor, query)));
