import { describe, expect, it } from "vitest";
import { incidentDurationSeconds, pickExecUpdate, shareLinkCreateSchema, shareLinkState } from "./status";

const u = (audience: string, at: string) => ({ audience, at });

describe("pickExecUpdate", () => {
  it("prefers the newest exec update, even over a newer internal one", () => {
    const updates = [u("internal", "2026-01-01T10:00:00Z"), u("exec", "2026-01-01T09:00:00Z"), u("exec", "2026-01-01T09:30:00Z"), u("internal", "2026-01-01T11:00:00Z")];
    expect(pickExecUpdate(updates)).toEqual(u("exec", "2026-01-01T09:30:00Z"));
  });

  it("falls back to the newest internal update", () => {
    expect(pickExecUpdate([u("internal", "2026-01-01T09:00:00Z"), u("internal", "2026-01-01T10:00:00Z")])).toEqual(u("internal", "2026-01-01T10:00:00Z"));
  });

  it("never shows responder-only or public updates", () => {
    expect(pickExecUpdate([u("responders", "2026-01-01T10:00:00Z"), u("public", "2026-01-01T11:00:00Z")])).toBeNull();
    expect(pickExecUpdate([])).toBeNull();
  });
});

describe("incidentDurationSeconds", () => {
  const now = new Date("2026-01-01T12:00:00Z");
  it("runs from the impact's start when known, else from the declaration, to now", () => {
    expect(incidentDurationSeconds({ startedAt: new Date("2026-01-01T11:00:00Z"), declaredAt: new Date("2026-01-01T11:30:00Z"), resolvedAt: null }, now)).toBe(3600);
    expect(incidentDurationSeconds({ startedAt: null, declaredAt: new Date("2026-01-01T11:30:00Z"), resolvedAt: null }, now)).toBe(1800);
  });

  it("ends at the resolution", () => {
    expect(incidentDurationSeconds({ startedAt: null, declaredAt: new Date("2026-01-01T08:00:00Z"), resolvedAt: new Date("2026-01-01T09:15:30Z") }, now)).toBe(4530);
  });

  it("is never negative (a start in the future by clock skew)", () => {
    expect(incidentDurationSeconds({ startedAt: new Date("2026-01-01T12:00:05Z"), declaredAt: now, resolvedAt: null }, now)).toBe(0);
  });
});

describe("share links", () => {
  it("expire after 24 h by default, between 1 and 168 h when asked", () => {
    expect(shareLinkCreateSchema.parse({})).toEqual({ expiresInHours: 24 });
    expect(shareLinkCreateSchema.parse({ expiresInHours: 1 }).expiresInHours).toBe(1);
    expect(shareLinkCreateSchema.parse({ expiresInHours: 168 }).expiresInHours).toBe(168);
    for (const bad of [0, 169, 1.5, "24", null]) expect(shareLinkCreateSchema.safeParse({ expiresInHours: bad }).success).toBe(false);
    expect(shareLinkCreateSchema.safeParse({ expiresInHours: 24, incident: "INC-1" }).success).toBe(false);
  });

  it("are revoked, expired at their expiry instant, or active", () => {
    const now = new Date("2026-01-01T12:00:00Z");
    expect(shareLinkState({ expiresAt: new Date("2026-01-01T12:00:01Z"), revokedAt: null }, now)).toBe("active");
    expect(shareLinkState({ expiresAt: now, revokedAt: null }, now)).toBe("expired");
    expect(shareLinkState({ expiresAt: new Date("2026-01-02T00:00:00Z"), revokedAt: new Date("2026-01-01T11:00:00Z") }, now)).toBe("revoked");
  });
});
