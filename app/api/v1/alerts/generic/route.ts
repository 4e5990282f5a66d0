import { genericRoute } from "@/lib/server/alerts/routes";

// POST /api/v1/alerts/generic — any JSON, read through the integration key's JSONPath mapping.
export const POST = genericRoute;
