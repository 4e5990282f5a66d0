import { z } from "zod";
import { json, withApi } from "@/lib/server/api-handler";
import { loadService } from "@/lib/server/services";

const params = z.object({ key: z.string().max(60) });

// GET /api/v1/services/{key} — the service with who is on call now and its incidents.
export const GET = withApi({ params }, async ({ actor, params }) => json(await loadService(actor, params.key)));
