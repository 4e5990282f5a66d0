import "server-only";
// Schedule writes (admins): schedules with their layers, and overrides. Not incident writes: each goes through `commitWrite` with an audit record and appends no timeline entry.
import { AppError } from "@/lib/domain/errors";
import { type LayerInput, type OverrideCreateInput, type OverrideDto, type ScheduleCreateInput, type ScheduleDto, type SchedulePatchInput, type StoredLayer } from "@/lib/domain/schedule-schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { requireRole } from "../access";
import { type Tx } from "../db";
import { staleVersion, commitWrite, type IdempotencyOptions } from "../write";
import { scheduleInclude, layersOf, loadPeople, resolveTeam, presentOverride, presentDetail, requireSchedule } from "./data";

/**
 * Handles or emails → members' user ids, for a write. Unknown people and
 * viewers are refused with the field they came from: a viewer never writes, so
 * could never acknowledge a page.
 */
async function resolveMembers(tx: Tx, orgId: string, refs: { ref: string; field: string }[]): Promise<Map<string, string>> {
  const keys = [...new Set(refs.map((r) => r.ref.toLowerCase()))];
  const users = await tx.user.findMany({
    where: { deactivatedAt: null, OR: [{ handle: { in: keys } }, { email: { in: keys } }], memberships: { some: { orgId } } },
    select: { id: true, handle: true, email: true, memberships: { where: { orgId }, select: { role: true } } },
  });
  const byKey = new Map<string, (typeof users)[number]>();
  for (const u of users) {
    byKey.set(u.handle, u);
    byKey.set(u.email, u);
  }
  const fields: Record<string, string> = {};
  const ids = new Map<string, string>();
  for (const { ref, field } of refs) {
    const user = byKey.get(ref.toLowerCase());
    if (!user) fields[field] ??= `No member ${ref}: use a handle or email of this organization`;
    else if (user.memberships[0]?.role === "viewer") fields[field] ??= `${ref} is a viewer: viewers cannot be on call`;
    else ids.set(ref.toLowerCase(), user.id);
  }
  if (Object.keys(fields).length) {
    throw new AppError("invalid_input", `Invalid input: ${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join("; ")}`, { fields });
  }
  return ids;
}

async function storedLayers(tx: Tx, orgId: string, layers: LayerInput[]): Promise<StoredLayer[]> {
  const ids = await resolveMembers(
    tx,
    orgId,
    layers.flatMap((l, i) => l.participants.map((ref, j) => ({ ref, field: `layers.${i}.participants.${j}` }))),
  );
  return layers.map((l) => ({
    name: l.name?.trim() || null,
    start: l.start,
    shift: { unit: l.shift.unit, count: l.shift.count },
    participants: l.participants.map((ref) => ids.get(ref.toLowerCase())!),
  }));
}

// ─── Writes ────────────────────────────────────────────────────────────────

/** `POST /api/v1/schedules` (admin). */
export async function createSchedule(actor: Actor, input: ScheduleCreateInput, opts: { idempotency?: IdempotencyOptions } = {}) {
  requireRole(actor, "admin");
  return commitWrite<ScheduleDto>(
    actor,
    async (w) => {
      const team = input.team ? await resolveTeam(w.tx, actor.orgId, input.team) : null;
      const layers = await storedLayers(w.tx, actor.orgId, input.layers);
      const row = await w.tx.schedule.create({
        data: { orgId: actor.orgId, teamId: team?.id ?? null, name: input.name, timeZone: input.timeZone, layers: layers as unknown as Prisma.InputJsonValue },
        include: scheduleInclude,
      });
      await w.audit("schedule.create", "schedule", row.id, { name: row.name, team: team?.key ?? null, timeZone: row.timeZone, layers });
      return presentDetail(w.tx, row, w.now);
    },
    opts,
  );
}

/**
 * `PATCH /api/v1/schedules/{id}` (admin): name, team, zone, layers (the whole
 * list), with the version last read. The row is locked first, so of two edits
 * made from the same version one wins and the other gets a 409 with the current
 * version; an edit that changes nothing bumps nothing.
 */
export async function updateSchedule(actor: Actor, id: string, input: SchedulePatchInput) {
  requireRole(actor, "admin");
  return commitWrite<ScheduleDto>(actor, async (w) => {
    await w.tx.$executeRaw`SELECT 1 FROM "Schedule" WHERE id = ${id} AND "orgId" = ${actor.orgId} FOR UPDATE`;
    const before = await requireSchedule(w.tx, actor, id);
    if (before.version !== input.version) throw staleVersion("schedule", before.version);
    const data: Prisma.ScheduleUncheckedUpdateInput = {};
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (input.name !== undefined && input.name !== before.name) {
      data.name = input.name;
      changes.name = { from: before.name, to: input.name };
    }
    if (input.timeZone !== undefined && input.timeZone !== before.timeZone) {
      data.timeZone = input.timeZone;
      changes.timeZone = { from: before.timeZone, to: input.timeZone };
    }
    if (input.team !== undefined) {
      const team = input.team === null ? null : await resolveTeam(w.tx, actor.orgId, input.team);
      if ((team?.id ?? null) !== before.teamId) {
        data.teamId = team?.id ?? null;
        changes.team = { from: before.team?.key ?? null, to: team?.key ?? null };
      }
    }
    if (input.layers !== undefined) {
      const layers = await storedLayers(w.tx, actor.orgId, input.layers);
      if (JSON.stringify(layers) !== JSON.stringify(layersOf(before))) {
        data.layers = layers as unknown as Prisma.InputJsonValue;
        changes.layers = { from: layersOf(before), to: layers };
      }
    }
    if (Object.keys(changes).length === 0) return presentDetail(w.tx, before, w.now);
    const row = await w.tx.schedule.update({ where: { id: before.id }, data: { ...data, version: { increment: 1 } }, include: scheduleInclude });
    await w.audit("schedule.update", "schedule", row.id, changes);
    return presentDetail(w.tx, row, w.now);
  });
}

/**
 * `DELETE /api/v1/schedules/{id}` (admin): the schedule and its overrides (they
 * mean nothing without it). The audit record keeps what was removed, layers and
 * overrides included. Answers `{ id, name, overridesRemoved }`.
 */
export async function deleteSchedule(actor: Actor, id: string) {
  requireRole(actor, "admin");
  return commitWrite(actor, async (w) => {
    await w.tx.$executeRaw`SELECT 1 FROM "Schedule" WHERE id = ${id} AND "orgId" = ${actor.orgId} FOR UPDATE`;
    const row = await requireSchedule(w.tx, actor, id);
    const overrides = await w.tx.scheduleOverride.findMany({ where: { scheduleId: row.id }, orderBy: { start: "asc" } });
    await w.tx.schedule.delete({ where: { id: row.id } });
    await w.audit("schedule.delete", "schedule", row.id, {
      name: row.name,
      team: row.team?.key ?? null,
      timeZone: row.timeZone,
      layers: layersOf(row),
      overrides: overrides.map((o) => ({ id: o.id, user: o.userId, start: o.start.toISOString(), end: o.end.toISOString() })),
    });
    return { id: row.id, name: row.name, overridesRemoved: overrides.length };
  });
}

/** `POST /api/v1/schedules/{id}/overrides` (admin): someone covers `[start, end)`. */
export async function createOverride(actor: Actor, scheduleId: string, input: OverrideCreateInput, opts: { idempotency?: IdempotencyOptions } = {}) {
  requireRole(actor, "admin");
  return commitWrite<OverrideDto>(
    actor,
    async (w) => {
      const schedule = await requireSchedule(w.tx, actor, scheduleId);
      const userId = (await resolveMembers(w.tx, actor.orgId, [{ ref: input.user, field: "user" }])).get(input.user.toLowerCase())!;
      const row = await w.tx.scheduleOverride.create({
        data: { scheduleId: schedule.id, userId, start: new Date(input.start), end: new Date(input.end), createdById: actor.userId, createdAt: w.now },
      });
      await w.audit("schedule.override.create", "schedule", schedule.id, { overrideId: row.id, user: userId, start: row.start.toISOString(), end: row.end.toISOString() });
      return presentOverride(row, await loadPeople(w.tx, [row.userId, row.createdById]));
    },
    opts,
  );
}

/** `DELETE /api/v1/schedules/{id}/overrides/{overrideId}` (admin): answers the override that was removed. */
export async function deleteOverride(actor: Actor, scheduleId: string, overrideId: string) {
  requireRole(actor, "admin");
  return commitWrite<OverrideDto>(actor, async (w) => {
    const schedule = await requireSchedule(w.tx, actor, scheduleId);
    const row = await w.tx.scheduleOverride.findFirst({ where: { id: overrideId, scheduleId: schedule.id } });
    if (!row) throw new AppError("not_found", `No override ${overrideId} on this schedule.`);
    await w.tx.scheduleOverride.delete({ where: { id: row.id } });
    await w.audit("schedule.override.delete", "schedule", schedule.id, { overrideId: row.id, user: row.userId, start: row.start.toISOString(), end: row.end.toISOString() });
    return presentOverride(row, await loadPeople(w.tx, [row.userId, row.createdById]));
  });
}
