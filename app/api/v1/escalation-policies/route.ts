import { policyCreateSchema } from "@/lib/domain/escalation";
import { idempotencyOf, json, withApi } from "@/lib/server/api-handler";
import { createPolicy, listPolicies } from "@/lib/server/escalations/policies";

// GET /api/v1/escalation-policies — every policy with its steps and the services using it (any role).
export const GET = withApi({}, async ({ actor }) => json(await listPolicies(actor)));

// POST /api/v1/escalation-policies — create a policy (admin). Idempotency-Key replays the first result.
export const POST = withApi({ role: "admin", body: policyCreateSchema }, async (ctx) => json(await createPolicy(ctx.actor, ctx.body, idempotencyOf(ctx)), 201));
