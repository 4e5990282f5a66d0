import { eventsV2Route } from "@/lib/server/alerts/routes";

// POST /api/v1/alerts/events — PagerDuty Events API v2 (routing_key = the integration key), answered as PagerDuty does.
export const POST = eventsV2Route;
