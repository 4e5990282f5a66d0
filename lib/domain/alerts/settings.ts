// Alerts in (issue 16): a service's alert settings as stored (Service.alertSettings): its ordered routing rules, its
// grouping window and labels. Empty means the defaults: no rules (critical opens, error pages, the rest recorded),
// a 30-minute window, one group for the whole service. Admins write them as `AlertSettingsInput` (matchers written
// as Alertmanager writes them, `env=prod`; owners by handle); each rule keeps an owner and when it was last reviewed.
import { z } from "zod";
import { tooLong } from "../input";
import { SEVERITIES } from "../severity";
import { ALERT_SEVERITIES } from "./normalize";
import { DEFAULT_GROUP_WINDOW_MS, parseMatcher, ROUTE_ACTIONS, type LabelMatcher } from "./rules";

const matcherSchema = z.object({ label: z.string().min(1).max(100), op: z.enum(["=", "!="]), value: z.string().max(500) });

/** A rule as stored. */
export const routingRuleSchema = z.object({
  id: z.string().min(1).max(60),
  name: z.string().max(100).optional(),
  severities: z.array(z.enum(ALERT_SEVERITIES)).max(4).optional(),
  matchers: z.array(matcherSchema).max(20).optional(),
  action: z.enum(ROUTE_ACTIONS),
  incidentSeverity: z.enum(SEVERITIES).optional(),
  holdSeconds: z.number().int().min(0).max(900).optional(),
  /** The person who answers for this rule (a user id). */
  ownerId: z.string().max(60).nullable().optional(),
  reviewedAt: z.string().max(40).optional(),
});
export type StoredRule = z.infer<typeof routingRuleSchema>;

const groupWindowMinutes = z.number().int().min(1, "at least 1 minute").max(24 * 60, "at most 24 hours (1440 minutes)");
const groupingLabels = z.array(z.string().trim().min(1).max(100, tooLong(100))).max(10, "at most 10 labels");

export const alertSettingsSchema = z.object({
  rules: z.array(routingRuleSchema).max(50).default([]),
  groupWindowMinutes: groupWindowMinutes.default(DEFAULT_GROUP_WINDOW_MS / 60_000),
  groupingLabels: groupingLabels.default([]),
  /** When every alert of an incident resolves before anyone acknowledged a page, the paging is called off. */
  cancelPagingWhenResolved: z.boolean().default(true),
});
export type AlertSettings = z.infer<typeof alertSettingsSchema>;

/** The stored settings, or the defaults where they are missing or unreadable (a bad row never stops an alert). */
export function alertSettingsOf(stored: unknown): AlertSettings {
  const parsed = alertSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : alertSettingsSchema.parse({});
}

// ─── What an admin sends ────────────────────────────────────────────────────

const matcherText = z
  .string()
  .max(600, tooLong(600))
  .transform((text, ctx): LabelMatcher => {
    const m = parseMatcher(text);
    if (!m) {
      ctx.addIssue({ code: "custom", message: "a label matcher such as env=prod or env!=dev" });
      return z.NEVER;
    }
    return m;
  });

export const routingRuleInputSchema = z
  .object({
    /** Kept from the rule as read, so its review date survives an edit elsewhere; absent for a new rule. */
    id: z.string().min(1).max(60).optional(),
    name: z.string().trim().max(100, tooLong(100)).optional(),
    severities: z.array(z.enum(ALERT_SEVERITIES)).max(4).optional(),
    matchers: z.array(matcherText).max(20, "at most 20 matchers").optional(),
    action: z.enum(ROUTE_ACTIONS, "open, page, record or drop"),
    incidentSeverity: z.enum(SEVERITIES).optional(),
    holdSeconds: z.number().int().min(0).max(900, "at most 900 seconds (15 minutes)").optional(),
    /** A handle (or null: nobody — flagged on the service page). */
    owner: z.string().trim().max(100).nullable().optional(),
    /** Marks an unchanged rule reviewed now (a new or changed rule is reviewed by being written). */
    reviewed: z.literal(true, "Only true: marks the rule reviewed now").optional(),
  })
  .strict();
export type RoutingRuleInput = z.infer<typeof routingRuleInputSchema>;

export const alertSettingsInputSchema = z
  .object({
    version: z.number({ error: "Required: the service's version you last read" }).int().min(1).max(2_147_483_647),
    rules: z.array(routingRuleInputSchema).max(50, "at most 50 rules"),
    groupWindowMinutes: groupWindowMinutes.optional(),
    groupingLabels: groupingLabels.optional(),
    cancelPagingWhenResolved: z.boolean().optional(),
  })
  .strict();
export type AlertSettingsInput = z.infer<typeof alertSettingsInputSchema>;

/** What decides routing in a rule: a change to any of it is a new review. */
const substance = (r: Omit<StoredRule, "id" | "reviewedAt" | "name">) =>
  JSON.stringify([r.severities ?? [], r.matchers ?? [], r.action, r.incidentSeverity ?? null, r.holdSeconds ?? 0, r.ownerId ?? null]);

/**
 * The rules to store from what an admin sent: ids kept (new ones made), owners resolved to user ids, and reviewedAt
 * now for a rule that is new, changed, or marked reviewed — otherwise the date it had.
 */
export function rulesToStore(before: readonly StoredRule[], input: readonly RoutingRuleInput[], ownerIds: ReadonlyMap<string, string>, now: Date, newId: () => string): StoredRule[] {
  const byId = new Map(before.map((r) => [r.id, r]));
  return input.map((r) => {
    const ownerId = r.owner ? (ownerIds.get(r.owner.replace(/^@/, "").toLowerCase()) ?? null) : null;
    const rule: Omit<StoredRule, "id" | "reviewedAt"> = {
      ...(r.name ? { name: r.name } : {}),
      ...(r.severities?.length ? { severities: [...new Set(r.severities)] } : {}),
      ...(r.matchers?.length ? { matchers: r.matchers } : {}),
      action: r.action,
      ...(r.incidentSeverity ? { incidentSeverity: r.incidentSeverity } : {}),
      ...(r.holdSeconds ? { holdSeconds: r.holdSeconds } : {}),
      ownerId,
    };
    const prior = r.id ? byId.get(r.id) : undefined;
    const unchanged = prior !== undefined && substance(prior) === substance(rule);
    return { id: prior?.id ?? newId(), ...rule, reviewedAt: unchanged && !r.reviewed && prior.reviewedAt ? prior.reviewedAt : now.toISOString() };
  });
}

export const RULE_REVIEW_DAYS = 90;
export type RuleFlag = "no_owner" | "review_stale";

/** Catalog hygiene for a rule: nobody owns it, or nobody has looked at it for 90 days. */
export function ruleFlags(rule: Pick<StoredRule, "ownerId" | "reviewedAt">, now: Date): { flag: RuleFlag; message: string }[] {
  const flags: { flag: RuleFlag; message: string }[] = [];
  if (!rule.ownerId) flags.push({ flag: "no_owner", message: "Nobody owns this rule" });
  const reviewed = rule.reviewedAt ? Date.parse(rule.reviewedAt) : NaN;
  if (!Number.isFinite(reviewed) || now.getTime() - reviewed > RULE_REVIEW_DAYS * 86_400_000) {
    flags.push({ flag: "review_stale", message: `Not reviewed for ${RULE_REVIEW_DAYS} days` });
  }
  return flags;
}

/** `env=prod` as an admin writes it back. */
export const matcherToText = (m: LabelMatcher) => `${m.label}${m.op}${m.value}`;
