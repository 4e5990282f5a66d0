import { z } from "zod";
import { alertSettingsInputSchema } from "@/lib/domain/alerts/settings";
import { json, withApi } from "@/lib/server/api-handler";
import { getAlertSettings, putAlertSettings } from "@/lib/server/alerts/settings";

const params = z.object({ key: z.string().max(60) });

// GET /api/v1/services/{key}/alert-settings — the service's alert routing rules (in order), grouping window and labels.
export const GET = withApi({ params }, async ({ actor, params }) => json(await getAlertSettings(actor, params.key)));

// PUT /api/v1/services/{key}/alert-settings — replace them, with the service's version last read (admin; 409 when stale).
export const PUT = withApi({ role: "admin", params, body: alertSettingsInputSchema }, async ({ actor, params, body }) => json(await putAlertSettings(actor, params.key, body)));
