// On-call rotation math: who is on call at an instant, the final timeline of a
// schedule (layers and overrides resolved), and the next handoff. Pure, no I/O.
//
// The rule (../shared/API.md "Services and on-call"), exactly:
// - participant 0 holds the shift that begins at the layer's `start`, a local
//   wall-clock time in the schedule's IANA zone; handoffs fall at
//   `start + k × shift` on the local wall clock, so a 09:00 handoff stays at
//   09:00 local on both sides of a daylight-saving change;
// - a handoff at a local time that does not exist (spring forward) happens at
//   the transition instant; one at a repeated local time (fall back) at its
//   first occurrence;
// - a layer has no shifts before its start; where several layers have a shift,
//   the later layer in the list wins;
// - overrides beat every layer; among overlapping overrides the one created
//   last wins;
// - intervals are half-open: the handoff instant belongs to the new shift.
//
// Zone offsets come from luxon (the IANA database through Intl), never from
// hand-written offsets. Wall-clock arithmetic happens on a zone-free timeline
// (the wall clock read as if it were UTC), where an hour, a day and a week
// always have the same length; only turning a wall-clock time into an instant
// asks the zone, and that is where the two DST rules above apply.
import { DateTime, IANAZone } from "luxon";

export const SHIFT_UNITS = ["hour", "day", "week"] as const;
export type ShiftUnit = (typeof SHIFT_UNITS)[number];

export interface ShiftLength {
  unit: ShiftUnit;
  count: number;
}

export interface Layer {
  name?: string | null;
  /** Local wall-clock `YYYY-MM-DDTHH:mm` in the schedule's zone: when participant 0's first shift begins. */
  start: string;
  shift: ShiftLength;
  /** In rotation order: user ids when stored; any opaque string to this module. */
  participants: string[];
}

/** What the rotation math needs of a schedule. */
export interface ScheduleRotation {
  /** IANA zone, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** In priority order: a later layer beats an earlier one. */
  layers: Layer[];
}

/** Someone covers `[start, end)` instead of whoever the layers say. */
export interface Override {
  id: string;
  user: string;
  start: Date;
  end: Date;
  /** Among overlapping overrides the one created last wins (ties: the later one in the list). */
  createdAt: Date;
}

export type OnCallSource = "layer" | "override";

export interface OnCall {
  users: string[];
  source: OnCallSource | null;
  /** The winning layer's index (source `layer`). */
  layer: number | null;
  /** The shift number k within that layer (participant `k mod n`). */
  shift: number | null;
  /** The winning override (source `override`). */
  overrideId: string | null;
}

/** One piece of the final timeline: one person, one origin (a layer's shift or an override), `[start, end)`. */
export interface FinalShift {
  start: Date;
  end: Date;
  user: string;
  source: OnCallSource;
  layer: number | null;
  shift: number | null;
  overrideId: string | null;
}

export interface Handoff {
  /** When the people on call change. */
  at: Date;
  /** Who takes over (empty: nobody is on call from then). */
  users: string[];
  source: OnCallSource | null;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const UNIT_MS: Record<ShiftUnit, number> = { hour: HOUR, day: DAY, week: 7 * DAY };
/** The longest shift we accept: a year and a day. */
export const MAX_SHIFT_MS = 366 * DAY;
const WALL_CLOCK_FORMAT = "yyyy-MM-dd'T'HH:mm";

// ─── Zones and wall clocks ──────────────────────────────────────────────────

/** True for a zone name the IANA database knows (`Europe/Berlin`, `UTC`), any case. */
export function isValidTimeZone(name: string): boolean {
  return typeof name === "string" && name.length > 0 && IANAZone.isValidZone(name);
}

/** The canonical spelling of a zone (`europe/berlin` → `Europe/Berlin`), or null if unknown. */
export function canonicalTimeZone(name: string): string | null {
  if (!isValidTimeZone(name)) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** A wall-clock `YYYY-MM-DDTHH:mm` as milliseconds on the zone-free timeline, or null if it is no such date-time. */
export function parseWallClock(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const dt = DateTime.fromFormat(value, WALL_CLOCK_FORMAT, { zone: "utc" });
  // Round-trip, so that 24:00 or 2026-02-30 is refused rather than rolled over.
  return dt.isValid && dt.toFormat(WALL_CLOCK_FORMAT) === value ? dt.toMillis() : null;
}

/** The inverse of `parseWallClock`. */
export function formatWallClock(wall: number): string {
  return DateTime.fromMillis(wall, { zone: "utc" }).toFormat(WALL_CLOCK_FORMAT);
}

/** The length of a shift on the wall clock, in milliseconds. */
export function shiftMs(shift: ShiftLength): number {
  return UNIT_MS[shift.unit] * shift.count;
}

function zoneOf(name: string): IANAZone {
  const zone = IANAZone.create(name);
  if (!zone.isValid) throw new RangeError(`Unknown time zone: ${name}`);
  return zone;
}

/** The wall clock an instant shows in a zone, on the zone-free timeline. */
function wallOf(instant: number, zone: IANAZone): number {
  return instant + zone.offset(instant) * MINUTE;
}

/**
 * The instant a local wall-clock time names in a zone. A time that happens
 * twice (fall back) names its first occurrence; a time that never happens
 * (spring forward) names the transition instant, when the clock jumps past it.
 */
function instantOfWall(wall: number, zone: IANAZone): number {
  // The offsets in force a day either side cover any real transition.
  const before = zone.offset(wall - DAY);
  const after = zone.offset(wall + DAY);
  const readings = [...new Set([before, after])]
    .map((offset) => wall - offset * MINUTE)
    .filter((instant) => wallOf(instant, zone) === wall);
  if (readings.length > 0) return Math.min(...readings);
  // Skipped: reading the wall time with each offset lands on either side of the
  // transition. Find the first instant on the new side (to the millisecond).
  let lo = Math.min(wall - before * MINUTE, wall - after * MINUTE);
  let hi = Math.max(wall - before * MINUTE, wall - after * MINUTE);
  const oldOffset = zone.offset(lo);
  if (zone.offset(hi) === oldOffset) return hi;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offset(mid) === oldOffset) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The instant a wall-clock `YYYY-MM-DDTHH:mm` names in a zone, by the rule above. */
export function wallClockToInstant(wallClock: string, timeZone: string): Date {
  const wall = parseWallClock(wallClock);
  if (wall === null) throw new RangeError(`Not a wall-clock date-time: ${wallClock}`);
  return new Date(instantOfWall(wall, zoneOf(timeZone)));
}

/** The wall clock (`YYYY-MM-DDTHH:mm`) an instant shows in a zone. */
export function instantToWallClock(at: Date, timeZone: string): string {
  return formatWallClock(Math.floor(wallOf(at.getTime(), zoneOf(timeZone)) / MINUTE) * MINUTE);
}

// ─── Layers ─────────────────────────────────────────────────────────────────

/** A layer ready for arithmetic: its start on the zone-free timeline, its step, its handoffs memoized. */
class Rotation {
  private readonly handoffs = new Map<number, number>();
  constructor(
    readonly index: number,
    readonly participants: string[],
    private readonly wall0: number,
    private readonly step: number,
    private readonly zone: IANAZone,
  ) {}

  /** The instant of handoff k: shift k (participant `k mod n`) begins here. */
  handoff(k: number): number {
    let at = this.handoffs.get(k);
    if (at === undefined) {
      at = instantOfWall(this.wall0 + k * this.step, this.zone);
      this.handoffs.set(k, at);
    }
    return at;
  }

  get start(): number {
    return this.handoff(0);
  }

  /** The shift that holds `t` (the last handoff at or before it), or null before the start. */
  shiftAt(t: number): number | null {
    if (t < this.start) return null;
    // The wall clock is linear in k; DST only moves a handoff by the size of a
    // transition, so the estimate is off by at most one in either direction.
    let k = Math.floor((wallOf(t, this.zone) - this.wall0) / this.step);
    while (k > 0 && this.handoff(k) > t) k -= 1;
    while (this.handoff(k + 1) <= t) k += 1;
    return k;
  }

  userOf(k: number): string {
    return this.participants[k % this.participants.length]!;
  }
}

type Holder =
  | { kind: "layer"; user: string; rotation: Rotation; shift: number }
  | { kind: "override"; user: string; override: Override };

const holderKey = (h: Holder | null) => (h === null ? "" : h.kind === "layer" ? `L${h.rotation.index}:${h.shift}` : `O${h.override.id}`);

/** A schedule prepared for questions: valid layers as rotations, overrides in creation order. */
class Resolver {
  readonly rotations: Rotation[];
  /** Oldest first: the last one that covers an instant wins. */
  readonly overrides: Override[];

  constructor(schedule: ScheduleRotation, overrides: readonly Override[]) {
    const zone = zoneOf(schedule.timeZone);
    this.rotations = [];
    schedule.layers.forEach((layer, index) => {
      const wall0 = parseWallClock(layer.start);
      const step = shiftMs(layer.shift);
      // A layer nobody is in, or one no schema would have let through, holds no shifts.
      if (wall0 === null || layer.participants.length === 0 || !(step > 0) || !Number.isInteger(layer.shift.count)) return;
      this.rotations.push(new Rotation(index, layer.participants, wall0, step, zone));
    });
    this.overrides = overrides
      .map((o, i) => ({ o, i }))
      .filter(({ o }) => o.end.getTime() > o.start.getTime())
      .sort((a, b) => a.o.createdAt.getTime() - b.o.createdAt.getTime() || a.i - b.i)
      .map(({ o }) => o);
  }

  holderAt(t: number): Holder | null {
    for (let i = this.overrides.length - 1; i >= 0; i -= 1) {
      const o = this.overrides[i]!;
      if (o.start.getTime() <= t && t < o.end.getTime()) return { kind: "override", user: o.user, override: o };
    }
    for (let i = this.rotations.length - 1; i >= 0; i -= 1) {
      const rotation = this.rotations[i]!;
      const shift = rotation.shiftAt(t);
      if (shift !== null) return { kind: "layer", user: rotation.userOf(shift), rotation, shift };
    }
    return null;
  }

  /**
   * The instants at which the holder could stop holding: while it holds, the
   * state can change nowhere else. An override yields to later overrides only;
   * a layer's shift ends at its next handoff, or yields to a later layer's
   * start or to any override.
   */
  private boundariesOf(h: Holder): { lower: number; upper: number; points: number[] } {
    const overridePoints = this.overrides.flatMap((o) => [o.start.getTime(), o.end.getTime()]);
    if (h.kind === "override") return { lower: h.override.start.getTime(), upper: h.override.end.getTime(), points: overridePoints };
    const later = this.rotations.filter((r) => r.index > h.rotation.index).map((r) => r.start);
    const lower = h.rotation.handoff(h.shift);
    const upper = h.rotation.handoff(h.shift + 1);
    return { lower, upper, points: [lower, upper, ...later, ...overridePoints] };
  }

  /** Where the holder at `t` took over (walking back while nothing changes). */
  segmentStart(h: Holder, t: number): number {
    const { lower, points } = this.boundariesOf(h);
    const key = holderKey(h);
    let start = t;
    for (;;) {
      const earlier = points.filter((p) => p >= lower && p < start);
      if (earlier.length === 0) return start;
      const candidate = Math.max(...earlier);
      if (holderKey(this.holderAt(candidate)) !== key) return start;
      start = candidate;
    }
  }

  /** Where the holder at `t` hands over (walking forward while nothing changes). */
  segmentEnd(h: Holder, t: number): number {
    const { upper, points } = this.boundariesOf(h);
    const key = holderKey(h);
    let end = t;
    for (;;) {
      const later = points.filter((p) => p > end && p <= upper);
      if (later.length === 0) return upper;
      end = Math.min(...later);
      if (holderKey(this.holderAt(end)) !== key) return end;
    }
  }

  /** Every instant in `(from, to)` at which the final schedule may change. */
  boundariesIn(from: number, to: number): number[] {
    const points = new Set<number>();
    for (const rotation of this.rotations) {
      const first = rotation.shiftAt(from);
      for (let k = first === null ? 0 : first + 1; ; k += 1) {
        const at = rotation.handoff(k);
        if (at >= to) break;
        if (at > from) points.add(at);
      }
    }
    for (const o of this.overrides) {
      for (const at of [o.start.getTime(), o.end.getTime()]) if (at > from && at < to) points.add(at);
    }
    return [...points].sort((a, b) => a - b);
  }

  /** The first instant after `t` at which anybody comes on call (when nobody is). */
  nextStartAfter(t: number): number | null {
    const starts = [...this.rotations.map((r) => r.start), ...this.overrides.map((o) => o.start.getTime())].filter((s) => s > t);
    return starts.length ? Math.min(...starts) : null;
  }
}

function onCallOf(h: Holder | null): OnCall {
  if (!h) return { users: [], source: null, layer: null, shift: null, overrideId: null };
  return h.kind === "layer"
    ? { users: [h.user], source: "layer", layer: h.rotation.index, shift: h.shift, overrideId: null }
    : { users: [h.user], source: "override", layer: null, shift: null, overrideId: h.override.id };
}

function finalShiftOf(h: Holder, start: number, end: number): FinalShift {
  const { users, source, layer, shift, overrideId } = onCallOf(h);
  return { start: new Date(start), end: new Date(end), user: users[0]!, source: source!, layer, shift, overrideId };
}

// ─── Questions ──────────────────────────────────────────────────────────────

/** Who is on call at an instant, and why (the winning override, or layer and shift). */
export function onCallAt(schedule: ScheduleRotation, overrides: readonly Override[], at: Date): OnCall {
  return onCallOf(new Resolver(schedule, overrides).holderAt(at.getTime()));
}

/**
 * The final schedule over `[from, to)`: consecutive segments, each one person
 * from one origin (one shift of one layer, or one override), in time order,
 * without gaps between them except where nobody is on call. Segments keep
 * their true bounds: one that began before `from` or ends after `to` is
 * returned whole, so a calendar event is the same whatever window asked for it.
 * A shift an override covers entirely is absent; one it covers in part appears
 * as the pieces around the override.
 */
export function finalShifts(schedule: ScheduleRotation, overrides: readonly Override[], from: Date, to: Date): FinalShift[] {
  const resolver = new Resolver(schedule, overrides);
  const start = from.getTime();
  const end = to.getTime();
  if (!(end > start)) return [];
  const segments: { holder: Holder; start: number; end: number }[] = [];
  const points = [start, ...resolver.boundariesIn(start, end)];
  points.forEach((at, i) => {
    const until = points[i + 1] ?? end;
    const holder = resolver.holderAt(at);
    if (!holder) return;
    const last = segments[segments.length - 1];
    if (last && last.end === at && holderKey(last.holder) === holderKey(holder)) last.end = until;
    else segments.push({ holder, start: at, end: until });
  });
  const first = segments[0];
  if (first && first.start === start) first.start = resolver.segmentStart(first.holder, start);
  const last = segments[segments.length - 1];
  if (last && last.end === end) last.end = resolver.segmentEnd(last.holder, end - 1);
  return segments.map((s) => finalShiftOf(s.holder, s.start, s.end));
}

/**
 * The next time the people on call change after `after` (a handoff to the same
 * person, or an override by the person already on call, is no change), looking
 * up to `horizonMs` ahead (default 400 days). Null when nothing changes in that
 * time, e.g. a rotation of one.
 */
export function nextHandoff(
  schedule: ScheduleRotation,
  overrides: readonly Override[],
  after: Date,
  horizonMs = 400 * DAY,
): Handoff | null {
  const resolver = new Resolver(schedule, overrides);
  const limit = after.getTime() + horizonMs;
  let t = after.getTime();
  let holder = resolver.holderAt(t);
  const current = holder?.user ?? null;
  for (let steps = 0; steps < 100_000 && t <= limit; steps += 1) {
    const next = holder ? resolver.segmentEnd(holder, t) : resolver.nextStartAfter(t);
    if (next === null || next > limit) return null;
    t = next;
    holder = resolver.holderAt(t);
    if ((holder?.user ?? null) !== current) {
      const { users, source } = onCallOf(holder);
      return { at: new Date(t), users, source };
    }
  }
  return null;
}

/** One layer's own shifts overlapping `[from, to)` (zero-length ones left out), as if it were the only layer. */
export function layerShifts(
  schedule: ScheduleRotation,
  layerIndex: number,
  from: Date,
  to: Date,
): { start: Date; end: Date; user: string; shift: number }[] {
  const rotation = new Resolver({ timeZone: schedule.timeZone, layers: schedule.layers }, []).rotations.find((r) => r.index === layerIndex);
  if (!rotation) return [];
  const out: { start: Date; end: Date; user: string; shift: number }[] = [];
  for (let k = rotation.shiftAt(from.getTime()) ?? 0; rotation.handoff(k) < to.getTime(); k += 1) {
    const start = rotation.handoff(k);
    const end = rotation.handoff(k + 1);
    if (end > start && end > from.getTime()) out.push({ start: new Date(start), end: new Date(end), user: rotation.userOf(k), shift: k });
  }
  return out;
}
