import { z } from "zod";
import { reviewerAddSchema, reviewerRemoveQuerySchema } from "@/lib/domain/postmortem/review";
import { json, withApi } from "@/lib/server/api-handler";
import { addReviewer, removeReviewer } from "@/lib/server/postmortems/mutations";

const params = z.object({ ref: z.string().max(20) });

// POST /api/v1/incidents/{ref}/postmortem/reviewers — ask someone to review: { reviewer: handle | email } → { reviewers }.
export const POST = withApi({ role: "responder", params, body: reviewerAddSchema }, async ({ actor, params, body }) =>
  json((await addReviewer(actor, params.ref, body)).value, 201),
);

// DELETE /api/v1/incidents/{ref}/postmortem/reviewers?user= — no longer a reviewer → { reviewers }.
export const DELETE = withApi({ role: "responder", params, query: reviewerRemoveQuerySchema }, async ({ actor, params, query }) =>
  json((await removeReviewer(actor, params.ref, query.user)).value),
);
