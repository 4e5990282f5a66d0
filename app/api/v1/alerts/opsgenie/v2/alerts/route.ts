import { opsgenieCreateRoute } from "@/lib/server/alerts/routes";

// POST /api/v1/alerts/opsgenie/v2/alerts — Opsgenie's create-alert, so its senders change only the base URL.
export const POST = opsgenieCreateRoute;
