// Alert feedback and health (issue 16, ../shared/PRACTICES.md "alerting without the noise"): a responder marks an
// alert — or every alert of its identity — useful or noisy, with a note; the service page shows, for the last 30 days,
// how many alerts led to action (an incident, a page a person acknowledged, a "useful" mark) over all of them, how
// fast people answered the pages alerts made, when alerts fire (by severity and hour of the viewer's day) and which
// identities are the noisiest. Pure: the schemas and the arithmetic; the counts come from lib/server/alerts/health.ts.
import { z } from "zod";
import { tooLong } from "../input";
import { timeZoneSchema } from "../schedule-schemas";
import { ALERT_SEVERITIES, type AlertSeverity } from "./normalize";

export const HEALTH_DAYS = 30;
export const FEEDBACK_VERDICTS = ["useful", "noisy"] as const;
export type FeedbackVerdict = (typeof FEEDBACK_VERDICTS)[number];

/** `POST /api/v1/alerts/{id}/feedback`: the verdict, why, and whether it holds for every alert of its identity. */
export const alertFeedbackSchema = z
  .object({
    verdict: z.enum(FEEDBACK_VERDICTS, { error: "Must be useful or noisy" }),
    note: z.string().trim().max(500, tooLong(500)).optional(),
    /** Every alert of this identity (integration key + fingerprint / dedup key) so far, not only this one. */
    identity: z.boolean().optional(),
  })
  .strict();
export type AlertFeedbackInput = z.infer<typeof alertFeedbackSchema>;

/** `GET /api/v1/services/{key}/alert-health?tz=`: hours of the day in this zone (the viewer's, UTC by default). */
export const alertHealthQuerySchema = z.object({ tz: timeZoneSchema.default("UTC") });

/** The hour of the day (0–23) an instant falls in, in a zone. */
export function hourIn(at: Date, timeZone: string): number {
  const hour = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" }).format(at);
  return Number(hour) % 24;
}

/**
 * Alerts per severity and hour of the day in `timeZone`, from counts per UTC hour (the database groups by hour; a zone
 * half an hour off UTC puts each hour's alerts in the hour it starts in).
 */
export function bySeverityAndHour(rows: readonly { hour: Date; severity: string; alerts: number }[], timeZone: string): Record<AlertSeverity, number[]> {
  const out = Object.fromEntries(ALERT_SEVERITIES.map((s) => [s, Array.from({ length: 24 }, () => 0)])) as Record<AlertSeverity, number[]>;
  for (const r of rows) {
    const bucket = out[r.severity as AlertSeverity];
    if (bucket) bucket[hourIn(r.hour, timeZone)]! += r.alerts;
  }
  return out;
}

/** The share of alerts that led to action, or null when there were none. */
export function actionRatio(actioned: number, total: number): number | null {
  return total > 0 ? actioned / total : null;
}

/** "12 % (3 of 25)" — or "no alerts". */
export function ratioWords(actioned: number, total: number): string {
  const ratio = actionRatio(actioned, total);
  if (ratio === null) return "no alerts";
  return `${Math.round(ratio * 100)} % (${actioned} of ${total})`;
}

/** An identity this often and this rarely acted on is noise to tune or drop; so is one people marked noisy more than useful. */
export const NOISY_MIN_ALERTS = 5;
export const NOISY_MAX_RATIO = 0.1;

export function isNoisy(identity: { alerts: number; actioned: number; useful: number; noisy: number }): boolean {
  if (identity.noisy > identity.useful) return true;
  return identity.alerts >= NOISY_MIN_ALERTS && identity.actioned / identity.alerts <= NOISY_MAX_RATIO;
}

/** The service's alert health, as GET …/alert-health answers it. */
export interface AlertHealthDto {
  since: string;
  days: number;
  timeZone: string;
  total: number;
  actioned: number;
  /** actioned / total, or null with no alerts. */
  ratio: number | null;
  feedback: { useful: number; noisy: number };
  /** Pages alerts made (their incident's or their own), how many a person acknowledged, and the median time to it. */
  mtta: { pages: number; acknowledged: number; medianSeconds: number | null };
  bySeverityHour: Record<AlertSeverity, number[]>;
  noisiest: {
    identity: string;
    sender: string;
    summary: string;
    latestAlertId: string;
    alerts: number;
    deliveries: number;
    actioned: number;
    useful: number;
    noisy: number;
    lastSeenAt: string;
    flagged: boolean;
  }[];
}
