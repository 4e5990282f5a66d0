import { z } from "zod";
import { json, withApi } from "@/lib/server/api-handler";
import { loadExecSummary } from "@/lib/server/status/data";

const params = z.object({ ref: z.string().max(20) });

// GET /api/v1/status/{ref} — one incident's exec summary (404 for a private or unknown incident, even for members).
export const GET = withApi({ params }, async ({ actor, params }) => json(await loadExecSummary(actor, params.ref)));
