// A small JSON Schema → fast-check generator over Conn's own OpenAPI document (the
// schemas zod's toJSONSchema writes: type, enum, const, pattern, format, min/max,
// anyOf/oneOf, objects with required and additionalProperties, arrays), and the
// hostile values the API must refuse with a 4xx, never a 5xx.
import fc from "fast-check";

export type JsonSchema = { [key: string]: any };

/** Real values of this test's organization, by property or parameter name (`user` → handles). */
export type Hints = Record<string, readonly unknown[]>;

export interface GenOptions {
  hints: Hints;
  /** Chance (0–1) that a node is replaced by a hostile value, a required key dropped, an extra key added. 0: valid requests. */
  hostility: number;
}

const TEN_KB = "a".repeat(10 * 1024);

/** Strings no field accepts as they are, or that stress every layer below the schema. */
export const HOSTILE_STRINGS: readonly string[] = [
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfff",
  "\udc00\ud800",
  "",
  " ",
  "\t\r\n",
  TEN_KB,
  "é".repeat(5 * 1024),
  "🙂".repeat(3 * 1024),
  "%00",
  "%ZZ",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  `'; DROP TABLE "Incident"; --`,
  "null",
  "NaN",
  "-1",
  "2147483648",
  "99999999999",
  "1e309",
  "@",
  "INC-0",
  "INC-99999999999",
  "INC-2147483648",
  "SVC-" + "A".repeat(46),
];

/** Dates and times outside what any date field accepts: years 0000 and 10000, impossible days. */
export const HOSTILE_DATES: readonly string[] = [
  "0000-01-01T00:00:00Z",
  "0000-01-01T00:00:00.000Z",
  "10000-01-01T00:00:00Z",
  "+010000-01-01T00:00:00.000Z",
  "-000001-01-01T00:00:00.000Z",
  "1969-12-31T23:59:59Z",
  "9999-12-31T23:59:59.999Z",
  "2024-02-30T00:00:00Z",
  "2024-13-01T00:00:00Z",
  "2024-01-01T24:00:00Z",
  "2024-01-01T00:00:00+99:00",
  "0000-01-01",
  "10000-01-01",
  "9999-12-31",
  "0000-01-01T00:00",
  "9999-12-31T23:59",
  "2026-03-29T02:30",
  "9999-99-99T99:99",
];

export const HOSTILE_NUMBERS: readonly number[] = [
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31),
  -(2 ** 31) - 1,
  2 ** 32,
  2 ** 53,
  2 ** 53 - 1,
  -(2 ** 53),
  99_999_999_999,
  -1,
  0,
  1.5,
  -0.5,
  0.001,
  1e21,
  1e308,
  -1e308,
  5e-324,
];

const WRONG_TYPES: readonly unknown[] = [null, true, false, [], {}, [null], { a: 1 }, "1", 1, [1, 2, 3], "true"];

/** 2000 nested arrays: valid JSON, deeper than any schema. */
const DEEP = JSON.parse("[".repeat(2000) + "]".repeat(2000));

const isDateLike = (s: JsonSchema) => s.format === "date-time" || s.format === "date" || /\\d\{4\}-/.test(s.pattern ?? "");
const isIntegerLike = (s: JsonSchema) => s.type === "integer" || s.type === "number";

/** A hostile value for a node of this schema: wrong types, and values of its own type no field accepts. */
export function hostileValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  const arbs: fc.WeightedArbitrary<unknown>[] = [
    { weight: 2, arbitrary: fc.constantFrom(...WRONG_TYPES) },
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
    { weight: 1, arbitrary: fc.constant(DEEP) },
  ];
  if (isDateLike(schema)) arbs.push({ weight: 8, arbitrary: fc.constantFrom(...HOSTILE_DATES) });
  if (isIntegerLike(schema)) arbs.push({ weight: 8, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) });
  if (schema.type === "string" && !schema.enum && !schema.pattern && !schema.format) {
    // A string one over its limit, and hostile characters inside an otherwise fine string.
    if (typeof schema.maxLength === "number" && schema.maxLength <= 20_000) arbs.push({ weight: 2, arbitrary: fc.constant("x".repeat(schema.maxLength + 1)) });
    arbs.push({ weight: 4, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom("\u0000", "\ud800", "\udfff")).map(([s, bad]) => `${s}${bad}${s}`) });
  }
  if (schema.type === "array") arbs.push({ weight: 2, arbitrary: fc.constant(Array.from({ length: (schema.maxItems ?? 100) + 1 }, () => "x")) });
  return fc.oneof(...arbs);
}

/** A realistic instant (2020–2030) as ISO 8601. */
const isoInstant = fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString());

function stringArb(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === "date-time") return fc.oneof({ weight: 4, arbitrary: isoInstant }, { weight: 1, arbitrary: fc.stringMatching(new RegExp(schema.pattern ?? "^.*$")) });
  if (schema.format === "date") return fc.oneof({ weight: 4, arbitrary: isoInstant.map((s) => s.slice(0, 10)) }, { weight: 1, arbitrary: fc.stringMatching(new RegExp(schema.pattern ?? "^.*$")) });
  if (schema.pattern === "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:00)?$") {
    // A wall-clock date-time (schedules): mostly real ones, some the pattern allows but no calendar has.
    return fc.oneof({ weight: 4, arbitrary: isoInstant.map((s) => s.slice(0, 16)) }, { weight: 1, arbitrary: fc.stringMatching(new RegExp(schema.pattern)) });
  }
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
  if (schema.format === "uri") return fc.oneof(fc.webUrl({ withQueryParameters: true }), fc.constantFrom("https://example.com/runbook", "http://127.0.0.1:9/hook"));
  const minLength = schema.minLength ?? 0;
  const maxLength = schema.maxLength ?? 10_000;
  const arbs: fc.Arbitrary<string>[] = [
    fc.string({ minLength, maxLength: Math.min(maxLength, Math.max(minLength, 40)) }),
    fc.string({ unit: "grapheme", minLength, maxLength: Math.min(maxLength, Math.max(minLength, 20)) }),
  ];
  if (maxLength <= 20_000 && maxLength >= minLength) arbs.push(fc.constant("y".repeat(maxLength)));
  return fc.oneof(...arbs);
}

function numberArb(schema: JsonSchema): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (schema.type === "integer" ? 1 : 1e-6) : -(2 ** 53 - 1));
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (schema.type === "integer" ? 1 : 1e-6) : 2 ** 53 - 1);
  const edges = fc.constantFrom(...[min, max, 0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 53 - 1].filter((n) => n >= min && n <= max && (schema.type !== "integer" || Number.isInteger(n))));
  if (schema.type === "integer") {
    const small = fc.integer({ min: Math.max(min, -1000), max: Math.min(max, Math.max(Math.max(min, -1000), 1000)) });
    return fc.oneof({ weight: 4, arbitrary: small }, { weight: 1, arbitrary: fc.bigInt({ min: BigInt(Math.ceil(min)), max: BigInt(Math.floor(max)) }).map(Number) }, { weight: 2, arbitrary: edges });
  }
  return fc.oneof({ weight: 4, arbitrary: fc.double({ min, max, noNaN: true, noDefaultInfinity: true }) }, { weight: 1, arbitrary: edges });
}

/**
 * Values for `schema`: valid ones when `hostility` is 0, else some nodes hostile. `name` is the
 * property or parameter the value is for: when the hints know it, real values of the org come often.
 */
export function valueArb(schema: JsonSchema | boolean | undefined, opts: GenOptions, name?: string): fc.Arbitrary<unknown> {
  const base = plainArb(schema === true || schema === undefined ? {} : schema === false ? { not: {} } : schema, opts, name);
  if (opts.hostility <= 0 || typeof schema !== "object") return base;
  const weight = Math.max(1, Math.round(opts.hostility * 100));
  return fc.oneof({ weight, arbitrary: hostileValue(schema) }, { weight: 100 - Math.min(weight, 99), arbitrary: base });
}

function plainArb(schema: JsonSchema, opts: GenOptions, name?: string): fc.Arbitrary<unknown> {
  const own = ownArb(schema, opts);
  const hinted = name !== undefined ? opts.hints[name]?.filter((v) => fitsHint(schema, v)) : undefined;
  if (hinted?.length) return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...hinted) }, { weight: 1, arbitrary: own });
  // A list of names (participants, services): its items get the name's hints.
  if (name !== undefined && opts.hints[name]?.length && schema.type === "array") return arrayArb(schema, opts, name);
  return own;
}

/** Whether a hint may stand for this schema: a free string for a string, a number for a number, anything for a union. */
function fitsHint(schema: JsonSchema, value: unknown): boolean {
  if (schema.anyOf || schema.oneOf) return true;
  if (schema.type === "string") return typeof value === "string" && !schema.enum && !schema.pattern && !schema.format;
  if (schema.type === "integer" || schema.type === "number") return typeof value === "number";
  if (schema.type === "array") return Array.isArray(value);
  if (schema.type === "object") return value !== null && typeof value === "object" && !Array.isArray(value);
  return false;
}

function arrayArb(schema: JsonSchema, opts: GenOptions, name?: string): fc.Arbitrary<unknown[]> {
  const minLength = schema.minItems ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 3, 3));
  return fc.array(valueArb(schema.items ?? {}, opts, name), { minLength, maxLength });
}

function ownArb(schema: JsonSchema, opts: GenOptions): fc.Arbitrary<unknown> {
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(union)) return fc.oneof(...union.map((s: JsonSchema) => valueArb(s, opts)));
  if (Array.isArray(schema.allOf)) return valueArb(Object.assign({}, ...schema.allOf), opts);
  if (schema.not) return fc.constant(undefined);
  switch (schema.type) {
    case "string":
      return stringArb(schema);
    case "integer":
    case "number":
      return numberArb(schema);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return arrayArb(schema, opts);
    case "object":
      return objectArb(schema, opts);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Whether a key is sent: a required one always (valid) or mostly (hostile), an optional one half the time. */
function presence(required: boolean, opts: GenOptions): fc.Arbitrary<boolean> {
  if (!required) return fc.boolean();
  if (opts.hostility <= 0) return fc.constant(true);
  return fc.oneof({ weight: 8, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
}

function objectArb(schema: JsonSchema, opts: GenOptions): fc.Arbitrary<Record<string, unknown>> {
  const properties: Record<string, JsonSchema> = schema.properties ?? {};
  const required = new Set<string>(schema.required ?? []);
  const entries = Object.entries(properties).map(([key, s]) =>
    // Optional keys: present about half the time. In hostile mode a required key goes missing sometimes.
    fc.tuple(fc.constant(key), presence(required.has(key), opts), valueArb(s, opts, key)),
  );
  const extra =
    typeof schema.additionalProperties === "object"
      ? fc.dictionary(schema.propertyNames ? (valueArb(schema.propertyNames, { ...opts, hostility: 0 }) as fc.Arbitrary<string>) : fc.string({ minLength: 1, maxLength: 10 }), valueArb(schema.additionalProperties, opts), { maxKeys: 3 })
      : opts.hostility > 0
        ? fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.dictionary(fc.constantFrom("extra", "__proto__", "constructor", "id", "orgId", "\u0000"), fc.constantFrom(...WRONG_TYPES), { maxKeys: 2 }) })
        : fc.constant({});
  return fc.tuple(fc.tuple(...entries), extra).map(([picked, more]) => {
    const out: Record<string, unknown> = { ...(more as Record<string, unknown>) };
    for (const [key, present, value] of picked) {
      if (present) out[key] = value;
    }
    return out;
  });
}

/** The schema of a union's branch that `value` fits by type (else its first non-null branch). */
function branchFor(schema: JsonSchema, value: unknown): JsonSchema {
  const union: JsonSchema[] | undefined = schema.anyOf ?? schema.oneOf;
  if (!union) return schema;
  const type = value === null ? "null" : Array.isArray(value) ? "array" : typeof value === "number" ? "number" : typeof value;
  const fits = union.find((s) => s.type === type || (type === "number" && s.type === "integer") || (s.const !== undefined && typeof s.const === type));
  return branchFor(fits ?? union.find((s) => s.type !== "null") ?? union[0]!, value);
}

/**
 * `value` (valid for `schema`) with exactly one thing wrong: one node replaced by a hostile
 * value, a required key dropped, or an extra key added. A request that is valid but for one
 * field reaches the deepest code with its hostile value.
 */
export function mutationArb(schema: JsonSchema, value: unknown): fc.Arbitrary<unknown> {
  const own = branchFor(schema, value);
  const replace = { weight: 2, arbitrary: hostileValue(own) };
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    const required: string[] = (own.required ?? []).filter((k: string) => k in obj);
    const arbs: fc.WeightedArbitrary<unknown>[] = [replace, { weight: 1, arbitrary: fc.constantFrom("extra", "__proto__", "id", "orgId").map((k) => ({ ...obj, [k]: "x" })) }];
    if (keys.length) {
      arbs.push({
        weight: 10,
        arbitrary: fc.constantFrom(...keys).chain((k) => mutationArb(own.properties?.[k] ?? own.additionalProperties ?? {}, obj[k]).map((v) => ({ ...obj, [k]: v }))),
      });
    }
    if (required.length) arbs.push({ weight: 2, arbitrary: fc.constantFrom(...required).map((k) => Object.fromEntries(Object.entries(obj).filter(([key]) => key !== k))) });
    return fc.oneof(...arbs);
  }
  if (Array.isArray(value) && value.length) {
    return fc.oneof(replace, { weight: 6, arbitrary: fc.nat(value.length - 1).chain((i) => mutationArb(own.items ?? {}, value[i]).map((v) => value.map((x, j) => (j === i ? v : x)))) });
  }
  return hostileValue(own);
}

/** A valid value with exactly one thing wrong (see mutationArb). */
export function oneWrongArb(schema: JsonSchema, hints: Hints): fc.Arbitrary<unknown> {
  return valueArb(schema, { hints, hostility: 0 }).chain((value) => mutationArb(schema, value));
}
