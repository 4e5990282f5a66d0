import { z } from "zod";
import { json, withApi } from "@/lib/server/api-handler";
import { loadPage } from "@/lib/server/escalations/pages";

const params = z.object({ id: z.string().max(64) });

// GET /api/v1/pages/{id} — one page: who, when, why, acknowledged when and by whom, notes, deliveries.
export const GET = withApi({ params }, async ({ actor, params }) => json(await loadPage(actor, params.id)));
