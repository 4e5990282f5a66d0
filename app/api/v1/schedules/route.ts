import { scheduleCreateSchema, scheduleListQuerySchema } from "@/lib/domain/schedule-schemas";
import { idempotencyOf, json, withApi } from "@/lib/server/api-handler";
import { listSchedules } from "@/lib/server/schedules/data";
import { createSchedule } from "@/lib/server/schedules/mutations";

// GET /api/v1/schedules?team=&limit=&cursor= — every schedule by name, with who is on call now and the next handoff (any role).
export const GET = withApi({ query: scheduleListQuerySchema }, async ({ actor, query }) => json(await listSchedules(actor, query)));

// POST /api/v1/schedules — create a schedule with its layers (admin). Idempotency-Key replays the first result.
export const POST = withApi({ role: "admin", body: scheduleCreateSchema }, async (ctx) => {
  const result = await createSchedule(ctx.actor, ctx.body, idempotencyOf(ctx));
  return json(result.value, result.status ?? 201);
});
