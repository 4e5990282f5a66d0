// What any input may hold, whatever the field: the limits of the columns behind
// it. Postgres refuses a NUL character in text and JSON and cannot store a lone
// UTF-16 surrogate; an int4 column holds at most 2^31 − 1; a timestamp before
// 1970 or after 9999 is nobody's incident. Every boundary (request bodies, query
// strings, path parameters, socket payloads) checks these once, so a hostile value
// is a 400 naming its field, never a 500 from the database.
import { z } from "zod";

/** The largest value an int4 column (seq, version, number) holds. */
export const INT4_MAX = 2_147_483_647;

const NUL = /\u0000/;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as text, or null when it can. */
export function unsafeTextReason(value: string): string | null {
  if (NUL.test(value)) return "Must not contain a NUL character (\\u0000)";
  if (LONE_SURROGATE.test(value)) return "Must be valid Unicode text (a lone surrogate was sent)";
  return null;
}

/**
 * The first string (a value or an object key) anywhere in `value` that cannot be
 * stored, with its dotted path: `{ path: "links.0.label", reason }`.
 */
export function findUnsafeText(value: unknown, path: (string | number)[] = []): { path: string; reason: string } | null {
  if (typeof value === "string") {
    const reason = unsafeTextReason(value);
    return reason ? { path: path.length ? path.join(".") : "body", reason } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeText(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      const keyReason = unsafeTextReason(key);
      if (keyReason) return { path: [...path, "(key)"].join("."), reason: keyReason };
      const found = findUnsafeText(inner, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

const EXPECTED: Record<string, string> = {
  string: "Must be text",
  number: "Must be a number",
  int: "Must be a whole number",
  boolean: "Must be true or false",
  array: "Must be a list",
  object: "Must be an object",
  date: "Must be a date",
};
const FORMATS: Record<string, string> = {
  email: "Must be an email address",
  url: "Must be a URL",
  uuid: "Must be an id (a UUID)",
  datetime: "Must be a date and time in ISO 8601 with Z (2026-12-02T03:00:00Z)",
  date: "Must be a date (2026-12-02)",
  regex: "Is not in the expected form",
};

/**
 * Zod's default messages in plain words, for every schema that does not say its own: what to do, once
 * ("Must be a whole number"), never the schema's wording ("Invalid input: expected int, received number").
 * Applied wherever lib/domain is loaded — the server, and the browser where forms validate before sending.
 */
z.config({
  customError: (issue) => {
    const { code } = issue;
    const input = issue.input;
    if (input === undefined && (code === "invalid_type" || code === "invalid_value" || code === "invalid_union")) return "Required";
    if (code === "invalid_type") return EXPECTED[issue.expected] ?? undefined;
    if (code === "invalid_value") return `Must be one of: ${issue.values.map(String).join(", ")}`;
    if (code === "invalid_format") return FORMATS[issue.format] ?? undefined;
    if (code === "unrecognized_keys") return `Not a field here: ${issue.keys.join(", ")}`;
    if (code === "too_big" || code === "too_small") {
      const limit = Number(code === "too_big" ? issue.maximum : issue.minimum).toLocaleString("en");
      const most = code === "too_big" ? "at most" : "at least";
      if (issue.origin === "string") return code === "too_big" ? `Keep it to ${limit} characters` : `Needs ${most} ${limit} characters`;
      if (issue.origin === "array" || issue.origin === "set") return `List ${most} ${limit}`;
      if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint") return `Must be ${most} ${limit}`;
    }
    return undefined;
  },
});

/** What a too-long text says: the limit and how far over it is, never the schema's wording. */
export const tooLong = (max: number) => ({
  error: (issue: { input?: unknown }) => {
    const length = typeof issue.input === "string" ? issue.input.length : undefined;
    const limit = max.toLocaleString("en");
    return length === undefined ? `Keep it to ${limit} characters` : `Keep it to ${limit} characters (this is ${length.toLocaleString("en")})`;
  },
});

/** A string that Postgres can store: the base of every text field. */
export const safeString = () => z.string().superRefine((value, ctx) => {
  const reason = unsafeTextReason(value);
  if (reason) ctx.addIssue({ code: "custom", message: reason });
});

/** An integer an int4 column holds, within [min, max]. */
export const int4 = (min = 0, max = INT4_MAX) => z.number().int().min(min).max(max);
/** The same from a query string or path segment (`?after=12`). */
export const coercedInt4 = (min = 0, max = INT4_MAX) => z.coerce.number().int().min(min).max(max);

export const MIN_YEAR = 1970;
export const MAX_YEAR = 9999;

/** A date or date-time string whose year is within 1970–9999 (a "0000" year is not an instant Postgres stores). */
export function yearInRange(value: string): boolean {
  const year = Number(/^(\d{4})-/.exec(value)?.[1]);
  if (!(year >= MIN_YEAR && year <= MAX_YEAR)) return false;
  return !Number.isNaN(new Date(value).getTime());
}

const YEARS = `Must be between the years ${MIN_YEAR} and ${MAX_YEAR}`;

/** An ISO 8601 instant with an offset (`2026-11-23T14:05:00Z`), years 1970–9999. */
export const isoInstant = (error = "Must be an ISO 8601 date-time, e.g. 2026-11-23T14:05:00Z") =>
  z.iso.datetime({ offset: true, error }).refine(yearInRange, YEARS);

/** An ISO 8601 calendar date (`2026-12-01`), years 1970–9999. */
export const isoDate = (error = "Must be a date, e.g. 2026-12-01") => z.iso.date({ error }).refine(yearInRange, YEARS);
