import { similarQuerySchema } from "@/lib/domain/declare";
import { json, withApi } from "@/lib/server/api-handler";
import { findSimilarIncidents } from "@/lib/server/incidents/declare-options";

// GET /api/v1/incidents/similar?title=&services=SVC-A,SVC-B — open incidents that may be the one being declared.
export const GET = withApi({ query: similarQuerySchema }, async ({ actor, query }) => json(await findSimilarIncidents(actor, query)));
