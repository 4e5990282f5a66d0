import { webhookRoute } from "@/lib/server/alerts/routes";

// POST /api/v1/alerts/grafana — a Grafana alerting webhook contact point, as it sends it.
export const POST = webhookRoute("grafana");
