import { describe, expect, it } from "vitest";
import { actionRatio, alertFeedbackSchema, alertHealthQuerySchema, bySeverityAndHour, hourIn, isNoisy, ratioWords } from "./health";

describe("alert health", () => {
  it("counts alerts by severity and the hour of the viewer's day", () => {
    const rows = [
      { hour: new Date("2026-12-01T02:00:00Z"), severity: "critical", alerts: 3 },
      { hour: new Date("2026-12-02T02:00:00Z"), severity: "critical", alerts: 1 },
      { hour: new Date("2026-12-01T23:00:00Z"), severity: "warning", alerts: 2 },
      { hour: new Date("2026-12-01T23:00:00Z"), severity: "unknown", alerts: 9 },
    ];
    const utc = bySeverityAndHour(rows, "UTC");
    expect(utc.critical[2]).toBe(4);
    expect(utc.warning[23]).toBe(2);
    expect(utc.error.every((n) => n === 0)).toBe(true);
    expect(utc.critical).toHaveLength(24);
    // Berlin is UTC+1 in December: 02:00Z is 03:00 there, 23:00Z is midnight.
    const berlin = bySeverityAndHour(rows, "Europe/Berlin");
    expect(berlin.critical[3]).toBe(4);
    expect(berlin.warning[0]).toBe(2);
    expect(hourIn(new Date("2026-07-01T22:30:00Z"), "America/Chicago")).toBe(17);
    expect(hourIn(new Date("2026-12-01T00:00:00Z"), "Asia/Kolkata")).toBe(5);
  });

  it("says the action ratio in words, and none for no alerts", () => {
    expect(actionRatio(0, 0)).toBeNull();
    expect(actionRatio(1, 4)).toBe(0.25);
    expect(ratioWords(3, 25)).toBe("12 % (3 of 25)");
    expect(ratioWords(0, 0)).toBe("no alerts");
  });

  it("flags an identity that fires often and is rarely acted on, or that people call noisy", () => {
    expect(isNoisy({ alerts: 10, actioned: 1, useful: 0, noisy: 0 })).toBe(true);
    expect(isNoisy({ alerts: 10, actioned: 2, useful: 0, noisy: 0 })).toBe(false);
    expect(isNoisy({ alerts: 4, actioned: 0, useful: 0, noisy: 0 })).toBe(false);
    expect(isNoisy({ alerts: 2, actioned: 2, useful: 0, noisy: 1 })).toBe(true);
    expect(isNoisy({ alerts: 2, actioned: 2, useful: 1, noisy: 1 })).toBe(false);
  });

  it("validates feedback and the zone, naming the field", () => {
    expect(alertFeedbackSchema.safeParse({ verdict: "meh" }).error?.issues[0]?.path).toEqual(["verdict"]);
    expect(alertFeedbackSchema.safeParse({ verdict: "noisy", note: "x".repeat(501) }).error?.issues[0]?.path).toEqual(["note"]);
    expect(alertFeedbackSchema.parse({ verdict: "useful", identity: true })).toEqual({ verdict: "useful", identity: true });
    expect(alertHealthQuerySchema.parse({}).tz).toBe("UTC");
    expect(alertHealthQuerySchema.safeParse({ tz: "Mars/Olympus" }).success).toBe(false);
  });
});
