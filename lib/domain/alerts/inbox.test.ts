import { describe, expect, it } from "vitest";
import { alertCursor, alertListQuerySchema, alertMuteSchema, groupByIncident, muteApplies, parseAlertCursor } from "./inbox";

describe("the alert inbox", () => {
  it("defaults to open alerts and names a bad filter", () => {
    expect(alertListQuerySchema.parse({})).toMatchObject({ status: "open", limit: 100 });
    expect(alertListQuerySchema.parse({ flapping: "true" }).flapping).toBe(true);
    expect(alertListQuerySchema.safeParse({ severity: "SEV1" }).error?.issues[0]?.path).toEqual(["severity"]);
    expect(alertListQuerySchema.safeParse({ limit: "0" }).success).toBe(false);
  });

  it("pages by activity time and id, and refuses a cursor that is not one", () => {
    const at = new Date("2026-12-04T03:12:00.123Z");
    const cursor = alertCursor({ lastSeenAt: at, id: "abc" });
    expect(parseAlertCursor(cursor)).toEqual({ at, id: "abc" });
    expect(parseAlertCursor("nope")).toBeNull();
    expect(parseAlertCursor("123_abc")).toBeNull();
    expect(parseAlertCursor(`${at.getTime()}_a b`)).toBeNull();
  });

  it("mutes for whole hours up to a week, for a reason", () => {
    expect(alertMuteSchema.safeParse({ hours: 2, reason: "backup window" }).success).toBe(true);
    expect(alertMuteSchema.safeParse({ hours: 0, reason: "x" }).error?.issues[0]?.path).toEqual(["hours"]);
    expect(alertMuteSchema.safeParse({ hours: 169, reason: "x" }).error?.issues[0]?.path).toEqual(["hours"]);
    expect(alertMuteSchema.safeParse({ hours: 1.5, reason: "x" }).success).toBe(false);
    expect(alertMuteSchema.safeParse({ hours: 1 }).error?.issues[0]?.path).toEqual(["reason"]);
  });

  it("applies a mute from its start to its end, unless lifted", () => {
    const mute = { createdAt: new Date("2026-12-04T01:00:00Z"), until: new Date("2026-12-04T03:00:00Z"), endedAt: null };
    expect(muteApplies(mute, new Date("2026-12-04T00:59:59Z"))).toBe(false);
    expect(muteApplies(mute, new Date("2026-12-04T02:59:59Z"))).toBe(true);
    expect(muteApplies(mute, new Date("2026-12-04T03:00:00Z"))).toBe(false);
    expect(muteApplies({ ...mute, endedAt: new Date("2026-12-04T02:00:00Z") }, new Date("2026-12-04T02:30:00Z"))).toBe(false);
  });

  it("groups alerts by incident, those on none last", () => {
    const a = { id: "a", incident: { ref: "INC-2" } };
    const b = { id: "b", incident: null };
    const c = { id: "c", incident: { ref: "INC-1" } };
    const d = { id: "d", incident: { ref: "INC-2" } };
    expect(groupByIncident([a, b, c, d])).toEqual([
      { ref: "INC-2", items: [a, d] },
      { ref: "INC-1", items: [c] },
      { ref: null, items: [b] },
    ]);
  });
});
