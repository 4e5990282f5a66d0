import { changeEventsRoute } from "@/lib/server/alerts/routes";

// POST /api/v1/alerts/events/change — PagerDuty Change Events (routing_key = the integration key): a change on the key's service.
export const POST = changeEventsRoute;
