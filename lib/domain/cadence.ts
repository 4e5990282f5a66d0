// Update cadence: every update says when the next one comes; a missed update is
// visible to everyone ("update black hole").
import type { Severity } from "./severity";

/** Minutes between updates per severity; null = no cadence. */
export type Cadence = Record<Severity, number | null>;

export const DEFAULT_CADENCE: Cadence = { SEV0: 15, SEV1: 15, SEV2: 30, SEV3: 60, SEV4: null };

export function cadenceMinutes(severity: Severity, cadence: Partial<Cadence> = {}): number | null {
  const minutes = cadence[severity];
  return minutes === undefined ? DEFAULT_CADENCE[severity] : minutes;
}

/** When the next update is due after one posted at `from`; an explicit choice wins over the cadence. */
export function nextUpdateDue(
  severity: Severity,
  from: Date,
  opts: { explicitMinutes?: number | null; cadence?: Partial<Cadence> } = {},
): Date | null {
  const minutes = opts.explicitMinutes !== undefined ? opts.explicitMinutes : cadenceMinutes(severity, opts.cadence);
  return minutes === null ? null : new Date(from.getTime() + minutes * 60_000);
}

export function isOverdue(dueAt: Date | null, now: Date): boolean {
  return dueAt !== null && now.getTime() > dueAt.getTime();
}
