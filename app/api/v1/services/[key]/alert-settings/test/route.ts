import { z } from "zod";
import { ruleTestSchema } from "@/lib/domain/alerts/tester";
import { json, withApi } from "@/lib/server/api-handler";
import { testAlertRules } from "@/lib/server/alerts/settings";

const params = z.object({ key: z.string().max(60) });

// POST /api/v1/services/{key}/alert-settings/test — which rule a pasted payload's alerts match, and what would happen (responders; stores nothing).
export const POST = withApi({ role: "responder", params, body: ruleTestSchema }, async ({ actor, params, body }) => json(await testAlertRules(actor, params.key, body)));
