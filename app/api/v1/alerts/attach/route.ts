import { alertAttachSchema } from "@/lib/domain/alerts/inbox";
import { json, withApi } from "@/lib/server/api-handler";
import { attachAlerts } from "@/lib/server/alerts/inbox";

// POST /api/v1/alerts/attach — put alerts that opened nothing (and the escalation that paged for them) on an open incident (responder).
export const POST = withApi({ role: "responder", body: alertAttachSchema }, async ({ actor, body }) => json(await attachAlerts(actor, body)));
