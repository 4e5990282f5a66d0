// Maintenance windows (issue 16): a service under maintenance, now or scheduled, for a reason. Alerts that arrive
// inside one are recorded and open or page nothing; incidents already open are unaffected.
import { z } from "zod";
import { tooLong } from "../input";

export const MAINTENANCE_MAX_MS = 30 * 24 * 60 * 60_000;

export const maintenanceCreateSchema = z
  .object({
    /** Absent: now. */
    startsAt: z.iso.datetime({ offset: true, error: "An ISO date-time, e.g. 2026-12-02T22:00:00Z" }).optional(),
    endsAt: z.iso.datetime({ offset: true, error: "An ISO date-time, e.g. 2026-12-02T23:00:00Z" }),
    reason: z.string().trim().min(1, "Say why (it shows where the alerts would have gone)").max(300, tooLong(300)),
  })
  .strict();
export type MaintenanceCreateInput = z.infer<typeof maintenanceCreateSchema>;

/** The window as it will be stored, or the field that is wrong and why. */
export function maintenanceSpan(input: MaintenanceCreateInput, now: Date): { ok: true; startsAt: Date; endsAt: Date } | { ok: false; field: string; reason: string } {
  const startsAt = input.startsAt ? new Date(input.startsAt) : now;
  const endsAt = new Date(input.endsAt);
  if (endsAt.getTime() <= startsAt.getTime()) return { ok: false, field: "endsAt", reason: "Must be after the start" };
  if (endsAt.getTime() <= now.getTime()) return { ok: false, field: "endsAt", reason: "Must be in the future" };
  if (endsAt.getTime() - startsAt.getTime() > MAINTENANCE_MAX_MS) return { ok: false, field: "endsAt", reason: "At most 30 days after the start" };
  return { ok: true, startsAt, endsAt };
}

export const isActive = (w: { startsAt: Date; endsAt: Date }, now: Date) => w.startsAt.getTime() <= now.getTime() && now.getTime() < w.endsAt.getTime();
