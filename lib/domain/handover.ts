// Command changing hands (issue 18, PRACTICES.md "Roles"): "I have the conn" is said by the incoming person, never
// assumed. The commander (or an admin) offers command to a named person with a briefing; command moves only when
// that person accepts; an offer waits at most a few minutes. Taking command without acceptance is for an absent
// commander only: an admin at any time, a responder once the commander has been silent on the incident for a while
// or was deactivated — recorded as taken, never as a handover. Pure rules: the server checks them under the
// incident's lock, the page uses them to offer only what would be allowed.
import type { OrgRole } from "./schemas";

export interface CommandSettings {
  /** An offer nobody answered expires after this long. */
  handoverMinutes: number;
  /** A commander silent on the incident this long may have command taken by a responder. */
  absentCommanderMinutes: number;
}

export const DEFAULT_COMMAND_SETTINGS: CommandSettings = { handoverMinutes: 10, absentCommanderMinutes: 15 };

/** After an offer expired or was declined, the commander is nudged this long (or until the next offer). */
export const UNANSWERED_NUDGE_MINUTES = 30;

export type HandoverStatus = "pending" | "accepted" | "declined" | "expired" | "withdrawn" | "superseded" | "taken";

/** Why command was taken without acceptance. */
export type TakeReason = "admin" | "absent" | "deactivated";

/** A refusal: the status to answer and the reason in words. */
export interface Refusal {
  status: 400 | 403 | 409;
  message: string;
  field?: string;
}

interface Acting {
  userId: string;
  role: OrgRole;
  /** "automation": a token marked as a bot or agent. */
  kind: "human" | "automation";
}

const ACTIVE_STATUSES = ["investigating", "mitigated"];

/** Whether `actor` may offer command of an incident whose commander is `commanderId` to `to`; null when allowed. */
export function offerRefusal(input: {
  actor: Acting;
  status: string;
  commanderId: string | null;
  to: { id: string; handle: string; role: OrgRole; deactivated: boolean };
}): Refusal | null {
  const { actor, to } = input;
  if (actor.kind !== "human") return { status: 403, message: "Command passes between people: an automation token cannot offer it." };
  if (!ACTIVE_STATUSES.includes(input.status)) return { status: 409, message: "The incident is no longer open: there is no command to hand over." };
  if (!input.commanderId) return { status: 409, message: "Nobody has command yet: assign an incident commander instead." };
  if (actor.userId !== input.commanderId && actor.role !== "admin") return { status: 403, message: "Only the incident commander (or an admin) can offer command." };
  if (to.id === input.commanderId) return { status: 400, message: `@${to.handle} already has command.`, field: "to" };
  if (to.deactivated) return { status: 400, message: `@${to.handle} is deactivated.`, field: "to" };
  if (to.role === "viewer") return { status: 400, message: `@${to.handle} has read-only access and cannot take command.`, field: "to" };
  return null;
}

export interface HandoverState {
  status: HandoverStatus;
  toUserId: string;
  expiresAt: Date | null;
}

/** Whether `actor` may accept (or decline) this offer at `now`; null when allowed. */
export function answerRefusal(handover: HandoverState, actor: Acting, now: Date, verb: "accept" | "decline"): Refusal | null {
  if (actor.kind !== "human") return { status: 403, message: `Command passes between people: an automation token cannot ${verb} it.` };
  if (actor.userId !== handover.toUserId) return { status: 403, message: `Only the person offered command can ${verb} it.` };
  if (handover.status !== "pending") return { status: 409, message: `This offer was already ${handover.status === "superseded" ? "replaced" : handover.status}.` };
  if (handover.expiresAt && handover.expiresAt.getTime() <= now.getTime()) return { status: 409, message: "This offer expired: ask the commander to offer it again." };
  return null;
}

/** Whether `actor` may withdraw this offer; null when allowed. */
export function withdrawRefusal(handover: HandoverState & { byUserId: string }, actor: Acting, commanderId: string | null): Refusal | null {
  if (actor.kind !== "human") return { status: 403, message: "An automation token cannot withdraw a handover." };
  if (actor.userId !== handover.byUserId && actor.userId !== commanderId && actor.role !== "admin") return { status: 403, message: "Only whoever offered it, the commander or an admin can withdraw the offer." };
  if (handover.status !== "pending") return { status: 409, message: `This offer was already ${handover.status === "superseded" ? "replaced" : handover.status}.` };
  return null;
}

/** When the commander last showed they are there: their last entry on the incident, or taking command. */
export function lastPresence(assignedAt: Date, lastEntryAt: Date | null): Date {
  return lastEntryAt && lastEntryAt > assignedAt ? lastEntryAt : assignedAt;
}

/**
 * Taking command from the current commander without their acceptance: why it is allowed, or the refusal. An admin
 * may at any time; a responder only when the commander is deactivated or silent for `absentCommanderMinutes`. A
 * commander handing over offers instead. (Assigning a commander where there is none is not taking: not asked here.)
 */
export function takeCommand(input: {
  actor: Acting;
  commander: { userId: string; handle: string; deactivated: boolean; presentAt: Date };
  now: Date;
  settings: CommandSettings;
}): { reason: TakeReason } | Refusal {
  const { actor, commander, now, settings } = input;
  if (actor.kind !== "human") return { status: 403, message: "Command passes between people: an automation token cannot take it." };
  if (actor.role === "admin") return { reason: commander.deactivated ? "deactivated" : "admin" };
  if (actor.userId === commander.userId) return { status: 403, message: "You have command: offer it (Hand over) and the incoming person accepts." };
  if (commander.deactivated) return { reason: "deactivated" };
  const silentMs = now.getTime() - commander.presentAt.getTime();
  if (silentMs >= settings.absentCommanderMinutes * 60_000) return { reason: "absent" };
  const minutes = Math.floor(silentMs / 60_000);
  return {
    status: 403,
    message: `@${commander.handle} has command and wrote on this incident ${minutes < 1 ? "less than a minute" : `${minutes} min`} ago: ask them to hand over. Command can be taken without acceptance only from a commander silent for ${settings.absentCommanderMinutes} min, or by an admin.`,
  };
}

export const TAKE_REASON_WORDS: Record<TakeReason, string> = {
  admin: "by an admin",
  absent: "the commander was silent",
  deactivated: "the commander was deactivated",
};

/** The offer as the live view holds it: the latest of this commander's, while it waits or just failed. */
export interface HandoverView {
  id: string;
  status: "pending" | "declined" | "expired";
  from: { handle: string; name: string };
  to: { handle: string; name: string };
  briefing: { state: string; workstreams?: string; openDecisions?: string; nextUpdate?: string };
  offeredAt: string;
  expiresAt: string;
  decidedAt: string | null;
  reason: string | null;
}

/**
 * The commander's nudge after an offer failed (expired or declined), for UNANSWERED_NUDGE_MINUTES or until the next
 * offer: someone else may have to take over. Null otherwise.
 */
export function unansweredHandover(handover: Pick<HandoverView, "status" | "to" | "decidedAt" | "reason"> | null, now: Date): { message: string; since: string } | null {
  if (!handover || handover.status === "pending" || !handover.decidedAt) return null;
  const since = new Date(handover.decidedAt);
  if (now.getTime() - since.getTime() > UNANSWERED_NUDGE_MINUTES * 60_000) return null;
  const message =
    handover.status === "expired"
      ? `The handover to @${handover.to.handle} expired unanswered: offer it again or to someone else.`
      : `@${handover.to.handle} declined command${handover.reason ? `: “${handover.reason}”` : ""}. Offer it to someone else.`;
  return { message, since: since.toISOString() };
}
