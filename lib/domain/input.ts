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
