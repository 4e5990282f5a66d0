import { z } from "zod";
import { handoverDeclineSchema } from "@/lib/domain/schemas";
import { json, withApi } from "@/lib/server/api-handler";
import { declineHandover } from "@/lib/server/incidents/handovers";

const params = z.object({ ref: z.string().max(20), id: z.string().max(64) });

// POST /api/v1/incidents/{ref}/handovers/{id}/decline { reason } — the commander stays in command and hears why.
export const POST = withApi({ role: "responder", params, body: handoverDeclineSchema }, async ({ actor, params, body }) =>
  json((await declineHandover(actor, params.ref, params.id, body)).value),
);
