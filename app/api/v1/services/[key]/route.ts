import { z } from "zod";
import { servicePatchSchema } from "@/lib/domain/services";
import { json, withApi } from "@/lib/server/api-handler";
import { loadService } from "@/lib/server/services/data";
import { updateService } from "@/lib/server/services/mutations";

const params = z.object({ key: z.string().max(60) });

// GET /api/v1/services/{key} — the service with who is on call now and its incidents.
export const GET = withApi({ params }, async ({ actor, params }) => json(await loadService(actor, params.key)));

// PATCH /api/v1/services/{key} — edit name, description, team, tier, links, dependsOn, escalationPolicy, or mark it reviewed, with the version last read (admin; 409 when stale).
export const PATCH = withApi({ role: "admin", params, body: servicePatchSchema }, async ({ actor, params, body }) => json((await updateService(actor, params.key, body)).value));
