// Decisions that come due (issue 18): a decision may say when to look at it again ("revisit at") and what would make
// us roll it back (a condition in words, optionally a dashboard link). Once its time comes the page and the war room
// nudge until the commander records the outcome — kept (optionally with the next revisit), reversed or amended — each
// an entry linked to the decision. Pure rules: the server checks them, the page and the nudge clock read them.
import { formatMinutes } from "./time";

export const DECISION_OUTCOMES = ["kept", "reversed", "amended"] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const OUTCOME_WORDS: Record<DecisionOutcome, string> = { kept: "kept", reversed: "reversed", amended: "amended" };

/** The furthest a revisit may be set: a week (an incident decision, not a roadmap item). */
export const MAX_REVISIT_MS = 7 * 24 * 60 * 60_000;

/** Why a revisit time is refused, or null: it must be ahead of now, and within a week. */
export function revisitRefusal(revisitAt: string | undefined | null, now: Date): string | null {
  if (!revisitAt) return null;
  const at = Date.parse(revisitAt);
  if (at <= now.getTime()) return "Revisit at a time still to come.";
  if (at - now.getTime() > MAX_REVISIT_MS) return "Revisit within a week.";
  return null;
}

/** Whether the decision is due for review at `now`: it has a revisit time, and that time has come. */
export function isDue(decision: { revisitAt: string | Date | null }, now: Date): boolean {
  return decision.revisitAt !== null && new Date(decision.revisitAt).getTime() <= now.getTime();
}

/** The commander, an admin, or whoever took the decision records its outcome; null when allowed. */
export function outcomeRefusal(actor: { userId: string; role: string; kind: string }, commanderId: string | null, decidedById: string | null): string | null {
  if (actor.kind !== "human") return "An automation token cannot record how a decision turned out.";
  if (actor.userId === commanderId || actor.userId === decidedById || actor.role === "admin") return null;
  return "The commander (or whoever took the decision, or an admin) records its outcome.";
}

/** "due now", "due 12 min ago", "in 25 min" — for the decision log. */
export function revisitWords(revisitAt: string, now: Date): string {
  const ms = Date.parse(revisitAt) - now.getTime();
  if (ms > 0) return `revisit in ${formatMinutes(ms + 59_999)}`;
  return -ms < 60_000 ? "due now" : `due ${formatMinutes(-ms)} ago`;
}
