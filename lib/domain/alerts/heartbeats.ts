// Heartbeats (issue 16): a dead-man's switch per service. A backup job, a cron, a queue consumer pings its URL at
// least every interval; when it falls silent past the deadline, an alert is raised through the service's routing
// rules like any other (so a critical one opens an incident and pages), and the next ping resolves it. Pure: the
// input, the deadline rule and the alert a heartbeat raises. No I/O.
import { z } from "zod";
import { tooLong } from "../input";
import { formatDuration } from "../time";
import { ALERT_SEVERITIES, type NormalizedAlert } from "./normalize";

/** 1 minute to 30 days, as the issue asks. */
export const HEARTBEAT_MIN_MINUTES = 1;
export const HEARTBEAT_MAX_MINUTES = 30 * 24 * 60;

export const heartbeatCreateSchema = z
  .object({
    /** In the Opsgenie ping URL (`/v2/heartbeats/{name}/ping`): letters, digits, dot, dash, underscore. */
    name: z
      .string()
      .trim()
      .min(1, "Required")
      .max(100, tooLong(100))
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "Letters, digits, '.', '-' and '_' only, starting with a letter or digit (it goes in the ping URL)"),
    intervalMinutes: z
      .number({ error: "A whole number of minutes" })
      .int("A whole number of minutes")
      .min(HEARTBEAT_MIN_MINUTES, "At least 1 minute")
      .max(HEARTBEAT_MAX_MINUTES, "At most 30 days (43,200 minutes)"),
    /** The alert's severity when it goes silent; critical (opens an incident by the default rules) unless said. */
    severity: z.enum(ALERT_SEVERITIES, "critical, error, warning or info").default("critical"),
  })
  .strict();
export type HeartbeatCreateInput = z.infer<typeof heartbeatCreateSchema>;

/** An interval in the fewest words: "5m", "1h 30m", "6h", "1d", "2d 12h". */
export function formatInterval(minutes: number): string {
  if (minutes >= 1440 && minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes >= 60 && minutes < 1440 && minutes % 60 === 0) return `${minutes / 60}h`;
  return formatDuration(minutes * 60_000);
}

/** The next deadline: one interval after the last ping (or after it was made, before any ping). */
export const heartbeatDeadline = (from: Date, intervalMinutes: number) => new Date(from.getTime() + intervalMinutes * 60_000);

/** What an expiry job finds: raise the alert, or nothing (a ping moved the deadline on, or it is already down). */
export function expiryStep(hb: { expiresAt: Date; down: boolean }, now: Date): "raise" | "nothing" {
  return !hb.down && hb.expiresAt.getTime() <= now.getTime() ? "raise" : "nothing";
}

/** The alert's identity within the heartbeat's own key. */
const identityOf = (name: string) => `heartbeat:${name}`;

interface HeartbeatFacts {
  name: string;
  intervalMinutes: number;
  severity: string;
  lastPingAt: Date | null;
  createdAt: Date;
}

/** The alert a silent heartbeat raises: "No ping from heartbeat nightly-backup within 1h 00m", the last ping described. */
export function heartbeatAlert(hb: HeartbeatFacts, now: Date): NormalizedAlert {
  const every = formatInterval(hb.intervalMinutes);
  return {
    source: "heartbeat",
    identity: identityOf(hb.name),
    identityFrom: "dedup_key",
    action: "trigger",
    summary: `No ping from heartbeat ${hb.name} within ${every}`,
    severity: (ALERT_SEVERITIES as readonly string[]).includes(hb.severity) ? (hb.severity as NormalizedAlert["severity"]) : "critical",
    labels: { heartbeat: hb.name },
    annotations: {
      description: hb.lastPingAt
        ? `Expected a ping at least every ${every}; the last came ${formatDuration(now.getTime() - hb.lastPingAt.getTime())} ago (${hb.lastPingAt.toISOString()}).`
        : `Expected a ping at least every ${every}; it has not been pinged since it was set up ${hb.createdAt.toISOString()}.`,
    },
    startsAt: now.toISOString(),
    endsAt: null,
    groupKey: null,
    links: [],
    details: { intervalMinutes: hb.intervalMinutes, lastPingAt: hb.lastPingAt?.toISOString() ?? null },
  };
}

/** A ping after silence resolves the heartbeat's alert. */
export function heartbeatResolve(hb: HeartbeatFacts, now: Date): NormalizedAlert {
  return { ...heartbeatAlert(hb, now), action: "resolve", summary: `Heartbeat ${hb.name} pinged again`, endsAt: now.toISOString() };
}
