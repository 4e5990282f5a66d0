// Alerts in (issue 16): a service's alert settings as stored (Service.alertSettings): its ordered routing rules, its
// grouping window and labels. Empty means the defaults: no rules (critical opens, error pages, the rest recorded),
// a 30-minute window, one group for the whole service.
import { z } from "zod";
import { SEVERITIES } from "../severity";
import { ALERT_SEVERITIES } from "./normalize";
import { DEFAULT_GROUP_WINDOW_MS, ROUTE_ACTIONS } from "./rules";

const matcherSchema = z.object({ label: z.string().min(1).max(100), op: z.enum(["=", "!="]), value: z.string().max(500) });

export const routingRuleSchema = z.object({
  id: z.string().min(1).max(60),
  severities: z.array(z.enum(ALERT_SEVERITIES)).max(4).optional(),
  matchers: z.array(matcherSchema).max(20).optional(),
  action: z.enum(ROUTE_ACTIONS),
  incidentSeverity: z.enum(SEVERITIES).optional(),
  holdSeconds: z.number().int().min(0).max(900).optional(),
});

export const alertSettingsSchema = z.object({
  rules: z.array(routingRuleSchema).max(50).default([]),
  groupWindowMinutes: z.number().int().min(1).max(24 * 60).default(DEFAULT_GROUP_WINDOW_MS / 60_000),
  groupingLabels: z.array(z.string().min(1).max(100)).max(10).default([]),
});
export type AlertSettings = z.infer<typeof alertSettingsSchema>;

/** The stored settings, or the defaults where they are missing or unreadable (a bad row never stops an alert). */
export function alertSettingsOf(stored: unknown): AlertSettings {
  const parsed = alertSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : alertSettingsSchema.parse({});
}
