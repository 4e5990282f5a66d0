import { z } from "zod";
import { schedulePatchSchema } from "@/lib/domain/schedule-schemas";
import { json, withApi } from "@/lib/server/api-handler";
import { loadSchedule } from "@/lib/server/schedules/data";
import { deleteSchedule, updateSchedule } from "@/lib/server/schedules/mutations";

const params = z.object({ id: z.string().max(64) });

// GET /api/v1/schedules/{id} — the schedule: layers, overrides, on call now, next handoff, version (any role).
export const GET = withApi({ params }, async ({ actor, params }) => json(await loadSchedule(actor, params.id)));

// PATCH /api/v1/schedules/{id} — change name, team, time zone or the whole list of layers, with the version last read (admin; 409 when stale).
export const PATCH = withApi({ role: "admin", params, body: schedulePatchSchema }, async ({ actor, params, body }) => {
  const { value } = await updateSchedule(actor, params.id, body);
  return json(value);
});

// DELETE /api/v1/schedules/{id} — remove the schedule and its overrides (admin). Answers { id, name, overridesRemoved }.
export const DELETE = withApi({ role: "admin", params }, async ({ actor, params }) => {
  const { value } = await deleteSchedule(actor, params.id);
  return json(value);
});
