// The service catalog's rules: canonical keys and the hygiene flags that say a
// service is not ready for its next incident (PRACTICES.md "Before the incident").
import { z } from "zod";
import { INT4_MAX } from "./input";

export const REVIEW_STALE_DAYS = 90;

export const serviceKeySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^SVC-[A-Z0-9][A-Z0-9-]{0,46}$/, "Must look like SVC-CHECKOUT");

const link = z.object({ label: z.string().trim().min(1, "Required").max(80), url: z.string().trim().max(2000).refine((v) => /^https?:\/\//i.test(v), "Must be an http(s) URL") }).strict();

const serviceName = z.string().trim().min(1, "Required").max(120);
const teamRef = z.string().trim().toLowerCase().min(1, "Required").max(60);
const tier = z.number().int().min(1).max(3);
const description = z.string().trim().max(2000);
const links = z.array(link).max(20);
const dependsOn = z.array(serviceKeySchema).max(50);
/** An escalation policy of the same organization, by id. */
const escalationPolicyRef = z.string().trim().min(1, "Required").max(64);

export const serviceCreateSchema = z
  .object({
    key: serviceKeySchema,
    name: serviceName,
    team: teamRef,
    tier,
    description: description.optional(),
    links: links.optional(),
    dependsOn: dependsOn.optional(),
    escalationPolicy: escalationPolicyRef.nullish(),
  })
  .strict();
export type ServiceCreateInput = z.infer<typeof serviceCreateSchema>;

/**
 * An edit with the version last read (409 when stale). `links` and `dependsOn`
 * replace the whole list; `escalationPolicy: null` detaches the policy;
 * `reviewed: true` marks the service reviewed now. The key stays: incidents,
 * changes and integrations name it. Every service keeps one owning team.
 */
export const servicePatchSchema = z
  .object({
    version: z.number({ error: "Required: the version you last read" }).int().min(1).max(INT4_MAX),
    name: serviceName.optional(),
    description: description.optional(),
    team: teamRef.optional(),
    tier: tier.optional(),
    links: links.optional(),
    dependsOn: dependsOn.optional(),
    escalationPolicy: escalationPolicyRef.nullable().optional(),
    reviewed: z.literal(true, { error: "Only true: marks the service reviewed now" }).optional(),
  })
  .strict()
  .refine((p) => Object.entries(p).some(([k, v]) => k !== "version" && v !== undefined), { message: "Nothing to change", path: ["body"] });
export type ServicePatchInput = z.infer<typeof servicePatchSchema>;

/** A service cannot depend on itself: the reason for `dependsOn`, or null. */
export function selfDependencyError(key: string, dependsOn: readonly string[]): string | null {
  return dependsOn.includes(key.toUpperCase()) ? `${key.toUpperCase()} cannot depend on itself` : null;
}

export type HygieneFlag = "no_owner" | "no_runbook" | "review_stale";

export interface HygieneInput {
  tier: number;
  hasOwner: boolean;
  links: { label: string; url: string }[];
  lastReviewedAt: Date | string | null;
}

const isRunbook = (l: { label: string; url: string }) => /runbook|playbook/i.test(l.label) || /runbook/i.test(l.url);

/** The service's runbook link (the first link that names one), for the incident page. */
export function runbookOf<L extends { label: string; url: string }>(links: readonly L[]): L | null {
  return links.find(isRunbook) ?? null;
}

/** What is missing before this service's next incident. Tier-1 services need an owner and a runbook; every service a review every 90 days. */
export function hygieneFlags(service: HygieneInput, now: Date): { flag: HygieneFlag; message: string }[] {
  const flags: { flag: HygieneFlag; message: string }[] = [];
  if (service.tier === 1 && !service.hasOwner) flags.push({ flag: "no_owner", message: "Tier 1 without an owning team: nobody is paged." });
  if (service.tier === 1 && !service.links.some(isRunbook)) flags.push({ flag: "no_runbook", message: "Tier 1 without a runbook." });
  const reviewed = service.lastReviewedAt ? new Date(service.lastReviewedAt).getTime() : null;
  if (reviewed === null) flags.push({ flag: "review_stale", message: "Never reviewed." });
  else if (now.getTime() - reviewed > REVIEW_STALE_DAYS * 86_400_000) {
    flags.push({ flag: "review_stale", message: `Not reviewed for ${Math.floor((now.getTime() - reviewed) / 86_400_000)} days.` });
  }
  return flags;
}
