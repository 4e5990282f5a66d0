// The generic alert route (issue 16): any JSON a sender posts, read through the key's JSONPath mapping (jsonpath-plus,
// scripts off) for summary, dedup key, status and severity — and optionally where the alerts are in the body (`items`,
// for a body that carries several) and a labels object. Without a mapping the defaults read a body shaped like
// `{ summary, dedup_key, status, severity, labels }`.
import { JSONPath } from "jsonpath-plus";
import { z } from "zod";
import { normalizeSeverity, type AlertAction, type NormalizedAlert } from "./normalize";

const PATH_MAX = 200;

/** A JSONPath from `$`, without filters or scripts (they are off: an expression in a key's mapping never runs). */
const jsonPath = z
  .string()
  .trim()
  .max(PATH_MAX, `at most ${PATH_MAX} characters`)
  .refine((p) => p.startsWith("$"), "a JSONPath starts at the body: $")
  .refine((p) => !/[?(]/.test(p), "filters and scripts are off: use plain paths such as $.alert.title or $.alerts[*]")
  .refine((p) => {
    try {
      JSONPath({ path: p, json: {}, eval: false, wrap: true });
      return true;
    } catch {
      return false;
    }
  }, "not a JSONPath");

export const genericMappingSchema = z
  .object({
    /** Where the alerts are, when a body carries several (`$.alerts[*]`); the other paths are then read from each. */
    items: jsonPath.optional(),
    summary: jsonPath.default("$.summary"),
    dedupKey: jsonPath.default("$.dedup_key"),
    status: jsonPath.default("$.status"),
    severity: jsonPath.default("$.severity"),
    /** An object whose text, number and boolean values become labels (for rules such as env=prod). */
    labels: jsonPath.default("$.labels"),
  })
  .strict();
export type GenericMapping = z.infer<typeof genericMappingSchema>;

export const DEFAULT_GENERIC_MAPPING: GenericMapping = genericMappingSchema.parse({});

/** A stored mapping as the ingest path reads it: the defaults when there is none (or it no longer parses). */
export function genericMappingOf(stored: unknown): GenericMapping {
  const parsed = genericMappingSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : DEFAULT_GENERIC_MAPPING;
}

/** The most alerts one generic delivery carries; more is a 400 (send them in several). */
export const GENERIC_ITEMS_MAX = 1000;

/** Status words that resolve or acknowledge; any other value (or none) fires. */
const RESOLVED = new Set(["resolved", "resolve", "ok", "closed", "close", "recovered", "normal", "inactive", "cleared", "false"]);
const ACKNOWLEDGED = new Set(["acknowledged", "acknowledge", "ack", "acked"]);

const first = (path: string, json: unknown): unknown => {
  const found = JSONPath({ path, json: json as object, eval: false, wrap: true }) as unknown[];
  return found[0];
};

const text = (value: unknown): string | null =>
  typeof value === "string" ? value.trim() || null : typeof value === "number" || typeof value === "boolean" ? String(value) : null;

export function statusAction(value: unknown): AlertAction {
  const word = text(value)?.toLowerCase();
  if (!word) return "trigger";
  if (RESOLVED.has(word)) return "resolve";
  if (ACKNOWLEDGED.has(word)) return "acknowledge";
  return "trigger";
}

function labelsAt(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    const t = text(v);
    if (t !== null && k.length <= 100) out[k] = t.slice(0, 1000);
  }
  return out;
}

export type GenericResult = { ok: true; alerts: NormalizedAlert[] } | { ok: false; field: string; reason: string };

/** A body as its alerts, through the mapping. Without a dedup key each alert is its own (as Events v2 without one). */
export function normalizeGeneric(body: unknown, mapping: GenericMapping, newKey: () => string): GenericResult {
  if (!body || typeof body !== "object") return { ok: false, field: "body", reason: "a JSON object or array" };
  const items = mapping.items ? (JSONPath({ path: mapping.items, json: body as object, eval: false, wrap: true }) as unknown[]) : [body];
  if (mapping.items && items.length === 0) return { ok: false, field: mapping.items, reason: "no alerts at this path" };
  if (items.some((item) => !item || typeof item !== "object")) return { ok: false, field: mapping.items ?? "body", reason: "each alert is a JSON object" };
  if (items.length > GENERIC_ITEMS_MAX) return { ok: false, field: mapping.items ?? "body", reason: `at most ${GENERIC_ITEMS_MAX} alerts per delivery` };
  const alerts = items.map((item): NormalizedAlert => {
    const dedupKey = text(first(mapping.dedupKey, item));
    const summary = text(first(mapping.summary, item));
    return {
      source: "generic",
      identity: dedupKey ? dedupKey.slice(0, 512) : newKey(),
      identityFrom: "dedup_key",
      action: statusAction(first(mapping.status, item)),
      summary: summary ? summary.slice(0, 1024) : `Alert (nothing at ${mapping.summary})`,
      severity: normalizeSeverity(first(mapping.severity, item)),
      labels: labelsAt(first(mapping.labels, item)),
      annotations: {},
      startsAt: null,
      endsAt: null,
      groupKey: null,
      links: [],
      details: {},
    };
  });
  return { ok: true, alerts };
}
