// Escalation policies: who is paged, in which order, and when the next step
// fires if nobody acknowledges (../shared/PRACTICES.md "Escalation"). Pure:
// request schemas, the stored shape, and the arithmetic of steps and rounds.
// The server runs a policy as an Escalation row plus one durable job.
import { z } from "zod";
import { INT4_MAX, tooLong } from "./input";
import { personRefSchema } from "./schedule-schemas";

export const MAX_STEPS = 10;
export const MAX_TARGETS = 5;
export const MAX_REPEAT = 9;
/** A step waits at least 3 s (fractions of a minute are allowed) and at most a day. */
export const MIN_DELAY_MINUTES = 0.05;
export const MAX_DELAY_MINUTES = 24 * 60;

export const ESCALATION_STATUSES = ["active", "acknowledged", "exhausted", "cancelled"] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

const text = (max: number) => z.string().trim().min(1, "Required").max(max, tooLong(max));

/** A target as a client names it: a schedule (its on-call at that moment) or one person. */
export const targetInputSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("schedule"), schedule: text(100) }).strict(),
  z.object({ kind: z.literal("user"), user: personRefSchema }).strict(),
]);
export type TargetInput = z.infer<typeof targetInputSchema>;

export const stepInputSchema = z
  .object({
    targets: z.array(targetInputSchema).min(1, "A step notifies at least one schedule or person").max(MAX_TARGETS, `At most ${MAX_TARGETS} targets`),
    delayMinutes: z
      .number("Must be a number of minutes")
      .min(MIN_DELAY_MINUTES, `At least ${MIN_DELAY_MINUTES} minutes (3 s)`)
      .max(MAX_DELAY_MINUTES, "At most 1440 minutes (a day)"),
  })
  .strict();

export const policyCreateSchema = z
  .object({
    name: text(100),
    description: z.string().trim().max(2000, tooLong(2000)).optional(),
    steps: z.array(stepInputSchema).min(1, "At least one step").max(MAX_STEPS, `At most ${MAX_STEPS} steps`),
    repeat: z.number().int("Must be a whole number").min(0, "At least 0").max(MAX_REPEAT, `At most ${MAX_REPEAT}`).default(0),
  })
  .strict();
export type PolicyCreateInput = z.infer<typeof policyCreateSchema>;

export const policyPatchSchema = z
  .object({
    version: z.number().int().positive().max(INT4_MAX),
    name: text(100).optional(),
    description: z.string().trim().max(2000, tooLong(2000)).optional(),
    steps: policyCreateSchema.shape.steps.optional(),
    repeat: z.number().int("Must be a whole number").min(0).max(MAX_REPEAT, `At most ${MAX_REPEAT}`).optional(),
  })
  .strict();
export type PolicyPatchInput = z.infer<typeof policyPatchSchema>;

/** Stored form of a step: targets by id. */
export const storedTargetSchema = z.object({ kind: z.enum(["schedule", "user"]), id: z.string() });
export type StoredTarget = z.infer<typeof storedTargetSchema>;
export const storedStepSchema = z.object({ delayMinutes: z.number().positive(), targets: z.array(storedTargetSchema) });
export type StoredStep = z.infer<typeof storedStepSchema>;
export const storedStepsSchema = z.array(storedStepSchema).catch([]);

/** The wire shape of a policy (`GET /api/v1/escalation-policies/{id}`). */
export interface PolicyTargetDto {
  kind: "schedule" | "user";
  id: string;
  /** The schedule's name, or the person's name. */
  name: string;
  handle?: string;
  missing?: boolean;
}

export interface PolicyDto {
  id: string;
  name: string;
  description: string;
  repeat: number;
  version: number;
  steps: { delayMinutes: number; startsAfterMinutes: number; targets: PolicyTargetDto[] }[];
  services: { key: string; name: string }[];
  createdAt: string;
  updatedAt: string;
}

export interface Position {
  step: number;
  round: number;
}

/**
 * Where an escalation goes after `at` has had its delay with no acknowledgement:
 * the next step, else step 0 of the next round while repeats remain, else null
 * (exhausted: everyone was paged and nobody answered).
 */
export function nextPosition(at: Position, stepCount: number, repeat: number): Position | null {
  if (at.step + 1 < stepCount) return { step: at.step + 1, round: at.round };
  if (at.round < repeat) return { step: 0, round: at.round + 1 };
  return null;
}

/** When the step paged at `pagedAt` escalates if nobody acknowledges. */
export function escalatesAt(steps: StoredStep[], step: number, pagedAt: Date): Date {
  const minutes = steps[step]?.delayMinutes ?? 0;
  return new Date(pagedAt.getTime() + Math.round(minutes * 60_000));
}

/** Minutes from the first page to each step of the first round: 0, 15, 30… (what the policy editor shows). */
export function cumulativeMinutes(steps: { delayMinutes: number }[]): number[] {
  const out: number[] = [];
  let total = 0;
  for (const s of steps) {
    out.push(total);
    total += s.delayMinutes;
  }
  return out;
}

/** "15 min", "1 h 30 min", "20 s" for the fractional minutes tests use. */
export function formatDelay(minutes: number): string {
  if (minutes < 1) return `${Math.round(minutes * 60)} s`;
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes - h * 60);
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** The job that advances an escalation: one per escalation, replaced as it moves. */
export const escalationJobKey = (escalationId: string) => `escalation:${escalationId}`;

/** A target as the policy pages show it: a schedule's on-call, or one person. */
export interface TargetLabelInput {
  kind: "schedule" | "user";
  name: string;
  handle?: string;
  missing?: boolean;
}

/** "Payments primary (on call)", "@jtsimmons", "deleted schedule". */
export function targetLabel(t: TargetLabelInput): string {
  if (t.missing) return t.kind === "schedule" ? "deleted schedule" : "unknown person";
  return t.kind === "schedule" ? `${t.name} (on call)` : `@${t.handle ?? t.name}`;
}

/** One line for a list: "0 min → Payments primary (on call) · 15 min → @jtsimmons · 30 min → @admin" (targets of one step joined by "+"). */
export function summarizeSteps(steps: { startsAfterMinutes: number; targets: TargetLabelInput[] }[]): string {
  return steps.map((s) => `${s.startsAfterMinutes === 0 ? "0 min" : formatDelay(s.startsAfterMinutes)} → ${s.targets.map(targetLabel).join(" + ")}`).join(" · ");
}

/** What `repeat` means to a reader: "runs once", "then repeats once", "then repeats 3 times". */
export function describeRepeat(repeat: number): string {
  if (repeat <= 0) return "runs once";
  return repeat === 1 ? "then repeats once" : `then repeats ${repeat} times`;
}
