// Schedules at the API boundary: request schemas (shared by forms, route
// handlers and the OpenAPI document), the stored JSON of layers, and the wire
// shapes the API answers with. The rotation math is in ./schedule.ts.
import { z } from "zod";
import type { PersonWithEmail } from "./people";
import { INT4_MAX, isoInstant as isoInstantOf, tooLong } from "./input";
import { canonicalTimeZone, MAX_SHIFT_MS, parseWallClock, shiftMs, SHIFT_UNITS, type OnCallSource, type ShiftLength } from "./schedule";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The longest override: a year and a day (it also bounds how far back the server looks for overrides). */
export const MAX_OVERRIDE_MS = 366 * DAY;
/** The widest window `GET …/shifts` answers for. */
export const MAX_SHIFTS_WINDOW_DAYS = 100;
/** What a calendar feed covers around now. */
export const ICS_DAYS_BACK = 30;
export const ICS_DAYS_AHEAD = 90;
export const MAX_LAYERS = 10;
export const MAX_PARTICIPANTS = 50;

const text = (max: number) => z.string().trim().min(1, "Required").max(max, tooLong(max));
const isoInstant = isoInstantOf();

/** A zone the IANA database knows, any case; answered in its canonical spelling. */
export const timeZoneSchema = z
  .string()
  .trim()
  .max(64)
  .refine((v) => canonicalTimeZone(v) !== null, "Unknown time zone: use an IANA name such as Europe/Berlin or America/Chicago")
  .transform((v) => canonicalTimeZone(v)!);

/** Local wall-clock `YYYY-MM-DDTHH:mm` without offset (`:00` seconds tolerated), years 2000–2100. */
export const wallClockSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:00)?$/, "Must be a local date-time without offset, e.g. 2026-03-06T09:00")
  .transform((v) => v.slice(0, 16))
  .refine((v) => parseWallClock(v) !== null, "No such date or time")
  .refine((v) => v >= "2000-01-01T00:00" && v < "2101-01-01T00:00", "Must be between 2000 and 2100");

export const shiftLengthSchema = z
  .object({
    unit: z.enum(SHIFT_UNITS),
    count: z.number().int("Must be a whole number").min(1, "At least 1"),
  })
  .strict()
  .refine((s) => shiftMs(s) <= MAX_SHIFT_MS, { message: "A shift lasts at most 366 days", path: ["count"] });

/** A person by handle (`jtsimmons`, `@jtsimmons`) or email. */
export const personRefSchema = z
  .string()
  .trim()
  .min(1, "Required")
  .max(320)
  .transform((v) => v.replace(/^@/, ""));

export const layerInputSchema = z
  .object({
    name: z.string().trim().max(80, tooLong(80)).nullish(),
    start: wallClockSchema,
    shift: shiftLengthSchema,
    participants: z.array(personRefSchema).min(1, "At least one participant").max(MAX_PARTICIPANTS, `At most ${MAX_PARTICIPANTS} participants`),
  })
  .strict();
export type LayerInput = z.infer<typeof layerInputSchema>;

const layersSchema = z.array(layerInputSchema).min(1, "At least one layer").max(MAX_LAYERS, `At most ${MAX_LAYERS} layers`);

export const scheduleCreateSchema = z
  .object({
    name: text(100),
    /** The owning team's key (`payments`) or id. */
    team: z.string().trim().min(1).max(100).nullish(),
    timeZone: timeZoneSchema,
    layers: layersSchema,
  })
  .strict();
export type ScheduleCreateInput = z.infer<typeof scheduleCreateSchema>;

/**
 * Any of the fields, with the `version` last read (409 when stale); `layers`
 * replaces the whole list. A new `timeZone` re-reads the layers' wall-clock starts in it.
 */
export const schedulePatchSchema = z
  .object({
    version: z.number({ error: "Required: the version you last read" }).int().min(1).max(INT4_MAX),
    name: text(100).optional(),
    team: z.string().trim().min(1).max(100).nullable().optional(),
    timeZone: timeZoneSchema.optional(),
    layers: layersSchema.optional(),
  })
  .strict()
  .refine((p) => Object.entries(p).some(([k, v]) => k !== "version" && v !== undefined), { message: "Nothing to change", path: ["body"] });
export type SchedulePatchInput = z.infer<typeof schedulePatchSchema>;

/** An instant kept to the whole second (iCalendar's precision), as `…Z`. */
const wholeSecond = isoInstant.transform((v) => new Date(Math.floor(Date.parse(v) / 1000) * 1000).toISOString());

export const overrideCreateSchema = z
  .object({
    user: personRefSchema,
    /** ISO instants, kept to the second: a calendar feed cannot say more, and it must agree with `oncall?at=`. */
    start: wholeSecond,
    end: wholeSecond,
  })
  .strict()
  .refine((o) => Date.parse(o.end) > Date.parse(o.start), { message: "Must be after start", path: ["end"] })
  .refine((o) => Date.parse(o.end) - Date.parse(o.start) <= MAX_OVERRIDE_MS, { message: "An override lasts at most 366 days", path: ["end"] });
export type OverrideCreateInput = z.infer<typeof overrideCreateSchema>;

/** `GET …/oncall?at=`: default now. */
export const onCallQuerySchema = z.object({ at: isoInstant.optional() });

/** `GET …/shifts?from=&to=`: the final timeline, at most 100 days. */
export const shiftsQuerySchema = z
  .object({ from: isoInstant, to: isoInstant })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), { message: "Must be after from", path: ["to"] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_SHIFTS_WINDOW_DAYS * DAY, { message: `At most ${MAX_SHIFTS_WINDOW_DAYS} days after from`, path: ["to"] });
export type ShiftsQuery = z.infer<typeof shiftsQuerySchema>;

export const scheduleListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional(),
  /** Only schedules of this team (key). */
  team: z.string().trim().min(1).max(100).optional(),
});
export type ScheduleListQuery = z.infer<typeof scheduleListQuerySchema>;

// ─── Stored ─────────────────────────────────────────────────────────────────

/** `Schedule.layers` as stored: participants are user ids. Checked when read back. */
export const storedLayersSchema = z.array(
  z.object({
    name: z.string().nullish(),
    start: z.string(),
    shift: z.object({ unit: z.enum(SHIFT_UNITS), count: z.number().int().min(1).max(10_000) }),
    participants: z.array(z.string()),
  }),
);
export type StoredLayer = z.infer<typeof storedLayersSchema>[number];

// ─── Wire shapes ────────────────────────────────────────────────────────────


export interface LayerDto {
  name: string | null;
  /** Local wall clock in the schedule's zone. */
  start: string;
  shift: ShiftLength;
  participants: PersonWithEmail[];
}

export interface OverrideDto {
  id: string;
  user: PersonWithEmail;
  start: string;
  end: string;
  createdAt: string;
  createdBy: PersonWithEmail | null;
}

/** `GET …/oncall`: who is on call at `at`. */
export interface OnCallDto {
  at: string;
  users: PersonWithEmail[];
  source: OnCallSource | null;
}

export interface HandoffDto {
  at: string;
  users: PersonWithEmail[];
  source: OnCallSource | null;
}

export interface ScheduleSummaryDto {
  id: string;
  name: string;
  team: { key: string; name: string } | null;
  timeZone: string;
  layers: LayerDto[];
  /** Bumped by every PATCH: send it back with the next one. */
  version: number;
  /** Now, when the answer was made. */
  onCall: OnCallDto;
  /** The next change of who is on call (within 400 days), or null. */
  nextHandoff: HandoffDto | null;
  createdAt: string;
  updatedAt: string;
}

export interface ScheduleDto extends ScheduleSummaryDto {
  /** Overrides that have not ended, and those of the last 30 days, by start. */
  overrides: OverrideDto[];
}

/** One piece of the final schedule (see `finalShifts`). */
export interface ShiftDto {
  start: string;
  end: string;
  user: PersonWithEmail;
  source: OnCallSource;
  /** The layer's index and name (source `layer`). */
  layer: number | null;
  layerName: string | null;
  overrideId: string | null;
}

export interface ShiftsDto {
  from: string;
  to: string;
  timeZone: string;
  items: ShiftDto[];
}

/** A layer's name, or "Layer n" (1-based) when it has none. */
export function layerLabel(layer: { name?: string | null }, index: number): string {
  return layer.name?.trim() || `Layer ${index + 1}`;
}

/** "1 week", "12 hours", "3 days". */
export function describeShift(shift: ShiftLength): string {
  return `${shift.count} ${shift.unit}${shift.count === 1 ? "" : "s"}`;
}

// ─── Cursors: by (name, id) ─────────────────────────────────────────────────

const toBase64Url = (s: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(s)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
const fromBase64Url = (s: string) => new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0)));

export function encodeScheduleCursor(c: { name: string; id: string }): string {
  return toBase64Url(JSON.stringify([c.name, c.id]));
}

export function decodeScheduleCursor(cursor: string): { name: string; id: string } | null {
  try {
    const value: unknown = JSON.parse(fromBase64Url(cursor));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && typeof value[1] === "string") return { name: value[0], id: value[1] };
  } catch {
    // not one of ours
  }
  return null;
}
