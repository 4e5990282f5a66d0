// On-call health: the "on-call pain" numbers (../shared/PRACTICES.md "Metrics":
// on-call burden; "Before the incident": pain is tracked as a reliability
// metric). Per person and per team over a window of days: pages, pages outside
// the person's working hours, acknowledgements and how long they took, hours
// on call. Pure: the server loads pages, people and final shifts; these rules
// count them.
//
// The rules, exactly:
// - a page is **outside working hours** when, on the paged person's own wall
//   clock (their IANA zone, read with luxon so daylight saving is right), it
//   falls on a Saturday or Sunday, or outside [workdayStart, workdayEnd);
//   working hours that wrap midnight (22:00–06:00) are inside from the start
//   to midnight and from midnight to the end; equal start and end mean no
//   working hours (every page is outside); an unknown zone reads as UTC and an
//   unreadable clock as the defaults 09:00–17:00;
// - **acknowledged**: pages a person acknowledged (only a human's
//   acknowledgement is ever stored); time to acknowledge is `acknowledgedAt −
//   createdAt` in whole seconds, leaving out pages acknowledged the instant
//   they were made (the person who declared is already there: no response
//   time to measure);
// - **median** of an even count is the mean of the two middle values; **p90**
//   is the nearest rank (the ⌈0.9·n⌉-th smallest), so it is always a time
//   somebody really took;
// - **hours on call** are the person's final-schedule segments (layers and
//   overrides resolved) clipped to the window, overlaps between schedules
//   counted once;
// - worst burden first: most pages outside working hours, then most pages,
//   then most hours on call, then the slowest p90.
import { DateTime } from "luxon";
import { z } from "zod";
import { teamKeySchema } from "./teams";

export const HEALTH_WINDOWS = [7, 30, 90] as const;
export const DEFAULT_HEALTH_DAYS = 30;
export const MAX_HEALTH_DAYS = 90;
export const DEFAULT_WORKDAY = { start: "09:00", end: "17:00" } as const;

export const healthQuerySchema = z.object({
  days: z.coerce.number("Must be a number of days").int("Must be a whole number of days").min(1, "At least 1 day").max(MAX_HEALTH_DAYS, `At most ${MAX_HEALTH_DAYS} days`).default(DEFAULT_HEALTH_DAYS),
  team: teamKeySchema.optional(),
});
export type HealthQuery = z.infer<typeof healthQuerySchema>;

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY_MINUTES = 24 * 60;

// ─── Working hours ──────────────────────────────────────────────────────────

export interface WorkingHours {
  /** IANA zone, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** Local `HH:mm`, e.g. `09:00`. */
  workdayStart: string;
  /** Local `HH:mm`, e.g. `17:00`; `24:00` is midnight at the end of the day. */
  workdayEnd: string;
}

/** `HH:mm` → minutes after midnight (`24:00` → 1440), or null. */
export function parseClock(value: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

/** The person's local time at `at`: weekday (1 = Monday … 7 = Sunday) and minutes after midnight (with seconds as a fraction). */
export function localClock(at: Date, timeZone: string): { weekday: number; minutes: number } {
  let local = DateTime.fromJSDate(at, { zone: timeZone });
  if (!local.isValid) local = DateTime.fromJSDate(at, { zone: "utc" });
  return { weekday: local.weekday, minutes: local.hour * 60 + local.minute + (local.second + local.millisecond / 1000) / 60 };
}

/** True when a page at `at` reaches the person outside their working hours (rules above). */
export function isOutsideWorkingHours(at: Date, hours: WorkingHours): boolean {
  const { weekday, minutes } = localClock(at, hours.timeZone);
  if (weekday >= 6) return true;
  let start = parseClock(hours.workdayStart);
  let end = parseClock(hours.workdayEnd);
  if (start === null || end === null || start === DAY_MINUTES) {
    start = parseClock(DEFAULT_WORKDAY.start)!;
    end = parseClock(DEFAULT_WORKDAY.end)!;
  }
  if (start === end) return true;
  const inside = start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
  return !inside;
}

// ─── Statistics ─────────────────────────────────────────────────────────────

/** The median, or null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The nearest-rank percentile `p` (0 < p ≤ 100): the ⌈p/100 · n⌉-th smallest value, or null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

// ─── Time on call ───────────────────────────────────────────────────────────

export interface Interval {
  start: Date;
  end: Date;
}

/** Milliseconds covered by the union of `intervals` inside `[from, to)`: overlaps count once. */
export function coveredMs(intervals: readonly Interval[], from: Date, to: Date): number {
  const lo = from.getTime();
  const hi = to.getTime();
  const clipped = intervals
    .map((i) => [Math.max(i.start.getTime(), lo), Math.min(i.end.getTime(), hi)] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let curStart = -Infinity;
  let curEnd = -Infinity;
  for (const [s, e] of clipped) {
    if (s > curEnd) {
      if (curEnd > curStart) total += curEnd - curStart;
      curStart = s;
      curEnd = e;
    } else if (e > curEnd) curEnd = e;
  }
  if (curEnd > curStart) total += curEnd - curStart;
  return total;
}

/** Hours with one decimal: what the table shows and the API answers. */
export const toHours = (ms: number) => Math.round((ms / HOUR) * 10) / 10;

// ─── Burden ─────────────────────────────────────────────────────────────────

/** A page as these rules need it: nothing about its incident. */
export interface PageSample {
  createdAt: Date;
  acknowledgedAt: Date | null;
}

export interface Burden {
  pages: number;
  pagesOutsideHours: number;
  acknowledged: number;
  medianAckSeconds: number | null;
  p90AckSeconds: number | null;
  hoursOnCall: number;
}

/** Whole seconds from page to acknowledgement, for pages someone had to answer (not acknowledged the instant they were made). */
export function ackSeconds(pages: readonly PageSample[]): number[] {
  return pages
    .filter((p) => p.acknowledgedAt && p.acknowledgedAt.getTime() > p.createdAt.getTime())
    .map((p) => Math.round((p.acknowledgedAt!.getTime() - p.createdAt.getTime()) / SECOND));
}

/** One person's numbers over `[from, to)`: their pages in it, and their final-schedule segments (any schedule). */
export function personBurden(input: { pages: readonly PageSample[]; hours: WorkingHours; onCall: readonly Interval[]; from: Date; to: Date }): Burden & { ackSamples: number[]; onCallMs: number } {
  const inWindow = input.pages.filter((p) => p.createdAt >= input.from && p.createdAt < input.to);
  const samples = ackSeconds(inWindow);
  const onCallMs = coveredMs(input.onCall, input.from, input.to);
  return {
    pages: inWindow.length,
    pagesOutsideHours: inWindow.filter((p) => isOutsideWorkingHours(p.createdAt, input.hours)).length,
    acknowledged: inWindow.filter((p) => p.acknowledgedAt !== null).length,
    medianAckSeconds: median(samples),
    p90AckSeconds: percentile(samples, 90),
    hoursOnCall: toHours(onCallMs),
    ackSamples: samples,
    onCallMs,
  };
}

/** A team's numbers: its members' summed, acknowledgement times pooled (the team's median is over every answer, not a median of medians). */
export function teamBurden(members: readonly (Burden & { ackSamples: number[]; onCallMs: number })[]): Burden {
  const samples = members.flatMap((m) => m.ackSamples);
  return {
    pages: members.reduce((n, m) => n + m.pages, 0),
    pagesOutsideHours: members.reduce((n, m) => n + m.pagesOutsideHours, 0),
    acknowledged: members.reduce((n, m) => n + m.acknowledged, 0),
    medianAckSeconds: median(samples),
    p90AckSeconds: percentile(samples, 90),
    hoursOnCall: toHours(members.reduce((n, m) => n + m.onCallMs, 0)),
  };
}

/** Worst burden first (rules above); ties keep their order. */
export function compareBurden(a: Burden, b: Burden): number {
  return (
    b.pagesOutsideHours - a.pagesOutsideHours ||
    b.pages - a.pages ||
    b.hoursOnCall - a.hoursOnCall ||
    (b.p90AckSeconds ?? -1) - (a.p90AckSeconds ?? -1)
  );
}

// ─── Presentation ───────────────────────────────────────────────────────────

/** "45 s", "4 min 10 s", "1 h 5 min", "—" for none: acknowledgement times in the table. */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return "—";
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) {
    const m = Math.floor(s / 60);
    const rest = s % 60;
    return rest ? `${m} min ${rest} s` : `${m} min`;
  }
  const h = Math.floor(s / 3600);
  const m = Math.round((s % 3600) / 60);
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** The wire shape of `GET /api/v1/oncall/health`. */
export interface PersonHealthDto extends Burden {
  handle: string;
  name: string;
  timeZone: string;
  workdayStart: string;
  workdayEnd: string;
  teams: string[];
}

export interface TeamHealthDto extends Burden {
  key: string;
  name: string;
  members: number;
  /** Hours someone was on call on each of the team's schedules in the window. */
  schedules: { id: string; name: string; hoursOnCall: number }[];
  /** Their sum: the on-call time the team's schedules held. */
  scheduleHoursOnCall: number;
}

export interface HealthDto {
  window: { from: string; to: string; days: number };
  people: PersonHealthDto[];
  teams: TeamHealthDto[];
}
