import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildCalendar, escapeText, foldLine, formatUtc } from "./ics";

const octets = (s: string) => new TextEncoder().encode(s).length;
/** Undo folding (RFC 5545 §3.1): a CRLF followed by one space or tab joins. */
const unfold = (s: string) => s.replace(/\r\n[ \t]/g, "");

describe("formatUtc", () => {
  it("writes UTC date-times without separators or milliseconds", () => {
    expect(formatUtc(new Date("2026-03-08T08:00:00.000Z"))).toBe("20260308T080000Z");
    expect(formatUtc(new Date("2026-12-31T23:59:59.999Z"))).toBe("20261231T235959Z");
  });
});

describe("escapeText", () => {
  it.each([
    ["plain", "plain"],
    ["a, b; c", "a\\, b\\; c"],
    ["back\\slash", "back\\\\slash"],
    ["two\nlines", "two\\nlines"],
    ["crlf\r\nline", "crlf\\nline"],
    ["bell\u0007gone", "bellgone"],
  ])("%j → %j", (input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });
});

describe("foldLine", () => {
  it("leaves a line of 75 octets alone and folds one of 76", () => {
    const exact = `SUMMARY:${"x".repeat(67)}`;
    expect(octets(exact)).toBe(75);
    expect(foldLine(exact)).toBe(exact);
    const folded = foldLine(`${exact}y`);
    expect(folded).toBe(`${exact}\r\n y`);
  });

  it("keeps every physical line within 75 octets and never splits a UTF-8 character", () => {
    const line = `SUMMARY:On call: ${"Sofía García 🚒 ".repeat(20)}`;
    const folded = foldLine(line);
    const physical = folded.split("\r\n");
    expect(physical.length).toBeGreaterThan(4);
    for (const [i, l] of physical.entries()) {
      expect(octets(l)).toBeLessThanOrEqual(75);
      if (i > 0) expect(l.startsWith(" ")).toBe(true);
      // Each piece is valid UTF-8 on its own (no lone surrogate, no broken sequence).
      expect(l).not.toMatch(/[\uD800-\uDFFF](?![\uDC00-\uDFFF])/u);
    }
    expect(unfold(folded)).toBe(line);
  });
});

describe("buildCalendar", () => {
  const now = new Date("2026-11-23T12:00:00Z");
  const text = buildCalendar({
    name: "On call: Payments, primary",
    description: "Who is on call for Payments",
    now,
    events: [
      {
        uid: "sch1-20261123T080000Z-u1@conn",
        start: new Date("2026-11-23T08:00:00Z"),
        end: new Date("2026-11-30T08:00:00Z"),
        summary: "On call: Sofía García (@sgarcia) · Payments; primary",
        description: `Schedule: Payments\nLayer: Primary ${"long text ".repeat(20)}`,
        url: "https://conn.example.com/schedules/sch1",
        categories: ["On-call", "Payments"],
      },
      { uid: "sch1-20261130T080000Z-u2@conn", start: new Date("2026-11-30T08:00:00Z"), end: new Date("2026-12-07T08:00:00Z"), summary: "On call: Ben" },
    ],
  });

  it("uses CRLF everywhere and ends with one", () => {
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of text.split("\r\n")) expect(octets(line)).toBeLessThanOrEqual(75);
  });

  it("parses with an independent parser into the same events", () => {
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("prodid")).toBe("-//Conn//On-call schedules//EN");
    // ical.js does not know X-WR-CALNAME's type, so it shows the TEXT escape as sent.
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("On call: Payments\\, primary");
    const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events.map((e) => [e.uid, e.summary, e.startDate.toJSDate().toISOString(), e.endDate.toJSDate().toISOString()])).toEqual([
      ["sch1-20261123T080000Z-u1@conn", "On call: Sofía García (@sgarcia) · Payments; primary", "2026-11-23T08:00:00.000Z", "2026-11-30T08:00:00.000Z"],
      ["sch1-20261130T080000Z-u2@conn", "On call: Ben", "2026-11-30T08:00:00.000Z", "2026-12-07T08:00:00.000Z"],
    ]);
    expect(events[0]!.description).toContain("Schedule: Payments\nLayer: Primary long text");
    expect(events[0]!.startDate.isDate).toBe(false);
    expect(events[0]!.startDate.zone?.tzid).toBe("UTC");
    for (const v of calendar.getAllSubcomponents("vevent")) {
      expect((v.getFirstPropertyValue("dtstamp") as ICAL.Time).toJSDate().toISOString()).toBe(now.toISOString());
    }
  });
});
