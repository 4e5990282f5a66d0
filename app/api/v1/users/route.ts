import { z } from "zod";
import { json, withApi } from "@/lib/server/api-handler";
import { listUsers } from "@/lib/server/org/users";

// GET /api/v1/users?q= — members of the organization (any signed-in role).
export const GET = withApi({ query: z.object({ q: z.string().max(100).optional() }) }, async ({ actor, query }) => json(await listUsers(actor, query.q)));
