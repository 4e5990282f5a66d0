import { json, withApi } from "@/lib/server/api-handler";
import { loadStatus } from "@/lib/server/status/data";

// GET /api/v1/status — the exec status view (any signed-in role): active non-private incidents by severity
// then age, each with its latest exec (else internal) update; those resolved in the last 30 days.
export const GET = withApi({}, async ({ actor }) => json(await loadStatus(actor)));
