import { calendarResponse, withApi } from "@/lib/server/api-handler";
import { myShiftsCalendar } from "@/lib/server/schedules/calendar";
import { publicOrigin } from "@/lib/server/public-url";

// GET /api/v1/users/me/shifts.ics?token= — the caller's own on-call shifts across every schedule, as an iCalendar feed.
export const GET = withApi({ tokenInQuery: true }, async ({ actor, req }) =>
  calendarResponse(await myShiftsCalendar(actor, { baseUrl: publicOrigin(req.headers) }), "my-oncall-shifts.ics"),
);
