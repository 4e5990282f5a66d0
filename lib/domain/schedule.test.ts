import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  canonicalTimeZone,
  finalShifts,
  instantToWallClock,
  isValidTimeZone,
  layerShifts,
  nextHandoff,
  onCallAt,
  parseWallClock,
  wallClockToInstant,
  type Layer,
  type Override,
  type ScheduleRotation,
} from "./schedule";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const at = (iso: string) => new Date(iso);
const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

function layer(start: string, unit: Layer["shift"]["unit"], count: number, participants: string[], name?: string): Layer {
  return { name, start, shift: { unit, count }, participants };
}

let overrideSeq = 0;
function override(user: string, start: string, end: string, createdAt = `2026-01-01T00:00:${String(overrideSeq % 60).padStart(2, "0")}Z`): Override {
  overrideSeq += 1;
  return { id: `o${overrideSeq}`, user, start: at(start), end: at(end), createdAt: at(createdAt) };
}

const who = (schedule: ScheduleRotation, instant: string, overrides: Override[] = []) => {
  const r = onCallAt(schedule, overrides, at(instant));
  return r.users[0] ?? null;
};

/** Vectors: [what, instant (UTC), expected person or null]. */
type Vector = [string, string, string | null];

function checkVectors(schedule: ScheduleRotation, vectors: Vector[], overrides: Override[] = []) {
  for (const [what, instant, expected] of vectors) {
    expect(who(schedule, instant, overrides), `${what} (${instant})`).toBe(expected);
  }
}

// ─── Zones and wall clocks ──────────────────────────────────────────────────

describe("time zones", () => {
  it.each([
    ["Europe/Berlin", true],
    ["America/Chicago", true],
    ["UTC", true],
    ["Mars/Olympus", false],
    ["", false],
    ["+02:00", false],
  ])("%s is valid: %s", (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });

  it("canonicalizes the spelling of a zone", () => {
    expect(canonicalTimeZone("europe/berlin")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("America/Chicago")).toBe("America/Chicago");
    expect(canonicalTimeZone("Nowhere/Land")).toBeNull();
  });

  it.each(["2026-02-30T09:00", "2026-13-01T09:00", "2026-01-01T24:00", "2026-01-01 09:00", "2026-01-01T09:00Z", "2026-01-01T09:00:00", "tomorrow"])(
    "refuses the wall clock %s",
    (value) => {
      expect(parseWallClock(value)).toBeNull();
    },
  );
});

describe("wall clock to instant", () => {
  it.each<[string, string, string, string]>([
    ["ordinary winter time", "Europe/Berlin", "2026-01-15T09:00", "2026-01-15T08:00:00.000Z"],
    ["ordinary summer time", "Europe/Berlin", "2026-07-15T09:00", "2026-07-15T07:00:00.000Z"],
    // Spring forward: 02:00 → 03:00. Times in between do not exist: the transition instant.
    ["Berlin 02:30 on the spring-forward day (does not exist)", "Europe/Berlin", "2026-03-29T02:30", "2026-03-29T01:00:00.000Z"],
    ["Berlin 02:00 on the spring-forward day (does not exist)", "Europe/Berlin", "2026-03-29T02:00", "2026-03-29T01:00:00.000Z"],
    ["Berlin 03:00 on the spring-forward day (the same instant)", "Europe/Berlin", "2026-03-29T03:00", "2026-03-29T01:00:00.000Z"],
    ["Berlin 01:59 on the spring-forward day", "Europe/Berlin", "2026-03-29T01:59", "2026-03-29T00:59:00.000Z"],
    ["Chicago 02:30 on the spring-forward day (does not exist)", "America/Chicago", "2026-03-08T02:30", "2026-03-08T08:00:00.000Z"],
    ["Chicago 02:30 on the spring-forward day of API.md's example", "America/Chicago", "2020-03-08T02:30", "2020-03-08T08:00:00.000Z"],
    // Fall back: 03:00 → 02:00 (Berlin), 02:00 → 01:00 (Chicago). Repeated times: the first occurrence.
    ["Berlin 02:30 on the fall-back day (twice: first, summer time)", "Europe/Berlin", "2026-10-25T02:30", "2026-10-25T00:30:00.000Z"],
    ["Berlin 02:00 on the fall-back day (twice: first)", "Europe/Berlin", "2026-10-25T02:00", "2026-10-25T00:00:00.000Z"],
    ["Berlin 03:00 on the fall-back day (once)", "Europe/Berlin", "2026-10-25T03:00", "2026-10-25T02:00:00.000Z"],
    ["Chicago 01:30 on the fall-back day (twice: first, CDT)", "America/Chicago", "2026-11-01T01:30", "2026-11-01T06:30:00.000Z"],
    ["Chicago 02:00 on the fall-back day (once, CST)", "America/Chicago", "2026-11-01T02:00", "2026-11-01T08:00:00.000Z"],
    ["a zone that moves by 30 minutes (Lord Howe, spring forward)", "Australia/Lord_Howe", "2026-10-04T02:15", "2026-10-03T15:30:00.000Z"],
  ])("%s", (_what, zone, wall, expected) => {
    expect(wallClockToInstant(wall, zone).toISOString()).toBe(expected);
  });

  it("reads an instant back as its wall clock", () => {
    expect(instantToWallClock(at("2026-10-25T00:30:00Z"), "Europe/Berlin")).toBe("2026-10-25T02:30");
    expect(instantToWallClock(at("2026-10-25T01:30:00Z"), "Europe/Berlin")).toBe("2026-10-25T02:30");
    expect(instantToWallClock(at("2026-03-08T08:00:00Z"), "America/Chicago")).toBe("2026-03-08T03:00");
  });
});

// ─── One layer ──────────────────────────────────────────────────────────────

describe("a weekly rotation in UTC: shift boundaries", () => {
  const schedule: ScheduleRotation = { timeZone: "UTC", layers: [layer("2026-01-05T09:00", "week", 1, ["ana", "ben", "cy"])] };

  it("answers at, just before and just after each handoff", () => {
    checkVectors(schedule, [
      ["before the layer starts", "2026-01-05T08:59:59.999Z", null],
      ["exactly at the start: participant 0", "2026-01-05T09:00:00.000Z", "ana"],
      ["inside the first shift", "2026-01-08T23:00:00.000Z", "ana"],
      ["one ms before the first handoff", "2026-01-12T08:59:59.999Z", "ana"],
      ["exactly at the handoff: the new shift", "2026-01-12T09:00:00.000Z", "ben"],
      ["third shift", "2026-01-19T09:00:00.000Z", "cy"],
      ["wraps around to participant 0", "2026-01-26T09:00:00.000Z", "ana"],
      ["long after: shift 100 is participant 100 mod 3 = 1", new Date(Date.parse("2026-01-05T09:00:00Z") + 100 * 7 * DAY + HOUR).toISOString(), "ben"],
    ]);
  });

  it("says which layer and shift", () => {
    expect(onCallAt(schedule, [], at("2026-01-19T10:00:00Z"))).toEqual({ users: ["cy"], source: "layer", layer: 0, shift: 2, overrideId: null });
    expect(onCallAt(schedule, [], at("2026-01-01T00:00:00Z"))).toEqual({ users: [], source: null, layer: null, shift: null, overrideId: null });
  });
});

describe("hourly and daily rotations", () => {
  it.each<[string, Layer, Vector[]]>([
    [
      "12-hour shifts",
      layer("2026-06-01T08:00", "hour", 12, ["day", "night"]),
      [
        ["08:00 day shift", "2026-06-01T08:00:00Z", "day"],
        ["19:59 still day", "2026-06-01T19:59:59Z", "day"],
        ["20:00 night shift", "2026-06-01T20:00:00Z", "night"],
        ["next morning", "2026-06-02T08:00:00Z", "day"],
      ],
    ],
    [
      "3-day shifts",
      layer("2026-06-01T00:00", "day", 3, ["a", "b"]),
      [
        ["day 0", "2026-06-01T00:00:00Z", "a"],
        ["day 2, last minute", "2026-06-03T23:59:00Z", "a"],
        ["day 3", "2026-06-04T00:00:00Z", "b"],
        ["day 6", "2026-06-07T00:00:00Z", "a"],
      ],
    ],
    [
      "a rotation of one",
      layer("2026-06-01T00:00", "week", 2, ["solo"]),
      [
        ["start", "2026-06-01T00:00:00Z", "solo"],
        ["a year later", "2027-06-01T00:00:00Z", "solo"],
      ],
    ],
  ])("%s", (_what, l, vectors) => {
    checkVectors({ timeZone: "UTC", layers: [l] }, vectors);
  });
});

// ─── Daylight saving ────────────────────────────────────────────────────────

describe("daylight saving: handoffs stay on the local wall clock", () => {
  it.each<[string, ScheduleRotation, Vector[]]>([
    [
      "Europe/Berlin daily 09:00 across spring forward (29 Mar 2026): 08:00Z before, 07:00Z after",
      { timeZone: "Europe/Berlin", layers: [layer("2026-03-27T09:00", "day", 1, ["a", "b", "c"])] },
      [
        ["Fri 09:00 CET", "2026-03-27T08:00:00Z", "a"],
        ["Sat 09:00 CET", "2026-03-28T08:00:00Z", "b"],
        ["Sun 08:59 CEST, still b", "2026-03-29T06:59:59Z", "b"],
        ["Sun 09:00 CEST", "2026-03-29T07:00:00Z", "c"],
        ["Sun 09:00 CET would be later: c already", "2026-03-29T08:00:00Z", "c"],
        ["Mon 08:59 CEST", "2026-03-30T06:59:00Z", "c"],
        ["Mon 09:00 CEST", "2026-03-30T07:00:00Z", "a"],
      ],
    ],
    [
      "Europe/Berlin daily 09:00 across fall back (25 Oct 2026): 07:00Z before, 08:00Z after",
      { timeZone: "Europe/Berlin", layers: [layer("2026-10-24T09:00", "day", 1, ["a", "b"])] },
      [
        ["Sat 09:00 CEST", "2026-10-24T07:00:00Z", "a"],
        ["Sun 08:30 CET: a's 25-hour shift", "2026-10-25T07:30:00Z", "a"],
        ["Sun 09:00 CET", "2026-10-25T08:00:00Z", "b"],
        ["Mon 09:00 CET", "2026-10-26T08:00:00Z", "a"],
      ],
    ],
    [
      "America/Chicago weekly Monday 09:00 across spring forward (8 Mar 2026): 15:00Z before, 14:00Z after",
      { timeZone: "America/Chicago", layers: [layer("2026-03-02T09:00", "week", 1, ["a", "b"])] },
      [
        ["Mon 2 Mar 09:00 CST", "2026-03-02T15:00:00Z", "a"],
        ["Mon 9 Mar 08:59 CDT", "2026-03-09T13:59:00Z", "a"],
        ["Mon 9 Mar 09:00 CDT", "2026-03-09T14:00:00Z", "b"],
        ["Mon 16 Mar 09:00 CDT", "2026-03-16T14:00:00Z", "a"],
      ],
    ],
    [
      "America/Chicago weekly Monday 09:00 across fall back (1 Nov 2026): 14:00Z before, 15:00Z after",
      { timeZone: "America/Chicago", layers: [layer("2026-10-26T09:00", "week", 1, ["a", "b"])] },
      [
        ["Mon 26 Oct 09:00 CDT", "2026-10-26T14:00:00Z", "a"],
        ["Mon 2 Nov 08:59 CST", "2026-11-02T14:59:00Z", "a"],
        ["Mon 2 Nov 09:00 CST", "2026-11-02T15:00:00Z", "b"],
      ],
    ],
    [
      "America/Chicago daily 02:30 from 6 Mar 2020 (API.md's example): the nonexistent 02:30 on 8 Mar is the transition",
      { timeZone: "America/Chicago", layers: [layer("2020-03-06T02:30", "day", 1, ["a", "b", "c"])] },
      [
        ["Fri 02:30 CST", "2020-03-06T08:30:00Z", "a"],
        ["Sat 02:30 CST", "2020-03-07T08:30:00Z", "b"],
        ["Sun 01:59 CST, still b", "2020-03-08T07:59:59Z", "b"],
        ["Sun 03:00 CDT = the transition instant", "2020-03-08T08:00:00Z", "c"],
        ["Mon 02:29 CDT", "2020-03-09T07:29:00Z", "c"],
        ["Mon 02:30 CDT", "2020-03-09T07:30:00Z", "a"],
      ],
    ],
    [
      "America/Chicago: a layer starting at 02:30 on the spring-forward day starts at the transition",
      { timeZone: "America/Chicago", layers: [layer("2026-03-08T02:30", "day", 1, ["a", "b"])] },
      [
        ["01:59 CST: not started", "2026-03-08T07:59:59Z", null],
        ["03:00 CDT: started", "2026-03-08T08:00:00Z", "a"],
        ["Mon 02:30 CDT", "2026-03-09T07:30:00Z", "b"],
      ],
    ],
    [
      "Europe/Berlin: a layer starting at 02:30 on the spring-forward day starts at the transition",
      { timeZone: "Europe/Berlin", layers: [layer("2026-03-29T02:30", "day", 1, ["a", "b"])] },
      [
        ["01:59 CET: not started", "2026-03-29T00:59:00Z", null],
        ["03:00 CEST: started", "2026-03-29T01:00:00Z", "a"],
        ["Mon 02:29 CEST", "2026-03-30T00:29:00Z", "a"],
        ["Mon 02:30 CEST", "2026-03-30T00:30:00Z", "b"],
      ],
    ],
    [
      "America/Chicago daily 01:30 across fall back: the handoff at the first 01:30 (CDT)",
      { timeZone: "America/Chicago", layers: [layer("2026-10-31T01:30", "day", 1, ["a", "b"])] },
      [
        ["Sat 01:30 CDT", "2026-10-31T06:30:00Z", "a"],
        ["Sun first 01:29 CDT", "2026-11-01T06:29:00Z", "a"],
        ["Sun first 01:30 CDT", "2026-11-01T06:30:00Z", "b"],
        ["Sun second 01:30 CST: still b", "2026-11-01T07:30:00Z", "b"],
        ["Mon 01:30 CST", "2026-11-02T07:30:00Z", "a"],
      ],
    ],
    [
      "Europe/Berlin daily 02:30 across fall back: the handoff at the first 02:30 (CEST)",
      { timeZone: "Europe/Berlin", layers: [layer("2026-10-24T02:30", "day", 1, ["a", "b"])] },
      [
        ["Sun first 02:29 CEST", "2026-10-25T00:29:00Z", "a"],
        ["Sun first 02:30 CEST", "2026-10-25T00:30:00Z", "b"],
        ["Sun second 02:30 CET: still b", "2026-10-25T01:30:00Z", "b"],
        ["Mon 02:30 CET", "2026-10-26T01:30:00Z", "a"],
      ],
    ],
    [
      "Europe/Berlin hourly across spring forward: the 02:00 shift never happens (zero length), 03:00's holder takes over",
      { timeZone: "Europe/Berlin", layers: [layer("2026-03-29T00:00", "hour", 1, ["a", "b", "c"])] },
      [
        ["00:00 CET", "2026-03-28T23:00:00Z", "a"],
        ["01:00 CET", "2026-03-29T00:00:00Z", "b"],
        ["01:59 CET", "2026-03-29T00:59:59Z", "b"],
        ["03:00 CEST: shift 3 (a); shift 2 (c) was empty", "2026-03-29T01:00:00Z", "a"],
        ["04:00 CEST", "2026-03-29T02:00:00Z", "b"],
      ],
    ],
    [
      "Europe/Berlin hourly across fall back: the 02:00 shift covers both 02:00 hours",
      { timeZone: "Europe/Berlin", layers: [layer("2026-10-25T01:00", "hour", 1, ["a", "b", "c"])] },
      [
        ["01:00 CEST", "2026-10-24T23:00:00Z", "a"],
        ["first 02:00 CEST", "2026-10-25T00:00:00Z", "b"],
        ["second 02:30 CET", "2026-10-25T01:30:00Z", "b"],
        ["03:00 CET", "2026-10-25T02:00:00Z", "c"],
      ],
    ],
  ])("%s", (_what, schedule, vectors) => {
    checkVectors(schedule, vectors);
  });
});

describe("weekly rotations across a full year", () => {
  it.each([
    ["Europe/Berlin", "2026-01-05T09:00"],
    ["America/Chicago", "2026-01-05T09:00"],
    ["Australia/Sydney", "2026-01-05T09:00"],
  ])("%s: every Monday 09:00 local for 53 weeks, the right person on both sides", (timeZone, start) => {
    const people = ["a", "b", "c", "d"];
    const schedule: ScheduleRotation = { timeZone, layers: [layer(start, "week", 1, people)] };
    const offsets = new Set<number>();
    for (let k = 0; k <= 53; k += 1) {
      // Independently: the Monday 09:00 of week k as luxon reads it (09:00 always exists, once).
      const local = DateTime.fromISO(start, { zone: timeZone }).plus({ weeks: k });
      expect(local.toFormat("ccc HH:mm")).toBe("Mon 09:00");
      offsets.add(local.offset);
      const handoff = local.toJSDate();
      expect(who(schedule, handoff.toISOString()), `week ${k} at ${local.toISO()}`).toBe(people[k % 4]);
      expect(who(schedule, new Date(handoff.getTime() - 1).toISOString()), `just before week ${k}`).toBe(k === 0 ? null : people[(k - 1) % 4]);
      expect(who(schedule, new Date(handoff.getTime() + 3 * DAY).toISOString())).toBe(people[k % 4]);
    }
    // The year crossed both changes: two different offsets were in force.
    expect(offsets.size).toBe(2);
  });

  it("a two-week rotation in Chicago over a year: 26 shifts, each 14 local days, 09:00 to 09:00", () => {
    const schedule: ScheduleRotation = { timeZone: "America/Chicago", layers: [layer("2026-01-05T09:00", "week", 2, ["a", "b", "c"])] };
    const shifts = finalShifts(schedule, [], at("2026-01-05T15:00:00Z"), at("2027-01-04T15:00:00Z"));
    expect(shifts).toHaveLength(26);
    shifts.forEach((s, k) => {
      expect(s.user).toBe(["a", "b", "c"][k % 3]);
      expect(instantToWallClock(s.start, "America/Chicago").slice(11)).toBe("09:00");
      const days = DateTime.fromJSDate(s.end, { zone: "America/Chicago" }).diff(DateTime.fromJSDate(s.start, { zone: "America/Chicago" }), "days").days;
      expect(days).toBe(14);
    });
    const hours = shifts.map((s) => (s.end.getTime() - s.start.getTime()) / HOUR);
    expect(new Set(hours)).toEqual(new Set([336, 335, 337]));
  });
});

// ─── Several layers ─────────────────────────────────────────────────────────

describe("several layers: the later layer wins where it has a shift", () => {
  const schedule: ScheduleRotation = {
    timeZone: "UTC",
    layers: [
      layer("2026-01-05T09:00", "week", 1, ["a", "b"], "Primary"),
      // Starts later: until then the primary holds.
      layer("2026-01-14T00:00", "day", 1, ["x", "y", "z"], "Secondary"),
    ],
  };

  it("answers by layer", () => {
    checkVectors(schedule, [
      ["before any layer", "2026-01-01T00:00:00Z", null],
      ["only the first layer has started", "2026-01-05T09:00:00Z", "a"],
      ["second layer not started yet", "2026-01-13T23:59:59Z", "b"],
      ["second layer starts and wins", "2026-01-14T00:00:00Z", "x"],
      ["second layer's next shift", "2026-01-15T00:00:00Z", "y"],
      ["the first layer's handoff changes nothing visible: day 5 of x, y, z", "2026-01-19T09:00:00Z", "z"],
    ]);
    expect(onCallAt(schedule, [], at("2026-01-15T12:00:00Z"))).toMatchObject({ layer: 1, shift: 1, source: "layer" });
  });

  it("a layer that has not started yet leaves the earlier layers alone", () => {
    const future: ScheduleRotation = { timeZone: "UTC", layers: [schedule.layers[0]!, layer("2030-01-01T00:00", "week", 1, ["later"])] };
    expect(who(future, "2026-02-01T00:00:00Z")).toBe("b");
    expect(who(future, "2030-01-01T00:00:00Z")).toBe("later");
  });

  it("the order of layers decides, not their start", () => {
    const swapped: ScheduleRotation = { timeZone: "UTC", layers: [schedule.layers[1]!, schedule.layers[0]!] };
    expect(who(swapped, "2026-01-15T00:00:00Z")).toBe("b");
    expect(onCallAt(swapped, [], at("2026-01-15T00:00:00Z")).layer).toBe(1);
  });

  it("a layer without participants holds nothing", () => {
    const empty: ScheduleRotation = { timeZone: "UTC", layers: [schedule.layers[0]!, layer("2026-01-01T00:00", "day", 1, [])] };
    expect(who(empty, "2026-01-06T00:00:00Z")).toBe("a");
  });
});

// ─── Overrides ──────────────────────────────────────────────────────────────

describe("overrides beat every layer", () => {
  const schedule: ScheduleRotation = {
    timeZone: "UTC",
    layers: [layer("2026-01-05T09:00", "week", 1, ["a", "b"]), layer("2026-01-05T09:00", "day", 1, ["x", "y"])],
  };

  it.each<[string, Override[], Vector[]]>([
    [
      "inside one shift",
      [override("o", "2026-01-06T12:00:00Z", "2026-01-06T18:00:00Z")],
      [
        ["before the override", "2026-01-06T11:59:59.999Z", "y"],
        ["at its start", "2026-01-06T12:00:00Z", "o"],
        ["inside", "2026-01-06T17:00:00Z", "o"],
        ["at its end: back to the layer", "2026-01-06T18:00:00Z", "y"],
      ],
    ],
    [
      "across a handoff",
      [override("o", "2026-01-06T00:00:00Z", "2026-01-07T12:00:00Z")],
      [
        ["just before it: x", "2026-01-05T23:59:59Z", "x"],
        ["covers the end of x's shift", "2026-01-06T08:00:00Z", "o"],
        ["and all of y's", "2026-01-06T20:00:00Z", "o"],
        ["ends inside x's next shift: x", "2026-01-07T12:00:00Z", "x"],
      ],
    ],
    [
      "overlapping: the one created last wins, whatever the order given",
      [
        override("late", "2026-01-06T14:00:00Z", "2026-01-06T20:00:00Z", "2026-01-02T00:00:00Z"),
        override("early", "2026-01-06T12:00:00Z", "2026-01-06T18:00:00Z", "2026-01-01T00:00:00Z"),
      ],
      [
        ["only the earlier one", "2026-01-06T13:00:00Z", "early"],
        ["both: the later-created one", "2026-01-06T15:00:00Z", "late"],
        ["the later one alone", "2026-01-06T19:00:00Z", "late"],
        ["neither", "2026-01-06T20:00:00Z", "y"],
      ],
    ],
    [
      "an older override inside a newer one never shows",
      [
        override("outer", "2026-01-06T00:00:00Z", "2026-01-07T00:00:00Z", "2026-01-03T00:00:00Z"),
        override("inner", "2026-01-06T10:00:00Z", "2026-01-06T11:00:00Z", "2026-01-02T00:00:00Z"),
      ],
      [["inside both", "2026-01-06T10:30:00Z", "outer"]],
    ],
    [
      "before any layer starts",
      [override("o", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z")],
      [
        ["covered", "2026-01-01T12:00:00Z", "o"],
        ["after it: still nobody", "2026-01-03T00:00:00Z", null],
      ],
    ],
  ])("%s", (_what, overrides, vectors) => {
    checkVectors(schedule, vectors, overrides);
  });

  it("reports the override as the source", () => {
    const o = override("o", "2026-01-06T12:00:00Z", "2026-01-06T18:00:00Z");
    expect(onCallAt(schedule, [o], at("2026-01-06T12:00:00Z"))).toEqual({ users: ["o"], source: "override", layer: null, shift: null, overrideId: o.id });
  });

  it("ignores an override that ends where it starts", () => {
    expect(who(schedule, "2026-01-06T12:00:00Z", [override("o", "2026-01-06T12:00:00Z", "2026-01-06T12:00:00Z")])).toBe("y");
  });
});

// ─── The final timeline ─────────────────────────────────────────────────────

describe("finalShifts", () => {
  const schedule: ScheduleRotation = { timeZone: "Europe/Berlin", layers: [layer("2026-03-23T09:00", "week", 1, ["a", "b", "c"])] };
  const row = (s: ReturnType<typeof finalShifts>[number]) => [iso(s.start), iso(s.end), s.user, s.source];

  it("lists whole shifts, even those that began before the window or end after it", () => {
    const shifts = finalShifts(schedule, [], at("2026-03-25T00:00:00Z"), at("2026-04-02T00:00:00Z"));
    expect(shifts.map(row)).toEqual([
      ["2026-03-23T08:00:00.000Z", "2026-03-30T07:00:00.000Z", "a", "layer"],
      ["2026-03-30T07:00:00.000Z", "2026-04-06T07:00:00.000Z", "b", "layer"],
    ]);
    expect(shifts.map((s) => [s.layer, s.shift])).toEqual([
      [0, 0],
      [0, 1],
    ]);
  });

  it("splits a shift around an override inside it and marks the override", () => {
    const o = override("o", "2026-03-31T10:00:00Z", "2026-04-01T10:00:00Z");
    const shifts = finalShifts(schedule, [o], at("2026-03-31T00:00:00Z"), at("2026-04-02T00:00:00Z"));
    expect(shifts.map(row)).toEqual([
      ["2026-03-30T07:00:00.000Z", "2026-03-31T10:00:00.000Z", "b", "layer"],
      ["2026-03-31T10:00:00.000Z", "2026-04-01T10:00:00.000Z", "o", "override"],
      ["2026-04-01T10:00:00.000Z", "2026-04-06T07:00:00.000Z", "b", "layer"],
    ]);
    expect(shifts[1]!.overrideId).toBe(o.id);
    // A window that starts after the override still sees the same whole piece.
    expect(finalShifts(schedule, [o], at("2026-04-03T00:00:00Z"), at("2026-04-04T00:00:00Z")).map(row)).toEqual([shifts[2] && row(shifts[2])]);
  });

  it("an override across a handoff becomes one segment, the shifts on either side are cut", () => {
    const o = override("o", "2026-03-29T12:00:00Z", "2026-03-31T12:00:00Z");
    const shifts = finalShifts(schedule, [o], at("2026-03-29T00:00:00Z"), at("2026-04-01T00:00:00Z"));
    expect(shifts.map(row)).toEqual([
      ["2026-03-23T08:00:00.000Z", "2026-03-29T12:00:00.000Z", "a", "layer"],
      ["2026-03-29T12:00:00.000Z", "2026-03-31T12:00:00.000Z", "o", "override"],
      ["2026-03-31T12:00:00.000Z", "2026-04-06T07:00:00.000Z", "b", "layer"],
    ]);
  });

  it("leaves gaps where nobody is on call and is empty for an empty window", () => {
    const o = override("o", "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z");
    expect(finalShifts(schedule, [o], at("2026-03-01T00:00:00Z"), at("2026-03-23T09:00:00Z")).map(row)).toEqual([
      ["2026-03-01T00:00:00.000Z", "2026-03-02T00:00:00.000Z", "o", "override"],
      ["2026-03-23T08:00:00.000Z", "2026-03-30T07:00:00.000Z", "a", "layer"],
    ]);
    expect(finalShifts(schedule, [], at("2026-04-01T00:00:00Z"), at("2026-04-01T00:00:00Z"))).toEqual([]);
  });

  it("agrees with onCallAt at 500 sampled instants across layers, overrides and both DST changes", () => {
    const busy: ScheduleRotation = {
      timeZone: "America/Chicago",
      layers: [layer("2026-01-05T09:00", "week", 1, ["a", "b", "c"]), layer("2026-05-01T02:30", "hour", 30, ["x", "y"]), layer("2026-10-20T01:30", "day", 2, ["p", "q"])],
    };
    const overrides = [
      override("o1", "2026-03-07T00:00:00Z", "2026-03-09T00:00:00Z", "2026-01-01T00:00:00Z"),
      override("o2", "2026-03-08T06:00:00Z", "2026-03-08T09:00:00Z", "2026-01-02T00:00:00Z"),
      override("o3", "2026-10-31T22:00:00Z", "2026-11-01T08:30:00Z", "2026-01-03T00:00:00Z"),
    ];
    const from = at("2026-01-01T00:00:00Z");
    const to = at("2027-01-01T00:00:00Z");
    const shifts = finalShifts(busy, overrides, from, to);
    // Ordered, never overlapping, never empty.
    for (let i = 0; i < shifts.length; i += 1) {
      expect(shifts[i]!.end.getTime()).toBeGreaterThan(shifts[i]!.start.getTime());
      if (i > 0) expect(shifts[i]!.start.getTime()).toBeGreaterThanOrEqual(shifts[i - 1]!.end.getTime());
    }
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const instants = [
      ...Array.from({ length: 480 }, () => new Date(from.getTime() + Math.floor(random() * (to.getTime() - from.getTime())))),
      ...shifts.slice(0, 20).map((s) => s.start),
    ];
    for (const instant of instants) {
      const covering = shifts.find((s) => s.start <= instant && instant < s.end);
      const expected = onCallAt(busy, overrides, instant);
      expect(covering?.user ?? null, instant.toISOString()).toBe(expected.users[0] ?? null);
      expect(covering?.source ?? null).toBe(expected.source);
    }
  });
});

describe("layerShifts", () => {
  it("lists one layer's own shifts, without the empty one at spring forward", () => {
    const schedule: ScheduleRotation = { timeZone: "Europe/Berlin", layers: [layer("2026-03-29T00:00", "hour", 1, ["a", "b", "c"])] };
    const shifts = layerShifts(schedule, 0, at("2026-03-28T23:00:00Z"), at("2026-03-29T02:00:00Z"));
    expect(shifts.map((s) => [iso(s.start), s.user, s.shift])).toEqual([
      ["2026-03-28T23:00:00.000Z", "a", 0],
      ["2026-03-29T00:00:00.000Z", "b", 1],
      ["2026-03-29T01:00:00.000Z", "a", 3],
    ]);
    expect(layerShifts(schedule, 5, at("2026-03-28T23:00:00Z"), at("2026-03-29T02:00:00Z"))).toEqual([]);
  });
});

// ─── Next handoff ───────────────────────────────────────────────────────────

describe("nextHandoff", () => {
  const schedule: ScheduleRotation = { timeZone: "America/Chicago", layers: [layer("2026-03-02T09:00", "week", 1, ["a", "b"])] };

  it.each<[string, Override[], string, string | null, string | null, string | null]>([
    ["the next handoff across spring forward (09:00 CDT)", [], "2026-03-04T00:00:00Z", "2026-03-09T14:00:00.000Z", "b", "layer"],
    ["exactly at a handoff: the one after", [], "2026-03-09T14:00:00Z", "2026-03-16T14:00:00.000Z", "a", "layer"],
    ["before the start: the start", [], "2026-02-01T00:00:00Z", "2026-03-02T15:00:00.000Z", "a", "layer"],
    ["an override starts first", [override("o", "2026-03-05T00:00:00Z", "2026-03-06T00:00:00Z")], "2026-03-04T00:00:00Z", "2026-03-05T00:00:00.000Z", "o", "override"],
    ["inside an override: its end", [override("o", "2026-03-05T00:00:00Z", "2026-03-06T00:00:00Z")], "2026-03-05T12:00:00Z", "2026-03-06T00:00:00.000Z", "a", "layer"],
    ["an override by the person on call is no handoff", [override("a", "2026-03-05T00:00:00Z", "2026-03-06T00:00:00Z")], "2026-03-04T00:00:00Z", "2026-03-09T14:00:00.000Z", "b", "layer"],
    [
      "an override that runs past the handoff by the next holder: when it starts",
      [override("b", "2026-03-08T00:00:00Z", "2026-03-10T00:00:00Z")],
      "2026-03-04T00:00:00Z",
      "2026-03-08T00:00:00.000Z",
      "b",
      "override",
    ],
  ])("%s", (_what, overrides, after, expectedAt, expectedUser, expectedSource) => {
    const next = nextHandoff(schedule, overrides, at(after));
    expect(iso(next?.at)).toBe(expectedAt);
    expect(next?.users[0] ?? null).toBe(expectedUser);
    expect(next?.source ?? null).toBe(expectedSource);
  });

  it("hands off to nobody when the last override ends before any layer", () => {
    const none: ScheduleRotation = { timeZone: "UTC", layers: [] };
    const next = nextHandoff(none, [override("o", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z")], at("2026-01-01T12:00:00Z"));
    expect(next).toEqual({ at: at("2026-01-02T00:00:00Z"), users: [], source: null });
    expect(nextHandoff(none, [], at("2026-01-01T12:00:00Z"))).toBeNull();
  });

  it("is null for a rotation of one, and skips a shift to the same person", () => {
    const solo: ScheduleRotation = { timeZone: "UTC", layers: [layer("2026-01-01T00:00", "day", 1, ["solo"])] };
    expect(nextHandoff(solo, [], at("2026-01-02T00:00:00Z"))).toBeNull();
    const twice: ScheduleRotation = { timeZone: "UTC", layers: [layer("2026-01-01T00:00", "day", 1, ["a", "a", "b"])] };
    expect(iso(nextHandoff(twice, [], at("2026-01-01T01:00:00Z"))?.at)).toBe("2026-01-03T00:00:00.000Z");
  });
});
