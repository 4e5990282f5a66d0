import { describe, expect, it } from "vitest";
import { formatAbsolute, formatDuration, formatRelative } from "./time";

describe("time formatting", () => {
  it("formats durations at their boundaries", () => {
    expect(formatDuration(59_999)).toBe("59s");
    expect(formatDuration(60_000)).toBe("1m");
    expect(formatDuration(59 * 60_000 + 59_000)).toBe("59m");
    expect(formatDuration(3_600_000 + 5 * 60_000)).toBe("1h 05m");
    expect(formatDuration(26 * 3_600_000)).toBe("1d 2h");
  });

  it("says ago or in", () => {
    const now = new Date("2026-11-23T03:00:00Z");
    expect(formatRelative(new Date("2026-11-23T02:48:00Z"), now)).toBe("12m ago");
    expect(formatRelative(new Date("2026-11-23T03:05:00Z"), now)).toBe("in 5m");
    expect(formatRelative(now, now)).toBe("just now");
  });

  it("shows absolute times in a zone", () => {
    expect(formatAbsolute(new Date("2026-07-01T12:00:00Z"), "Europe/Berlin")).toContain("14:00");
    expect(formatAbsolute(new Date("2026-07-01T12:00:00Z"), "UTC")).toContain("12:00");
  });
});
