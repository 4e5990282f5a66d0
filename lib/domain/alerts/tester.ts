// The routing rule tester (issue 16): a payload pasted as a sender would post it, read by that sender's normaliser,
// and for each of its alerts the rule that takes it (or the default) and what Conn would do. Nothing is stored.
import { z } from "zod";
import { genericMappingSchema, normalizeGeneric, type GenericMapping } from "./generic";
import {
  ALERT_SOURCES,
  alertmanagerWebhookSchema,
  eventsV2Schema,
  normalizeAlertmanager,
  normalizeEventV2,
  normalizeOpsgenie,
  opsgenieCreateSchema,
  type AlertSource,
  type NormalizedAlert,
} from "./normalize";
import { routeAlert, type RoutingRule } from "./rules";
import { routingRuleInputSchema } from "./settings";

export const ruleTestSchema = z
  .object({
    source: z.enum(ALERT_SOURCES, "alertmanager, grafana, events_v2, opsgenie or generic"),
    payload: z.unknown().refine((p) => p !== undefined && p !== null, "Paste the payload as the sender posts it"),
    /** Rules not yet saved, to try before saving; absent: the service's saved rules. */
    rules: z.array(routingRuleInputSchema).max(50, "at most 50 rules").optional(),
    /** For the generic source: a mapping to try; absent: the defaults. */
    mapping: genericMappingSchema.optional(),
  })
  .strict();
export type RuleTestInput = z.infer<typeof ruleTestSchema>;

type Read = { ok: true; alerts: NormalizedAlert[] } | { ok: false; fields: Record<string, string> };

const issuesAsFields = (error: z.ZodError, prefix: string) =>
  Object.fromEntries(error.issues.map((i) => [[prefix, ...i.path.map(String)].join("."), i.message]));

/** A payload as its sender's route would read it; the fields it would refuse, under `payload.`. */
export function readPayload(source: AlertSource, payload: unknown, mapping: GenericMapping, newKey: () => string): Read {
  if (source === "alertmanager" || source === "grafana") {
    const parsed = alertmanagerWebhookSchema.safeParse(payload);
    return parsed.success ? { ok: true, alerts: normalizeAlertmanager(parsed.data, source) } : { ok: false, fields: issuesAsFields(parsed.error, "payload") };
  }
  if (source === "events_v2") {
    const parsed = eventsV2Schema.safeParse(payload);
    return parsed.success ? { ok: true, alerts: [normalizeEventV2(parsed.data, newKey)] } : { ok: false, fields: issuesAsFields(parsed.error, "payload") };
  }
  if (source === "opsgenie") {
    const parsed = opsgenieCreateSchema.safeParse(payload);
    return parsed.success ? { ok: true, alerts: [normalizeOpsgenie(parsed.data, newKey)] } : { ok: false, fields: issuesAsFields(parsed.error, "payload") };
  }
  const read = normalizeGeneric(payload, mapping, newKey);
  return read.ok ? read : { ok: false, fields: { [`payload.${read.field}`]: read.reason } };
}

export interface RuleTestRow {
  identity: string;
  summary: string;
  severity: NormalizedAlert["severity"];
  labels: Record<string, string>;
  /** What the sender asked (trigger, acknowledge, resolve): only a trigger is routed. */
  action: NormalizedAlert["action"];
  /** The rule that takes it (1-based position as the admin sees the list), or null: the default for its severity. */
  rule: { position: number; id: string; name: string | null } | null;
  route: "open" | "page" | "record" | "drop";
  incidentSeverity: string;
  holdSeconds: number;
}

export function explainRoutes(rules: readonly (RoutingRule & { name?: string })[], alerts: readonly NormalizedAlert[]): RuleTestRow[] {
  return alerts.map((alert) => {
    const route = routeAlert(rules, alert);
    const index = route.ruleId === null ? -1 : rules.findIndex((r) => r.id === route.ruleId);
    return {
      identity: alert.identity,
      summary: alert.summary,
      severity: alert.severity,
      labels: alert.labels,
      action: alert.action,
      rule: index >= 0 ? { position: index + 1, id: rules[index]!.id, name: rules[index]!.name ?? null } : null,
      route: route.action,
      incidentSeverity: route.incidentSeverity,
      holdSeconds: route.holdSeconds,
    };
  });
}
