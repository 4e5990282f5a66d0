import { pageListQuerySchema } from "@/lib/domain/pages";
import { json, withApi } from "@/lib/server/api-handler";
import { listPages } from "@/lib/server/escalations/pages";

// GET /api/v1/pages?user=me|all&open=true&incident=INC-1 — pages sent to you (default), newest first.
export const GET = withApi({ query: pageListQuerySchema }, async ({ actor, query }) => json(await listPages(actor, query)));
