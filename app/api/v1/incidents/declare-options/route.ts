import { json, withApi } from "@/lib/server/api-handler";
import { loadDeclareOptions } from "@/lib/server/incidents/declare-options";

// GET /api/v1/incidents/declare-options — every service with its team and who declaring on it pages now; the declarer's teams.
export const GET = withApi({ role: "responder" }, async ({ actor }) => json(await loadDeclareOptions(actor)));
