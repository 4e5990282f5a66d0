import { orgSettingsPatchSchema } from "@/lib/domain/schemas";
import { json, withApi } from "@/lib/server/api-handler";
import { loadOrgSettings, updateOrgSettings } from "@/lib/server/org/settings";

// GET /api/v1/org/settings — the organization's update cadence and nudge thresholds (stored and effective).
export const GET = withApi({}, async ({ actor }) => json(await loadOrgSettings(actor)));

// PATCH /api/v1/org/settings (admin) — { cadence?, nudges? }: given keys replace the stored ones.
export const PATCH = withApi({ role: "admin", body: orgSettingsPatchSchema }, async ({ actor, body }) => json(await updateOrgSettings(actor, body)));
