import { describe, expect, it } from "vitest";
import { coercedInt4, findUnsafeText, INT4_MAX, isoDate, isoInstant, safeString, unsafeTextReason, yearInRange } from "./input";

describe("unsafeTextReason", () => {
  it("accepts ordinary text, emoji (a surrogate pair) and other control characters", () => {
    for (const ok of ["", "Checkout 502s", "🔥 on fire", "tab\tand\nnewline", "\u00e9\u4e2d"]) expect(unsafeTextReason(ok)).toBeNull();
  });
  it("refuses NUL and lone surrogates, wherever they stand", () => {
    for (const bad of ["\u0000", "a\u0000b", "\ud800", "x\udbff", "\udc00y", "🔥\udc00", "\ud83d\ud83d\udd25"]) expect(unsafeTextReason(bad)).not.toBeNull();
  });
});

describe("findUnsafeText", () => {
  it("names the dotted path of the first unsafe value or key", () => {
    expect(findUnsafeText({ title: "ok", links: [{ label: "fine" }, { label: "bad\u0000" }] })).toMatchObject({ path: "links.1.label" });
    expect(findUnsafeText("\ud800")).toMatchObject({ path: "body" });
    expect(findUnsafeText({ nested: { "\u0000": 1 } })).toMatchObject({ path: "nested.(key)" });
    expect(findUnsafeText({ a: 1, b: [true, null, "ok"] })).toBeNull();
  });
});

describe("bounds", () => {
  it("holds integers to int4", () => {
    expect(coercedInt4(0).safeParse(String(INT4_MAX)).success).toBe(true);
    expect(coercedInt4(0).safeParse(String(INT4_MAX + 1)).success).toBe(false);
    expect(coercedInt4(0).safeParse("-1").success).toBe(false);
    expect(coercedInt4(0).safeParse("1.5").success).toBe(false);
  });
  it("holds dates to the years 1970–9999", () => {
    expect(yearInRange("1970-01-01T00:00:00Z")).toBe(true);
    expect(yearInRange("9999-12-31T23:59:59Z")).toBe(true);
    expect(yearInRange("1969-12-31T23:59:59Z")).toBe(false);
    expect(yearInRange("0000-01-01T00:00:00Z")).toBe(false);
    expect(isoInstant().safeParse("0000-01-01T00:00:00Z").success).toBe(false);
    expect(isoInstant().safeParse("2026-12-01T03:12:00+01:00").success).toBe(true);
    expect(isoDate().safeParse("0000-02-01").success).toBe(false);
    expect(isoDate().safeParse("2026-12-01").success).toBe(true);
  });
  it("refuses unsafe text in the shared string type", () => {
    expect(safeString().safeParse("ok").success).toBe(true);
    expect(safeString().safeParse("a\u0000").success).toBe(false);
  });
});

describe("messages in plain words (issue 14, item 9)", () => {
  const messages = (schema: { safeParse: (v: unknown) => { error?: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown) =>
    Object.fromEntries((schema.safeParse(value).error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

  it("a declare without a title says what to write; a too-long one says the limit and the length", async () => {
    const { incidentCreateSchema } = await import("./schemas");
    expect(messages(incidentCreateSchema, { title: "  ", severity: "SEV2" })).toEqual({ title: "Give the incident a title" });
    expect(messages(incidentCreateSchema, { title: "x".repeat(201), severity: "SEV2" })).toEqual({ title: "Keep it to 200 characters (this is 201)" });
    expect(messages(incidentCreateSchema, { title: "ok", summary: "y".repeat(10_412), severity: "SEV2" })).toEqual({ summary: "Keep it to 10,000 characters (this is 10,412)" });
  });

  it("zod's defaults are replaced: missing, wrong type, not an option, unknown field, numbers, lists", async () => {
    const { incidentCreateSchema } = await import("./schemas");
    expect(messages(incidentCreateSchema, { title: "ok" })).toEqual({ severity: "Required" });
    expect(messages(incidentCreateSchema, { title: 5, severity: "SEV9", colour: "red" })).toEqual({
      title: "Must be text",
      severity: "Must be one of: SEV0, SEV1, SEV2, SEV3, SEV4",
      "": "Not a field here: colour",
    });
    expect(messages(coercedInt4(1, 10), "0")).toEqual({ "": "Must be at least 1" });
    expect(messages(coercedInt4(1, 10), "1.5")).toEqual({ "": "Must be a whole number" });
    expect(messages(incidentCreateSchema, { title: "ok", severity: "SEV2", services: Array.from({ length: 51 }, (_, i) => `S${i}`) })).toEqual({ services: "List at most 50" });
    for (const message of Object.values(messages(incidentCreateSchema, { title: 1, severity: 2, private: "yes", startedAt: "noon" }))) {
      expect(message).not.toMatch(/Invalid|expected|received|Too (big|small)/);
    }
  });
});
