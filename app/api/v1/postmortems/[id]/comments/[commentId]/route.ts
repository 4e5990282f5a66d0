import { z } from "zod";
import { commentPatchSchema } from "@/lib/domain/postmortem/review";
import { json, withApi } from "@/lib/server/api-handler";
import { setCommentResolved } from "@/lib/server/postmortems/mutations";

const params = z.object({ id: z.string().min(1).max(50), commentId: z.string().min(1).max(50) });

// PATCH /api/v1/postmortems/{id}/comments/{commentId} — { resolved } resolves or reopens a comment.
export const PATCH = withApi({ role: "responder", params, body: commentPatchSchema }, async ({ actor, params, body }) =>
  json((await setCommentResolved(actor, { id: params.id }, params.commentId, body)).value),
);
