// A small iCalendar (RFC 5545) writer for published feeds: one VCALENDAR of
// VEVENTs with UTC times. Calendar apps subscribe to these, so the rules are
// followed to the letter: CRLF line endings, lines folded at 75 octets (never
// inside a UTF-8 character), TEXT values escaped, DTSTAMP on every event.

export interface IcsEvent {
  /** Globally unique and stable: the same shift keeps its UID across fetches. */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  url?: string;
  categories?: string[];
}

export interface IcsCalendar {
  /** Shown by calendar apps as the calendar's name. */
  name: string;
  description?: string;
  events: IcsEvent[];
  /** When the feed was made: every event's DTSTAMP. */
  now: Date;
  /** How often a subscriber should refetch. */
  refreshMinutes?: number;
}

const CRLF = "\r\n";
const MAX_OCTETS = 75;

/** `20261123T140500Z`: a UTC date-time (FORM #2 of RFC 5545 §3.3.5). */
export function formatUtc(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

/** Escapes a TEXT value (§3.3.11): backslash, semicolon, comma and newlines; other control characters go. */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\n/g, "\\n");
}

/**
 * Folds one content line (§3.1): no line longer than 75 octets, each
 * continuation starting with a single space. Splits between characters, never
 * inside a multi-octet UTF-8 sequence.
 */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // A continuation line's leading space counts towards its 75.
    const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

function property(name: string, value: string): string {
  return foldLine(`${name}:${value}`);
}

/** The whole feed, CRLF-terminated. */
export function buildCalendar(calendar: IcsCalendar): string {
  const stamp = formatUtc(calendar.now);
  const refresh = `PT${Math.max(1, Math.round(calendar.refreshMinutes ?? 60))}M`;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Conn//On-call schedules//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    property("NAME", escapeText(calendar.name)),
    property("X-WR-CALNAME", escapeText(calendar.name)),
    ...(calendar.description ? [property("X-WR-CALDESC", escapeText(calendar.description))] : []),
    `REFRESH-INTERVAL;VALUE=DURATION:${refresh}`,
    `X-PUBLISHED-TTL:${refresh}`,
  ];
  for (const event of calendar.events) {
    lines.push(
      "BEGIN:VEVENT",
      property("UID", escapeText(event.uid)),
      `DTSTAMP:${stamp}`,
      `DTSTART:${formatUtc(event.start)}`,
      `DTEND:${formatUtc(event.end)}`,
      property("SUMMARY", escapeText(event.summary)),
      ...(event.description ? [property("DESCRIPTION", escapeText(event.description))] : []),
      ...(event.url ? [property("URL", event.url)] : []),
      ...(event.categories?.length ? [property("CATEGORIES", event.categories.map(escapeText).join(","))] : []),
      // On call is not busy: it should not block a free/busy lookup.
      "TRANSP:TRANSPARENT",
      "STATUS:CONFIRMED",
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return lines.join(CRLF) + CRLF;
}
