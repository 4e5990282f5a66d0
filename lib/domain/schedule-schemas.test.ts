import { describe, expect, it } from "vitest";
import {
  decodeScheduleCursor,
  describeShift,
  encodeScheduleCursor,
  layerLabel,
  overrideCreateSchema,
  scheduleCreateSchema,
  schedulePatchSchema,
  shiftsQuerySchema,
} from "./schedule-schemas";

function fieldsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) {
  return result.success ? [] : result.error!.issues.map((i) => i.path.join("."));
}

const weekly = { start: "2026-11-23T09:00", shift: { unit: "week", count: 1 }, participants: ["jtsimmons", "mpatel@example.com"] };
const valid = { name: "Payments primary", team: "payments", timeZone: "Europe/Berlin", layers: [weekly] };

describe("scheduleCreateSchema", () => {
  it("accepts a weekly rotation, canonicalizing the zone and trimming @ and :00 seconds", () => {
    const parsed = scheduleCreateSchema.parse({
      ...valid,
      timeZone: "america/chicago",
      layers: [{ ...weekly, name: "Primary", start: "2026-11-23T09:00:00", participants: ["@jtsimmons", "mpatel@example.com"] }],
    });
    expect(parsed.timeZone).toBe("America/Chicago");
    expect(parsed.layers[0]).toEqual({ name: "Primary", start: "2026-11-23T09:00", shift: { unit: "week", count: 1 }, participants: ["jtsimmons", "mpatel@example.com"] });
  });

  it.each([
    ["an unknown zone", { ...valid, timeZone: "Mars/Olympus" }, "timeZone"],
    ["an offset as zone", { ...valid, timeZone: "+01:00" }, "timeZone"],
    ["no name", { ...valid, name: " " }, "name"],
    ["no layers", { ...valid, layers: [] }, "layers"],
    ["a start with an offset", { ...valid, layers: [{ ...weekly, start: "2026-11-23T09:00Z" }] }, "layers.0.start"],
    ["a start that is no date", { ...valid, layers: [{ ...weekly, start: "2026-02-30T09:00" }] }, "layers.0.start"],
    ["a start with seconds", { ...valid, layers: [{ ...weekly, start: "2026-11-23T09:00:30" }] }, "layers.0.start"],
    ["a start in 1999", { ...valid, layers: [{ ...weekly, start: "1999-11-23T09:00" }] }, "layers.0.start"],
    ["a month as unit", { ...valid, layers: [{ ...weekly, shift: { unit: "month", count: 1 } }] }, "layers.0.shift.unit"],
    ["a zero count", { ...valid, layers: [{ ...weekly, shift: { unit: "day", count: 0 } }] }, "layers.0.shift.count"],
    ["a fractional count", { ...valid, layers: [{ ...weekly, shift: { unit: "day", count: 1.5 } }] }, "layers.0.shift.count"],
    ["a shift over 366 days", { ...valid, layers: [{ ...weekly, shift: { unit: "week", count: 53 } }] }, "layers.0.shift.count"],
    ["nobody in the rotation", { ...valid, layers: [{ ...weekly, participants: [] }] }, "layers.0.participants"],
    ["a blank participant", { ...valid, layers: [{ ...weekly, participants: ["ok", " "] }] }, "layers.0.participants.1"],
    ["an unknown field", { ...valid, owner: "x" }, ""],
  ])("refuses %s", (_what, input, field) => {
    const result = scheduleCreateSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(fieldsOf(result)).toContain(field);
  });

  it("allows 366 days of hours and refuses 11 layers", () => {
    expect(scheduleCreateSchema.safeParse({ ...valid, layers: [{ ...weekly, shift: { unit: "hour", count: 366 * 24 } }] }).success).toBe(true);
    expect(fieldsOf(scheduleCreateSchema.safeParse({ ...valid, layers: Array(11).fill(weekly) }))).toContain("layers");
  });
});

describe("schedulePatchSchema", () => {
  it("takes any field alone with the version read, and refuses an empty patch", () => {
    expect(schedulePatchSchema.parse({ version: 2, timeZone: "europe/berlin" })).toEqual({ version: 2, timeZone: "Europe/Berlin" });
    expect(schedulePatchSchema.safeParse({ version: 1, team: null }).success).toBe(true);
    expect(fieldsOf(schedulePatchSchema.safeParse({ version: 1 }))).toContain("body");
    expect(fieldsOf(schedulePatchSchema.safeParse({ version: 1, layers: [] }))).toContain("layers");
  });

  it("needs the version last read", () => {
    expect(fieldsOf(schedulePatchSchema.safeParse({ name: "x" }))).toEqual(["version"]);
    expect(fieldsOf(schedulePatchSchema.safeParse({ version: 0, name: "x" }))).toEqual(["version"]);
  });
});

describe("overrideCreateSchema", () => {
  it("takes ISO instants, end after start, at most 366 days", () => {
    expect(overrideCreateSchema.safeParse({ user: "@lchen", start: "2026-11-24T08:00:00Z", end: "2026-11-24T20:00:00+01:00" }).data?.user).toBe("lchen");
    expect(fieldsOf(overrideCreateSchema.safeParse({ user: "lchen", start: "2026-11-24T08:00:00Z", end: "2026-11-24T08:00:00Z" }))).toContain("end");
    expect(fieldsOf(overrideCreateSchema.safeParse({ user: "lchen", start: "2026-11-24T08:00", end: "2026-11-25T08:00:00Z" }))).toContain("start");
    expect(fieldsOf(overrideCreateSchema.safeParse({ user: "lchen", start: "2026-01-01T00:00:00Z", end: "2027-01-03T00:00:00Z" }))).toContain("end");
  });

  it("keeps instants to the whole second, so an override under a second long is refused", () => {
    expect(overrideCreateSchema.parse({ user: "lchen", start: "2026-11-24T08:00:00.999Z", end: "2026-11-24T10:00:01.5+01:00" })).toMatchObject({
      start: "2026-11-24T08:00:00.000Z",
      end: "2026-11-24T09:00:01.000Z",
    });
    expect(fieldsOf(overrideCreateSchema.safeParse({ user: "lchen", start: "2026-11-24T08:00:00.100Z", end: "2026-11-24T08:00:00.900Z" }))).toContain("end");
  });
});

describe("shiftsQuerySchema", () => {
  it("refuses a window that is backwards or longer than 100 days", () => {
    expect(shiftsQuerySchema.safeParse({ from: "2026-01-01T00:00:00Z", to: "2026-04-11T00:00:00Z" }).success).toBe(true);
    expect(fieldsOf(shiftsQuerySchema.safeParse({ from: "2026-01-01T00:00:00Z", to: "2026-04-11T00:00:01Z" }))).toContain("to");
    expect(fieldsOf(shiftsQuerySchema.safeParse({ from: "2026-01-02T00:00:00Z", to: "2026-01-01T00:00:00Z" }))).toContain("to");
  });
});

describe("wording and cursors", () => {
  it("labels layers and shifts", () => {
    expect(layerLabel({ name: "Primary" }, 0)).toBe("Primary");
    expect(layerLabel({ name: " " }, 1)).toBe("Layer 2");
    expect(describeShift({ unit: "week", count: 1 })).toBe("1 week");
    expect(describeShift({ unit: "hour", count: 12 })).toBe("12 hours");
  });

  it("round-trips a cursor, also with non-ASCII names, and refuses foreign ones", () => {
    const c = { name: "Zahlungen – Bereitschaft", id: "ckabc" };
    expect(decodeScheduleCursor(encodeScheduleCursor(c))).toEqual(c);
    expect(decodeScheduleCursor("not-a-cursor")).toBeNull();
    expect(decodeScheduleCursor(btoa("[1,2]"))).toBeNull();
  });
});
