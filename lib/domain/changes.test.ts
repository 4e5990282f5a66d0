import { describe, expect, it } from "vitest";
import {
  changeCreateSchema,
  changeListQuerySchema,
  changeWindow,
  decodeChangeCursor,
  describeOffsetFromStart,
  describeSuspectedChange,
  encodeChangeCursor,
  incidentChangesQuerySchema,
  isTooFarInFuture,
  suspectCreateSchema,
} from "./changes";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const now = new Date("2026-11-23T15:00:00.000Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

function fieldsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) {
  return result.success ? [] : result.error!.issues.map((i) => i.path.join("."));
}

describe("changeCreateSchema", () => {
  const valid = { service: "SVC-CHECKOUT", kind: "deploy", summary: "Checkout v2: new address form" };

  it("accepts the minimum and the full shape, trimming text", () => {
    expect(changeCreateSchema.parse(valid)).toEqual(valid);
    const full = changeCreateSchema.parse({
      ...valid,
      summary: "  padded  ",
      at: "2020-01-02T03:04:05Z",
      link: "https://ci.example.com/runs/42",
      version: " v1.2.3 ",
    });
    expect(full).toMatchObject({ summary: "padded", at: "2020-01-02T03:04:05Z", link: "https://ci.example.com/runs/42", version: "v1.2.3" });
    expect(changeCreateSchema.safeParse({ ...valid, link: null, version: null, at: null }).success).toBe(true);
  });

  it.each(["deploy", "config", "flag", "migration", "other"])("accepts kind %s", (kind) => {
    expect(changeCreateSchema.safeParse({ ...valid, kind }).success).toBe(true);
  });

  it.each([
    ["missing service", { kind: "deploy", summary: "x" }, "service"],
    ["blank service", { ...valid, service: "  " }, "service"],
    ["unknown kind", { ...valid, kind: "rollout" }, "kind"],
    ["blank summary", { ...valid, summary: "   " }, "summary"],
    ["summary over 500", { ...valid, summary: "x".repeat(501) }, "summary"],
    ["at not ISO", { ...valid, at: "yesterday" }, "at"],
    ["at without zone", { ...valid, at: "2026-11-23T14:00:00" }, "at"],
    ["at far in the future", { ...valid, at: new Date(Date.now() + 10 * MINUTE).toISOString() }, "at"],
    ["javascript: link", { ...valid, link: "javascript:alert(1)" }, "link"],
    ["ftp link", { ...valid, link: "ftp://example.com/x" }, "link"],
    ["link that is no URL", { ...valid, link: "https://" }, "link"],
    ["version over 100", { ...valid, version: "v".repeat(101) }, "version"],
    ["unknown field", { ...valid, team: "payments" }, ""],
  ])("refuses %s", (_name, input, field) => {
    const result = changeCreateSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(fieldsOf(result)).toContain(field);
  });

  it("allows an at a little ahead (clock skew) but not more than 5 minutes", () => {
    expect(changeCreateSchema.safeParse({ ...valid, at: new Date(Date.now() + 4 * MINUTE).toISOString() }).success).toBe(true);
    expect(isTooFarInFuture(new Date(now.getTime() + 5 * MINUTE), now)).toBe(false);
    expect(isTooFarInFuture(new Date(now.getTime() + 5 * MINUTE + 1), now)).toBe(true);
  });
});

describe("changeListQuerySchema", () => {
  it("defaults the limit to 50 and caps it at 200", () => {
    expect(changeListQuerySchema.parse({}).limit).toBe(50);
    expect(changeListQuerySchema.parse({ limit: "200" }).limit).toBe(200);
    expect(fieldsOf(changeListQuerySchema.safeParse({ limit: "201" }))).toContain("limit");
    expect(fieldsOf(changeListQuerySchema.safeParse({ limit: "0" }))).toContain("limit");
  });

  it("takes ISO since/until, refusing an until before since", () => {
    expect(changeListQuerySchema.safeParse({ since: "2026-11-22T00:00:00Z", until: "2026-11-23T00:00:00Z" }).success).toBe(true);
    expect(fieldsOf(changeListQuerySchema.safeParse({ since: "last week" }))).toContain("since");
    expect(fieldsOf(changeListQuerySchema.safeParse({ since: "2026-11-23T00:00:00Z", until: "2026-11-22T00:00:00Z" }))).toContain("until");
  });

  it("refuses a cursor it did not make", () => {
    expect(fieldsOf(changeListQuerySchema.safeParse({ cursor: "abc" }))).toContain("cursor");
    expect(changeListQuerySchema.safeParse({ cursor: encodeChangeCursor({ at: now, id: "c1" }) }).success).toBe(true);
  });
});

describe("incidentChangesQuerySchema and suspectCreateSchema", () => {
  it("looks back 24 hours by default, 1 to 168 allowed", () => {
    expect(incidentChangesQuerySchema.parse({}).hours).toBe(24);
    expect(incidentChangesQuerySchema.parse({ hours: "72" }).hours).toBe(72);
    expect(fieldsOf(incidentChangesQuerySchema.safeParse({ hours: "0" }))).toContain("hours");
    expect(fieldsOf(incidentChangesQuerySchema.safeParse({ hours: "169" }))).toContain("hours");
  });

  it("needs a changeId and nothing else", () => {
    expect(suspectCreateSchema.parse({ changeId: " c1 " })).toEqual({ changeId: "c1" });
    expect(fieldsOf(suspectCreateSchema.safeParse({}))).toContain("changeId");
    expect(suspectCreateSchema.safeParse({ changeId: "c1", note: "x" }).success).toBe(false);
  });
});

describe("cursors", () => {
  it("round-trip a position, URL-safe", () => {
    const at = new Date("2026-11-23T14:05:06.789Z");
    const cursor = encodeChangeCursor({ at, id: "cmabc123" });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeChangeCursor(cursor)).toEqual({ at, id: "cmabc123" });
  });

  it("decode garbage to null", () => {
    for (const bad of ["", "%%%", "bm9wZQ", encodeChangeCursor({ at: now, id: "x" }).slice(0, -3), btoa("2026-13-45T00:00:00.000Z|x")]) {
      expect(decodeChangeCursor(bad)).toBeNull();
    }
  });
});

describe("changeWindow", () => {
  it("looks back 24 h from when the impact started, up to now (plus clock skew) while the incident is open", () => {
    const w = changeWindow({ startedAt: ago(55 * MINUTE), declaredAt: ago(40 * MINUTE) }, { now });
    expect(w.start).toEqual(ago(55 * MINUTE));
    expect(w.from).toEqual(ago(24 * HOUR + 55 * MINUTE));
    expect(w.until).toEqual(new Date(now.getTime() + 5 * MINUTE));
    expect(w.hours).toBe(24);
  });

  it("starts from the declaration when the start is unknown, and takes another look-back", () => {
    const w = changeWindow({ startedAt: null, declaredAt: ago(2 * HOUR) }, { now, hours: 6 });
    expect(w.start).toEqual(ago(2 * HOUR));
    expect(w.from).toEqual(ago(8 * HOUR));
  });

  it("ends at the resolution of a resolved incident", () => {
    const w = changeWindow({ startedAt: null, declaredAt: ago(10 * HOUR), resolvedAt: ago(7 * HOUR) }, { now });
    expect(w.from).toEqual(ago(34 * HOUR));
    expect(w.until).toEqual(ago(7 * HOUR));
  });

  it("never ends before the start", () => {
    const future = new Date(now.getTime() + HOUR);
    const w = changeWindow({ startedAt: future, declaredAt: now }, { now });
    expect(w.until).toEqual(future);
    expect(w.from.getTime()).toBeLessThan(w.until.getTime());
  });
});

describe("wording", () => {
  it("places a change relative to the start", () => {
    const start = new Date("2026-11-23T14:00:00Z");
    expect(describeOffsetFromStart(new Date("2026-11-23T12:50:00Z"), start)).toBe("1h 10m before start");
    expect(describeOffsetFromStart(new Date("2026-11-23T14:14:00Z"), start)).toBe("14m after start");
    expect(describeOffsetFromStart(new Date("2026-11-23T14:00:30Z"), start)).toBe("at start");
  });

  it("describes a suspected change in one line", () => {
    const base = { changeId: "c1", service: "SVC-SEARCH", kind: "config", summary: "Batch size 5000", at: now.toISOString(), link: null };
    expect(describeSuspectedChange({ ...base, version: null })).toBe("Suspect: Config SVC-SEARCH — Batch size 5000");
    expect(describeSuspectedChange({ ...base, kind: "deploy", version: "v3.8.1" })).toBe("Suspect: Deploy SVC-SEARCH v3.8.1 — Batch size 5000");
  });
});
