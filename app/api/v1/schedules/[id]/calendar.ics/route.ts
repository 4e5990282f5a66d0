import { z } from "zod";
import { calendarResponse, withApi } from "@/lib/server/api-handler";
import { scheduleCalendar } from "@/lib/server/schedules/calendar";
import { publicOrigin } from "@/lib/server/public-url";

const params = z.object({ id: z.string().max(64) });

// GET /api/v1/schedules/{id}/calendar.ics?token= — an iCalendar feed of the final shifts, 30 days back to 90 ahead (token in the URL or Bearer).
export const GET = withApi({ params, tokenInQuery: true }, async ({ actor, params, req }) => {
  const { filename, body } = await scheduleCalendar(actor, params.id, { baseUrl: publicOrigin(req.headers) });
  return calendarResponse(body, filename);
});
