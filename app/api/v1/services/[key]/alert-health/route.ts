import { z } from "zod";
import { alertHealthQuerySchema } from "@/lib/domain/alerts/health";
import { json, withApi } from "@/lib/server/api-handler";
import { alertHealth } from "@/lib/server/alerts/health";

const params = z.object({ key: z.string().max(60) });

// GET /api/v1/services/{key}/alert-health?tz= — the last 30 days of the service's alerts: action ratio, MTTA of their pages, by severity and hour, the noisiest identities (responder).
export const GET = withApi({ role: "responder", params, query: alertHealthQuerySchema }, async ({ actor, params, query }) => json(await alertHealth(actor, params.key, query.tz)));
