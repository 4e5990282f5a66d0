import { z } from "zod";
import { digestQuerySchema } from "@/lib/domain/schemas";
import { json, withApi } from "@/lib/server/api-handler";
import { loadDigest } from "@/lib/server/incidents/digest";

const params = z.object({ ref: z.string().max(20) });

// GET /api/v1/incidents/{ref}/digest?since=<seq> — what others changed after since (default: the caller's read marker).
export const GET = withApi({ params, query: digestQuerySchema }, async ({ actor, params, query }) => json(await loadDigest(actor, params.ref, query)));
