import "server-only";
// iCalendar feeds (RFC 5545) of the final shifts: a schedule's, and the caller's own across schedules ("my shifts"), 30 days back to 90 ahead.
import { buildCalendar, formatUtc, type IcsEvent } from "@/lib/domain/ics";
import { finalShifts, type FinalShift } from "@/lib/domain/schedule";
import { ICS_DAYS_AHEAD, ICS_DAYS_BACK, layerLabel, type StoredLayer } from "@/lib/domain/schedule-schemas";
import type { Actor } from "../actor";
import { db } from "../db";
import { DAY, scheduleInclude, type ScheduleRow, rotationOf, overridesOf, loadOverrides, People, loadPeople, requireSchedule } from "./data";

// ─── Calendar feeds ────────────────────────────────────────────────────────

function feedWindow(now: Date) {
  return { from: new Date(now.getTime() - ICS_DAYS_BACK * DAY), to: new Date(now.getTime() + ICS_DAYS_AHEAD * DAY) };
}

function shiftEvent(row: ScheduleRow, shift: FinalShift, layers: StoredLayer[], people: People, baseUrl: string): IcsEvent {
  const person = people.get(shift.user);
  const layer = shift.layer === null ? null : layers[shift.layer];
  const origin = shift.source === "override" ? "Override" : `Layer: ${layer && shift.layer !== null ? layerLabel(layer, shift.layer) : "?"}`;
  return {
    // One segment per schedule starts at one instant; the person makes a change of holder a new event.
    uid: `${row.id}-${formatUtc(shift.start)}-${shift.user}@conn`,
    start: shift.start,
    end: shift.end,
    summary: `On call${shift.source === "override" ? " (override)" : ""}: ${person.name} (@${person.handle}) · ${row.name}`,
    description: [`Schedule: ${row.name}${row.team ? ` (team ${row.team.name})` : ""}`, origin, `Times on the schedule's clock: ${row.timeZone}`, `${baseUrl}/schedules/${row.id}`].join("\n"),
    url: `${baseUrl}/schedules/${row.id}`,
    categories: ["On-call"],
  };
}

/** `GET /api/v1/schedules/{id}/calendar.ics`: the final shifts from 30 days back to 90 days ahead. */
export async function scheduleCalendar(actor: Actor, id: string, opts: { now?: Date; baseUrl: string }): Promise<{ filename: string; body: string }> {
  const now = opts.now ?? new Date();
  const row = await requireSchedule(db(), actor, id);
  const { from, to } = feedWindow(now);
  const overrides = (await loadOverrides(db(), [row.id], from, to)).get(row.id)!;
  const rotation = rotationOf(row);
  const shifts = finalShifts(rotation, overridesOf(overrides), from, to);
  const people = await loadPeople(db(), shifts.map((s) => s.user));
  const body = buildCalendar({
    name: `On call: ${row.name}`,
    description: `Who is on call for ${row.name} (Conn)`,
    now,
    events: shifts.map((s) => shiftEvent(row, s, rotation.layers, people, opts.baseUrl)),
  });
  return { filename: `oncall-${row.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || row.id}.ics`, body };
}

/** `GET /api/v1/users/me/shifts.ics`: the caller's own shifts across every schedule of the organization. */
export async function myShiftsCalendar(actor: Actor, opts: { now?: Date; baseUrl: string }): Promise<string> {
  const now = opts.now ?? new Date();
  const { from, to } = feedWindow(now);
  const rows = await db().schedule.findMany({ where: { orgId: actor.orgId }, include: scheduleInclude, orderBy: [{ name: "asc" }, { id: "asc" }] });
  const overrides = await loadOverrides(db(), rows.map((r) => r.id), from, to);
  const people = new People(new Map([[actor.userId, { handle: actor.handle, email: actor.email, name: actor.name }]]));
  const events = rows.flatMap((row) => {
    const rotation = rotationOf(row);
    return finalShifts(rotation, overridesOf(overrides.get(row.id)!), from, to)
      .filter((s) => s.user === actor.userId)
      .map((s) => shiftEvent(row, s, rotation.layers, people, opts.baseUrl));
  });
  events.sort((a, b) => a.start.getTime() - b.start.getTime());
  return buildCalendar({ name: `My on-call shifts (${actor.handle})`, description: `${actor.name}'s on-call shifts in Conn`, now, events });
}
