import { actionItemCreateSchema, actionItemListQuerySchema } from "@/lib/domain/postmortem/action-items";
import { idempotencyOf, json, withApi } from "@/lib/server/api-handler";
import { listActionItems } from "@/lib/server/postmortems/data";
import { createActionItem } from "@/lib/server/postmortems/mutations";

// GET /api/v1/action-items?owner=&team=&overdue=&incident=&status= — across incidents, soonest due first.
export const GET = withApi({ query: actionItemListQuerySchema }, async ({ actor, query }) => json(await listActionItems(actor, query)));

// POST /api/v1/action-items — a tracked action item: one owner, a due date, a kind; `incident` attaches it to that incident's postmortem.
export const POST = withApi({ role: "responder", body: actionItemCreateSchema }, async (ctx) => {
  const result = await createActionItem(ctx.actor, ctx.body, idempotencyOf(ctx));
  return json(result.value, result.status ?? 201);
});
