import { describe, expect, it } from "vitest";
import { expiryStep, formatInterval, heartbeatAlert, heartbeatCreateSchema, heartbeatDeadline, heartbeatResolve } from "./heartbeats";

const hb = { name: "nightly-backup", intervalMinutes: 90, severity: "critical", lastPingAt: new Date("2026-12-03T01:00:00Z"), createdAt: new Date("2026-12-01T00:00:00Z") };

describe("heartbeats", () => {
  it("takes 1 minute to 30 days, a URL-safe name, critical by default", () => {
    expect(heartbeatCreateSchema.parse({ name: "a.b_c-1", intervalMinutes: 1 })).toEqual({ name: "a.b_c-1", intervalMinutes: 1, severity: "critical" });
    expect(heartbeatCreateSchema.safeParse({ name: "ok", intervalMinutes: 43_200 }).success).toBe(true);
    for (const bad of [{ intervalMinutes: 0 }, { intervalMinutes: 43_201 }, { intervalMinutes: 1.5 }, { name: "-lead" }, { name: "a/b" }, { name: "" }, { severity: "fatal" }, { extra: 1 }]) {
      expect(heartbeatCreateSchema.safeParse({ name: "ok", intervalMinutes: 5, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("says an interval in the fewest words", () => {
    expect([1, 5, 59, 60, 90, 360, 1439, 1440, 1500, 2880, 3600, 43_200].map(formatInterval)).toEqual(["1m", "5m", "59m", "1h", "1h 30m", "6h", "23h 59m", "1d", "1d 1h", "2d", "2d 12h", "30d"]);
  });

  it("the deadline is one interval on; the expiry raises only past it, and only once (not when already down)", () => {
    const at = new Date("2026-12-03T01:00:00Z");
    const deadline = heartbeatDeadline(at, 90);
    expect(deadline.toISOString()).toBe("2026-12-03T02:30:00.000Z");
    expect(expiryStep({ expiresAt: deadline, down: false }, new Date(deadline.getTime() - 1))).toBe("nothing");
    expect(expiryStep({ expiresAt: deadline, down: false }, deadline)).toBe("raise");
    expect(expiryStep({ expiresAt: deadline, down: true }, new Date(deadline.getTime() + 60_000))).toBe("nothing");
  });

  it("raises a firing alert of its severity, one identity per heartbeat; the ping after resolves that identity", () => {
    const now = new Date("2026-12-03T02:31:00Z");
    const alert = heartbeatAlert(hb, now);
    expect(alert).toMatchObject({ source: "heartbeat", identity: "heartbeat:nightly-backup", action: "trigger", severity: "critical", labels: { heartbeat: "nightly-backup" }, summary: "No ping from heartbeat nightly-backup within 1h 30m" });
    expect(alert.annotations.description).toBe("Expected a ping at least every 1h 30m; the last came 1h 31m ago (2026-12-03T01:00:00.000Z).");
    expect(heartbeatAlert({ ...hb, severity: "warning" }, now).severity).toBe("warning");
    const resolved = heartbeatResolve(hb, now);
    expect([resolved.identity, resolved.action]).toEqual(["heartbeat:nightly-backup", "resolve"]);
  });
});
