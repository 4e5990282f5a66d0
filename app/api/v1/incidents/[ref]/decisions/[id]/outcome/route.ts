import { z } from "zod";
import { decisionOutcomeSchema } from "@/lib/domain/schemas";
import { json, withApi } from "@/lib/server/api-handler";
import { recordDecisionOutcome } from "@/lib/server/incidents/mutations";

const params = z.object({ ref: z.string().max(20), id: z.string().max(64) });

// POST /api/v1/incidents/{ref}/decisions/{id}/outcome { outcome, note, revisitAt? } — how a decision that came due turned out.
export const POST = withApi({ role: "responder", params, body: decisionOutcomeSchema }, async ({ actor, params, body }) =>
  json((await recordDecisionOutcome(actor, params.ref, params.id, body)).value),
);
