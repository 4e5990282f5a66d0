import { describe, expect, it } from "vitest";
import {
  ackSeconds,
  compareBurden,
  coveredMs,
  formatSeconds,
  healthQuerySchema,
  isOutsideWorkingHours,
  median,
  parseClock,
  percentile,
  personBurden,
  teamBurden,
  type Burden,
  type WorkingHours,
} from "./oncall-health";

const at = (iso: string) => new Date(iso);
const nineToFive = (timeZone: string): WorkingHours => ({ timeZone, workdayStart: "09:00", workdayEnd: "17:00" });

describe("isOutsideWorkingHours", () => {
  it.each([
    // [instant (UTC), zone, start, end, outside?, why]
    ["2026-11-24T02:00:00Z", "Europe/Berlin", "09:00", "17:00", true, "Tue 03:00 CET: night"],
    ["2026-11-24T09:00:00Z", "Europe/Berlin", "09:00", "17:00", false, "Tue 10:00 CET"],
    ["2026-11-28T10:00:00Z", "Europe/Berlin", "09:00", "17:00", true, "Sat 11:00 CET: weekend"],
    ["2026-11-29T10:00:00Z", "Europe/Berlin", "09:00", "17:00", true, "Sun 11:00 CET: weekend"],
    // Half-open [start, end): 09:00:00 is in, 17:00:00 is out.
    ["2026-11-24T08:00:00Z", "Europe/Berlin", "09:00", "17:00", false, "Tue 09:00:00 CET: the first instant"],
    ["2026-11-24T07:59:59Z", "Europe/Berlin", "09:00", "17:00", true, "Tue 08:59:59 CET"],
    ["2026-11-24T15:59:59Z", "Europe/Berlin", "09:00", "17:00", false, "Tue 16:59:59 CET"],
    ["2026-11-24T16:00:00Z", "Europe/Berlin", "09:00", "17:00", true, "Tue 17:00:00 CET: the end"],
    // Daylight saving, Europe: the same UTC time is 08:30 or 09:30 depending on the offset of that day.
    ["2026-03-27T07:30:00Z", "Europe/Berlin", "09:00", "17:00", true, "Fri before DST starts: 08:30 CET"],
    ["2026-03-30T07:30:00Z", "Europe/Berlin", "09:00", "17:00", false, "Mon after DST started: 09:30 CEST"],
    ["2026-10-23T07:30:00Z", "Europe/Berlin", "09:00", "17:00", false, "Fri before DST ends: 09:30 CEST"],
    ["2026-10-26T07:30:00Z", "Europe/Berlin", "09:00", "17:00", true, "Mon after DST ended: 08:30 CET"],
    // Daylight saving, United States (a different date than Europe's).
    ["2026-03-06T13:30:00Z", "America/New_York", "09:00", "17:00", true, "Fri 08:30 EST"],
    ["2026-03-09T13:30:00Z", "America/New_York", "09:00", "17:00", false, "Mon 09:30 EDT"],
    // Southern hemisphere: DST ends in April.
    ["2026-04-02T22:30:00Z", "Australia/Sydney", "09:00", "17:00", false, "Fri 09:30 AEDT"],
    ["2026-04-05T22:30:00Z", "Australia/Sydney", "09:00", "17:00", true, "Mon 08:30 AEST"],
    // Their weekday, not UTC's.
    ["2026-11-27T22:00:00Z", "Australia/Sydney", "09:00", "17:00", true, "Friday in UTC, Saturday 09:00 in Sydney"],
    ["2026-11-29T23:00:00Z", "Australia/Sydney", "09:00", "17:00", false, "Sunday in UTC, Monday 10:00 in Sydney"],
    // Their own hours, in a half-hour zone.
    ["2026-11-24T12:45:00Z", "Asia/Kolkata", "10:00", "18:30", false, "Tue 18:15 IST, working until 18:30"],
    ["2026-11-24T13:00:00Z", "Asia/Kolkata", "10:00", "18:30", true, "Tue 18:30 IST: the end"],
    ["2026-11-24T04:15:00Z", "Asia/Kolkata", "10:00", "18:30", true, "Tue 09:45 IST: before their start"],
    // Working hours across midnight.
    ["2026-11-24T01:00:00Z", "Europe/Berlin", "22:00", "06:00", false, "Tue 02:00 CET on a night shift"],
    ["2026-11-24T21:30:00Z", "Europe/Berlin", "22:00", "06:00", false, "Tue 22:30 CET on a night shift"],
    ["2026-11-24T11:00:00Z", "Europe/Berlin", "22:00", "06:00", true, "Tue 12:00 CET on a night shift"],
    ["2026-11-24T23:00:00Z", "Europe/Berlin", "00:00", "24:00", false, "a whole working day: Wed 00:00"],
    ["2026-11-24T11:00:00Z", "Europe/Berlin", "12:00", "12:00", true, "no working hours at all"],
  ])("%s in %s (%s–%s) → outside %s (%s)", (iso, zone, start, end, outside) => {
    expect(isOutsideWorkingHours(at(iso), { timeZone: zone, workdayStart: start, workdayEnd: end })).toBe(outside);
  });

  it("reads an unknown zone as UTC and unreadable hours as 09:00–17:00", () => {
    expect(isOutsideWorkingHours(at("2026-11-24T10:00:00Z"), nineToFive("Mars/Olympus"))).toBe(false);
    expect(isOutsideWorkingHours(at("2026-11-24T18:00:00Z"), nineToFive("Mars/Olympus"))).toBe(true);
    expect(isOutsideWorkingHours(at("2026-11-24T10:00:00Z"), { timeZone: "UTC", workdayStart: "9am", workdayEnd: "5pm" })).toBe(false);
    expect(isOutsideWorkingHours(at("2026-11-24T08:00:00Z"), { timeZone: "UTC", workdayStart: "9am", workdayEnd: "5pm" })).toBe(true);
  });
});

describe("parseClock", () => {
  it.each([
    ["09:00", 540],
    ["18:30", 1110],
    ["00:00", 0],
    ["24:00", 1440],
    ["24:30", null],
    ["9:00", null],
    ["12:60", null],
    ["", null],
  ])("%s → %s", (v, minutes) => expect(parseClock(v)).toBe(minutes));
});

describe("median and p90", () => {
  it.each([
    [[], null, null],
    [[42], 42, 42],
    [[60, 120], 90, 120],
    [[300, 60, 120], 120, 300],
    // 1..10: median 5.5; p90 is the 9th smallest (nearest rank ⌈0.9 × 10⌉ = 9).
    [[10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 5.5, 9],
    // 11 values: p90 rank ⌈9.9⌉ = 10.
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1000], 6, 10],
    // 20 values: p90 rank 18.
    [Array.from({ length: 20 }, (_, i) => (i + 1) * 60), 630, 1080],
  ])("%j → median %s, p90 %s", (values, med, p90) => {
    expect(median(values)).toBe(med);
    expect(percentile(values, 90)).toBe(p90);
  });

  it("does not reorder its input", () => {
    const values = [3, 1, 2];
    median(values);
    percentile(values, 90);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe("ackSeconds", () => {
  it("counts whole seconds to a human acknowledgement, leaving out unanswered pages and those acknowledged the instant they were made", () => {
    const t = at("2026-11-24T02:00:00Z");
    const plus = (s: number) => new Date(t.getTime() + s * 1000);
    expect(
      ackSeconds([
        { createdAt: t, acknowledgedAt: plus(240) },
        { createdAt: t, acknowledgedAt: plus(90.4) },
        { createdAt: t, acknowledgedAt: null },
        { createdAt: t, acknowledgedAt: t },
      ]),
    ).toEqual([240, 90]);
  });
});

describe("coveredMs", () => {
  const H = 3600_000;
  const from = at("2026-11-01T00:00:00Z");
  const to = at("2026-11-08T00:00:00Z");
  const iv = (s: string, e: string) => ({ start: at(s), end: at(e) });
  it.each([
    ["nothing", [], 0],
    ["one shift inside", [iv("2026-11-02T09:00:00Z", "2026-11-03T09:00:00Z")], 24 * H],
    ["a shift that began before the window is clipped", [iv("2026-10-30T09:00:00Z", "2026-11-01T09:00:00Z")], 9 * H],
    ["a shift that ends after the window is clipped", [iv("2026-11-07T12:00:00Z", "2026-11-14T12:00:00Z")], 12 * H],
    ["a shift wider than the window is the window", [iv("2026-10-01T00:00:00Z", "2026-12-01T00:00:00Z")], 7 * 24 * H],
    ["outside the window", [iv("2026-10-01T00:00:00Z", "2026-10-02T00:00:00Z")], 0],
    [
      "overlapping shifts on two schedules count once",
      [iv("2026-11-02T00:00:00Z", "2026-11-02T12:00:00Z"), iv("2026-11-02T06:00:00Z", "2026-11-02T18:00:00Z")],
      18 * H,
    ],
    [
      "back-to-back and nested shifts",
      [iv("2026-11-03T00:00:00Z", "2026-11-03T10:00:00Z"), iv("2026-11-03T10:00:00Z", "2026-11-03T12:00:00Z"), iv("2026-11-03T01:00:00Z", "2026-11-03T02:00:00Z")],
      12 * H,
    ],
  ])("%s", (_, intervals, ms) => expect(coveredMs(intervals, from, to)).toBe(ms));
});

describe("personBurden and teamBurden", () => {
  const from = at("2026-11-02T00:00:00Z"); // a Monday
  const to = at("2026-11-09T00:00:00Z");
  const berlin = nineToFive("Europe/Berlin");
  const page = (iso: string, ackAfterSeconds: number | null) => ({
    createdAt: at(iso),
    acknowledgedAt: ackAfterSeconds === null ? null : new Date(at(iso).getTime() + ackAfterSeconds * 1000),
  });

  it("counts a Berlin person's pages in the window, those outside their hours, acknowledgements and hours on call", () => {
    const b = personBurden({
      pages: [
        page("2026-11-03T02:00:00Z", 240), // Tue 03:00: outside
        page("2026-11-03T09:00:00Z", 60), // Tue 10:00: inside
        page("2026-11-07T10:00:00Z", 600), // Sat: outside
        page("2026-11-04T12:00:00Z", null), // Wed 13:00: nobody answered
        page("2026-11-01T12:00:00Z", 5), // before the window: not counted
      ],
      hours: berlin,
      onCall: [{ start: at("2026-11-02T08:00:00Z"), end: at("2026-11-09T08:00:00Z") }],
      from,
      to,
    });
    expect(b).toMatchObject({ pages: 4, pagesOutsideHours: 2, acknowledged: 3, medianAckSeconds: 240, p90AckSeconds: 600, hoursOnCall: 160 });
  });

  it("pools a team's acknowledgement times instead of taking a median of medians", () => {
    const one = personBurden({ pages: [page("2026-11-03T09:00:00Z", 10)], hours: berlin, onCall: [], from, to });
    const other = personBurden({
      pages: [page("2026-11-03T09:00:00Z", 100), page("2026-11-03T10:00:00Z", 200), page("2026-11-03T02:00:00Z", 300)],
      hours: berlin,
      onCall: [{ start: at("2026-11-03T00:00:00Z"), end: at("2026-11-03T01:30:00Z") }],
      from,
      to,
    });
    // Median of medians would be (10 + 200) / 2 = 105; pooled [10, 100, 200, 300] → 150.
    expect(teamBurden([one, other])).toEqual({ pages: 4, pagesOutsideHours: 1, acknowledged: 4, medianAckSeconds: 150, p90AckSeconds: 300, hoursOnCall: 1.5 });
    expect(teamBurden([])).toEqual({ pages: 0, pagesOutsideHours: 0, acknowledged: 0, medianAckSeconds: null, p90AckSeconds: null, hoursOnCall: 0 });
  });
});

describe("compareBurden", () => {
  const b = (pagesOutsideHours: number, pages: number, hoursOnCall: number, p90AckSeconds: number | null): Burden => ({
    pages,
    pagesOutsideHours,
    acknowledged: 0,
    medianAckSeconds: null,
    p90AckSeconds,
    hoursOnCall,
  });
  it("puts the worst burden first: nights and weekends, then pages, then hours on call, then slow answers", () => {
    const rows = { calm: b(0, 0, 0, null), busyDay: b(0, 9, 40, 60), oneNight: b(1, 1, 0, 60), twoNights: b(2, 2, 10, 60), slow: b(0, 9, 40, 900), longWeek: b(0, 9, 168, 60) };
    const sorted = Object.entries(rows).sort(([, x], [, y]) => compareBurden(x, y)).map(([k]) => k);
    expect(sorted).toEqual(["twoNights", "oneNight", "longWeek", "slow", "busyDay", "calm"]);
  });
});

describe("healthQuerySchema", () => {
  it("defaults to 30 days and takes 1 to 90", () => {
    expect(healthQuerySchema.parse({})).toEqual({ days: 30 });
    expect(healthQuerySchema.parse({ days: "7", team: "Payments" })).toEqual({ days: 7, team: "payments" });
    expect(healthQuerySchema.safeParse({ days: "91" }).success).toBe(false);
    expect(healthQuerySchema.safeParse({ days: "0" }).success).toBe(false);
    expect(healthQuerySchema.safeParse({ days: "7.5" }).success).toBe(false);
  });
});

describe("formatSeconds", () => {
  it.each([
    [null, "—"],
    [45, "45 s"],
    [60, "1 min"],
    [250, "4 min 10 s"],
    [3900, "1 h 5 min"],
    [7200, "2 h"],
  ])("%s → %s", (s, text) => expect(formatSeconds(s)).toBe(text));
});
