import { z } from "zod";
import { policyPatchSchema } from "@/lib/domain/escalation";
import { json, withApi } from "@/lib/server/api-handler";
import { deletePolicy, loadPolicy, updatePolicy } from "@/lib/server/escalations/policies";

const params = z.object({ id: z.string().max(64) });

// GET /api/v1/escalation-policies/{id} (any role).
export const GET = withApi({ params }, async ({ actor, params }) => json(await loadPolicy(actor, params.id)));

// PATCH /api/v1/escalation-policies/{id} — with `version` (409 when stale) (admin).
export const PATCH = withApi({ role: "admin", params, body: policyPatchSchema }, async ({ actor, params, body }) => json(await updatePolicy(actor, params.id, body)));

// DELETE /api/v1/escalation-policies/{id} — its services page nobody until given another (admin).
export const DELETE = withApi({ role: "admin", params }, async ({ actor, params }) => {
  await deletePolicy(actor, params.id);
  return new Response(null, { status: 204 });
});
