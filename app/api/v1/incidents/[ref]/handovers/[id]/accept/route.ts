import { z } from "zod";
import { json, withApi } from "@/lib/server/api-handler";
import { acceptHandover } from "@/lib/server/incidents/handovers";

const params = z.object({ ref: z.string().max(20), id: z.string().max(64) });

// POST /api/v1/incidents/{ref}/handovers/{id}/accept — "I have the conn": command moves to the person offered it.
export const POST = withApi({ role: "responder", params }, async ({ actor, params }) => json((await acceptHandover(actor, params.ref, params.id)).value));
