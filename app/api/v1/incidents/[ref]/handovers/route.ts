import { z } from "zod";
import { handoverCreateSchema } from "@/lib/domain/schemas";
import { idempotencyOf, json, withApi } from "@/lib/server/api-handler";
import { requireVisibleIncidentId } from "@/lib/server/incidents/data";
import { listHandovers, offerHandover } from "@/lib/server/incidents/handovers";

const params = z.object({ ref: z.string().max(20) });

// GET /api/v1/incidents/{ref}/handovers — offers of command and command taken, newest first.
export const GET = withApi({ params }, async ({ actor, params }) => {
  const { id } = await requireVisibleIncidentId(actor, params.ref);
  return json({ items: await listHandovers(actor, id), nextCursor: null });
});

// POST /api/v1/incidents/{ref}/handovers { to, briefing } — the commander (or an admin) offers command: 201 pending.
export const POST = withApi({ role: "responder", params, body: handoverCreateSchema }, async (ctx) => {
  const result = await offerHandover(ctx.actor, ctx.params.ref, ctx.body, idempotencyOf(ctx));
  return json(result.value, result.status ?? 201);
});
