import { z } from "zod";
import { json, withApi } from "@/lib/server/api-handler";
import { withdrawHandover } from "@/lib/server/incidents/handovers";

const params = z.object({ ref: z.string().max(20), id: z.string().max(64) });

// POST /api/v1/incidents/{ref}/handovers/{id}/withdraw — the offer is taken back before anyone answered it.
export const POST = withApi({ role: "responder", params }, async ({ actor, params }) => json((await withdrawHandover(actor, params.ref, params.id)).value));
