import { calendarResponse, withApi } from "@/lib/server/api-handler";
import { myShiftsCalendar } from "@/lib/server/schedules";

// GET /api/v1/users/me/shifts.ics?token= — the caller's own on-call shifts across every schedule, as an iCalendar feed.
export const GET = withApi({ tokenInQuery: true }, async ({ actor, req }) =>
  calendarResponse(await myShiftsCalendar(actor, { baseUrl: new URL(req.url).origin }), "my-oncall-shifts.ics"),
);
