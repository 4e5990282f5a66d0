import { z } from "zod";
import { incidentRoleSchema, roleAssignSchema, roleUnassignQuerySchema } from "@/lib/domain/schemas";
import { json, withApi } from "@/lib/server/api-handler";
import { assignRole, unassignRole } from "@/lib/server/incidents/roles";

const params = z.object({ ref: z.string().max(20), role: incidentRoleSchema });

// PUT /api/v1/incidents/{ref}/roles/{role} — assign; replacing the commander needs a `briefing`.
export const PUT = withApi({ role: "responder", params, body: roleAssignSchema }, async ({ actor, params, body }) => {
  const { value } = await assignRole(actor, params.ref, params.role, body);
  return json({ entry: value });
});

// DELETE /api/v1/incidents/{ref}/roles/{role}?user= — end an assignment (`user` for SMEs). The commander is handed over, never removed.
export const DELETE = withApi({ role: "responder", params, query: roleUnassignQuerySchema }, async ({ actor, params, query }) => {
  const { value } = await unassignRole(actor, params.ref, params.role, query.user);
  return json({ entry: value });
});
