import { webhookRoute } from "@/lib/server/alerts/routes";

// POST /api/v1/alerts/alertmanager — Prometheus Alertmanager's webhook (version 4), as it sends it.
export const POST = webhookRoute("alertmanager");
