import { z } from "zod";
import { postmortemPatchSchema } from "@/lib/domain/postmortem/schemas";
import { json, withApi } from "@/lib/server/api-handler";
import { loadPostmortem } from "@/lib/server/postmortems/data";
import { setPostmortemStatus } from "@/lib/server/postmortems/mutations";

const params = z.object({ id: z.string().min(1).max(50) });

// GET /api/v1/postmortems/{id} — any postmortem by id (one with an incident is as visible as its incident).
export const GET = withApi({ params }, async ({ actor, params }) => json(await loadPostmortem(actor, { id: params.id })));

// PATCH /api/v1/postmortems/{id} — move it through review: { status }.
export const PATCH = withApi({ role: "responder", params, body: postmortemPatchSchema }, async ({ actor, params, body }) =>
  json((await setPostmortemStatus(actor, { id: params.id }, body.status)).value),
);
