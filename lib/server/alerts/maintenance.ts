import "server-only";
// Maintenance windows (issue 16): listed for every member, set and ended by responders (who run the deploys), audited.
import { isActive, maintenanceSpan, type MaintenanceCreateInput } from "@/lib/domain/alerts/maintenance";
import { AppError } from "@/lib/domain/errors";
import type { Actor } from "../actor";
import { db, type Tx } from "../db";
import { commitWrite } from "../write";
import { serviceOf } from "./service";

function present(w: { id: string; startsAt: Date; endsAt: Date; reason: string; createdBy?: { handle: string } | null }, now: Date) {
  return { id: w.id, startsAt: w.startsAt.toISOString(), endsAt: w.endsAt.toISOString(), reason: w.reason, by: w.createdBy?.handle ?? null, active: isActive(w, now) };
}
export type MaintenanceDto = ReturnType<typeof present>;

/** `GET /api/v1/services/{key}/maintenance`: windows not yet over, soonest first. */
export async function listMaintenance(actor: Actor, serviceKey: string) {
  const service = await serviceOf(actor, serviceKey);
  const now = new Date();
  const rows = await db().maintenanceWindow.findMany({ where: { serviceId: service.id, endsAt: { gt: now } }, orderBy: { startsAt: "asc" }, include: { createdBy: { select: { handle: true } } } });
  return { items: rows.map((r) => present(r, now)) };
}

/** `POST /api/v1/services/{key}/maintenance` (responders): now or scheduled. */
export async function createMaintenance(actor: Actor, serviceKey: string, input: MaintenanceCreateInput) {
  const service = await serviceOf(actor, serviceKey);
  const { value } = await commitWrite(actor, async (w) => {
    const span = maintenanceSpan(input, w.now);
    if (!span.ok) throw new AppError("invalid_input", `Invalid input: ${span.field}: ${span.reason}`, { fields: { [span.field]: span.reason } });
    const row = await w.tx.maintenanceWindow.create({
      data: { orgId: actor.orgId, serviceId: service.id, startsAt: span.startsAt, endsAt: span.endsAt, reason: input.reason, createdById: actor.userId },
      include: { createdBy: { select: { handle: true } } },
    });
    await w.audit("service.maintenance.create", "service", service.id, { key: service.key, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString(), reason: row.reason });
    return present(row, w.now);
  });
  return value;
}

/** `DELETE /api/v1/services/{key}/maintenance/{id}` (responders): ends a window now (one not started is called off). */
export async function endMaintenance(actor: Actor, serviceKey: string, id: string) {
  const service = await serviceOf(actor, serviceKey);
  const { value } = await commitWrite(actor, async (w) => {
    const row = await w.tx.maintenanceWindow.findFirst({ where: { id, serviceId: service.id } });
    if (!row) throw new AppError("not_found", "No such maintenance window on this service.");
    if (row.endsAt <= w.now) return present(row, w.now);
    const endsAt = row.startsAt > w.now ? row.startsAt : w.now;
    const updated = await w.tx.maintenanceWindow.update({ where: { id }, data: { endsAt }, include: { createdBy: { select: { handle: true } } } });
    await w.audit("service.maintenance.end", "service", service.id, { key: service.key, window: id });
    return present(updated, w.now);
  });
  return value;
}

/** The window the service is in at `now`, if any (read in the ingest transaction). */
export async function activeMaintenance(tx: Tx, serviceId: string, now: Date): Promise<{ id: string } | null> {
  return tx.maintenanceWindow.findFirst({ where: { serviceId, startsAt: { lte: now }, endsAt: { gt: now } }, select: { id: true }, orderBy: { endsAt: "desc" } });
}
