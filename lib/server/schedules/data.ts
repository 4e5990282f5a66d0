import "server-only";
// On-call schedules: admins create and edit them (layers, overrides), everyone
// in the organization reads them: who is on call at an instant, the final
// timeline for a calendar, and iCalendar feeds (a schedule's, and "my shifts").
// The rotation math is pure (lib/domain/schedule.ts); this file loads rows,
// resolves people, and presents. Writes go through `commitWrite` with an audit
// record; they are not incident writes, so they append no timeline entry.
import { AppError } from "@/lib/domain/errors";
import { buildCalendar, formatUtc, type IcsEvent } from "@/lib/domain/ics";
import { finalShifts, nextHandoff, onCallAt, type FinalShift, type Override, type ScheduleRotation } from "@/lib/domain/schedule";
import {
  decodeScheduleCursor,
  encodeScheduleCursor,
  ICS_DAYS_AHEAD,
  ICS_DAYS_BACK,
  layerLabel,
  MAX_OVERRIDE_MS,
  storedLayersSchema,
  type HandoffDto,
  type LayerDto,
  type LayerInput,
  type OnCallDto,
  type OverrideCreateInput,
  type OverrideDto,
  type PersonDto,
  type ScheduleCreateInput,
  type ScheduleDto,
  type ScheduleListQuery,
  type SchedulePatchInput,
  type ScheduleSummaryDto,
  type ShiftDto,
  type ShiftsDto,
  type StoredLayer,
} from "@/lib/domain/schedule-schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { requireRole } from "../access";
import { db, type Tx } from "../db";
import { staleVersion } from "../incidents/incident-write";
import { commitWrite, type IdempotencyOptions } from "../write";

const DAY = 24 * 60 * 60_000;
/** How far ahead "next handoff" looks. */
const NEXT_HANDOFF_HORIZON_MS = 400 * DAY;
/** Overrides shown on a schedule: those not ended, and those of the last 30 days. */
const RECENT_OVERRIDES_MS = 30 * DAY;

type Client = Tx | ReturnType<typeof db>;

const scheduleInclude = { team: { select: { key: true, name: true } } } satisfies Prisma.ScheduleInclude;
type ScheduleRow = Prisma.ScheduleGetPayload<{ include: typeof scheduleInclude }>;
type OverrideRow = { id: string; scheduleId: string; userId: string; start: Date; end: Date; createdAt: Date; createdById: string | null };

// ─── Rows → domain ─────────────────────────────────────────────────────────

/** The stored layers, checked: a row some other code wrote wrongly holds no shifts rather than breaking every page. */
function layersOf(row: { id: string; layers: Prisma.JsonValue }): StoredLayer[] {
  const parsed = storedLayersSchema.safeParse(row.layers);
  if (parsed.success) return parsed.data;
  console.error(`[schedules] schedule ${row.id} has invalid layers:`, parsed.error.issues);
  return [];
}

function rotationOf(row: ScheduleRow): ScheduleRotation {
  return { timeZone: row.timeZone, layers: layersOf(row) };
}

function overridesOf(rows: OverrideRow[]): Override[] {
  return rows.map((o) => ({ id: o.id, user: o.userId, start: o.start, end: o.end, createdAt: o.createdAt }));
}

/**
 * The overrides that can matter for questions about `[from, to)`: a segment of
 * the final timeline never reaches further back than one shift or one override
 * (each at most 366 days), so older and later ones cannot change the answer.
 */
function overridesNear(scheduleIds: string[], from: Date, to: Date): Prisma.ScheduleOverrideWhereInput {
  return {
    scheduleId: { in: scheduleIds },
    end: { gt: new Date(from.getTime() - MAX_OVERRIDE_MS - DAY) },
    start: { lt: new Date(to.getTime() + MAX_OVERRIDE_MS + DAY) },
  };
}

async function loadOverrides(client: Client, scheduleIds: string[], from: Date, to: Date): Promise<Map<string, OverrideRow[]>> {
  const rows = scheduleIds.length
    ? await client.scheduleOverride.findMany({ where: overridesNear(scheduleIds, from, to), orderBy: [{ createdAt: "asc" }, { id: "asc" }] })
    : [];
  const bySchedule = new Map<string, OverrideRow[]>(scheduleIds.map((id) => [id, []]));
  for (const row of rows) bySchedule.get(row.scheduleId)!.push(row);
  return bySchedule;
}

// ─── People ────────────────────────────────────────────────────────────────

/** Users by id, looked up once per answer. Someone who left still has a name; a missing row shows as "unknown". */
class People {
  constructor(private readonly byId: Map<string, PersonDto>) {}
  get(id: string): PersonDto {
    return this.byId.get(id) ?? { handle: "unknown", email: "", name: "Unknown person" };
  }
}

async function loadPeople(client: Client, ids: Iterable<string | null | undefined>): Promise<People> {
  const unique = [...new Set([...ids].filter((id): id is string => !!id))];
  const users = unique.length ? await client.user.findMany({ where: { id: { in: unique } }, select: { id: true, handle: true, email: true, name: true } }) : [];
  return new People(new Map(users.map((u) => [u.id, { handle: u.handle, email: u.email, name: u.name }])));
}

const idsIn = (layers: StoredLayer[], overrides: OverrideRow[]) => [
  ...layers.flatMap((l) => l.participants),
  ...overrides.flatMap((o) => [o.userId, o.createdById]),
];

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

async function resolveTeam(client: Client, orgId: string, ref: string): Promise<{ id: string; key: string }> {
  const team = await client.team.findFirst({ where: { orgId, OR: [{ id: ref }, { key: { equals: ref, mode: "insensitive" } }] }, select: { id: true, key: true } });
  if (!team) throw new AppError("invalid_input", `No team ${ref}.`, { fields: { team: `No team ${ref}` } });
  return team;
}

// ─── Presenting ────────────────────────────────────────────────────────────

function presentOverride(o: OverrideRow, people: People): OverrideDto {
  return {
    id: o.id,
    user: people.get(o.userId),
    start: o.start.toISOString(),
    end: o.end.toISOString(),
    createdAt: o.createdAt.toISOString(),
    createdBy: o.createdById ? people.get(o.createdById) : null,
  };
}

function presentLayers(layers: StoredLayer[], people: People): LayerDto[] {
  return layers.map((l) => ({ name: l.name ?? null, start: l.start, shift: l.shift, participants: l.participants.map((id) => people.get(id)) }));
}

function presentOnCall(at: Date, answer: { users: string[]; source: OnCallDto["source"] }, people: People): OnCallDto {
  return { at: at.toISOString(), users: answer.users.map((id) => people.get(id)), source: answer.source };
}

function presentSummary(row: ScheduleRow, overrides: OverrideRow[], people: People, now: Date): ScheduleSummaryDto {
  const rotation = rotationOf(row);
  const domainOverrides = overridesOf(overrides);
  const next = nextHandoff(rotation, domainOverrides, now, NEXT_HANDOFF_HORIZON_MS);
  const handoff: HandoffDto | null = next ? { at: next.at.toISOString(), users: next.users.map((id) => people.get(id)), source: next.source } : null;
  return {
    id: row.id,
    name: row.name,
    team: row.team,
    timeZone: row.timeZone,
    layers: presentLayers(rotation.layers, people),
    version: row.version,
    onCall: presentOnCall(now, onCallAt(rotation, domainOverrides, now), people),
    nextHandoff: handoff,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function presentShift(shift: FinalShift, layers: StoredLayer[], people: People): ShiftDto {
  const layer = shift.layer === null ? null : layers[shift.layer];
  return {
    start: shift.start.toISOString(),
    end: shift.end.toISOString(),
    user: people.get(shift.user),
    source: shift.source,
    layer: shift.layer,
    layerName: layer && shift.layer !== null ? layerLabel(layer, shift.layer) : null,
    overrideId: shift.overrideId,
  };
}

async function presentDetail(client: Client, row: ScheduleRow, now: Date): Promise<ScheduleDto> {
  const overrides = (await loadOverrides(client, [row.id], now, new Date(now.getTime() + NEXT_HANDOFF_HORIZON_MS))).get(row.id)!;
  const layers = layersOf(row);
  const people = await loadPeople(client, idsIn(layers, overrides));
  const shown = overrides.filter((o) => o.end.getTime() > now.getTime() - RECENT_OVERRIDES_MS).sort((a, b) => a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id));
  return { ...presentSummary(row, overrides, people, now), overrides: shown.map((o) => presentOverride(o, people)) };
}

// ─── Reads ─────────────────────────────────────────────────────────────────

/** The schedule if it belongs to the actor's organization; 404 otherwise. */
async function requireSchedule(client: Client, actor: Actor, id: string): Promise<ScheduleRow> {
  const row = await client.schedule.findFirst({ where: { id, orgId: actor.orgId }, include: scheduleInclude });
  if (!row) throw new AppError("not_found", `No schedule ${id}.`);
  return row;
}

/** `GET /api/v1/schedules`: by name, each with who is on call now and the next handoff. */
export async function listSchedules(actor: Actor, query: ScheduleListQuery, now = new Date()): Promise<{ items: ScheduleSummaryDto[]; nextCursor: string | null }> {
  const filters: Prisma.ScheduleWhereInput[] = [{ orgId: actor.orgId }];
  if (query.team) filters.push({ team: { key: { equals: query.team, mode: "insensitive" } } });
  if (query.cursor) {
    const c = decodeScheduleCursor(query.cursor);
    if (!c) throw new AppError("invalid_input", "Invalid cursor.", { fields: { cursor: "invalid" } });
    filters.push({ OR: [{ name: { gt: c.name } }, { name: c.name, id: { gt: c.id } }] });
  }
  const rows = await db().schedule.findMany({ where: { AND: filters }, include: scheduleInclude, orderBy: [{ name: "asc" }, { id: "asc" }], take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const overrides = await loadOverrides(db(), page.map((r) => r.id), now, new Date(now.getTime() + NEXT_HANDOFF_HORIZON_MS));
  const people = await loadPeople(db(), page.flatMap((r) => idsIn(layersOf(r), overrides.get(r.id)!)));
  const last = page[page.length - 1];
  return {
    items: page.map((row) => presentSummary(row, overrides.get(row.id)!, people, now)),
    nextCursor: rows.length > query.limit && last ? encodeScheduleCursor(last) : null,
  };
}

/** `GET /api/v1/schedules/{id}`: the schedule with its overrides, who is on call now and next. */
export async function loadSchedule(actor: Actor, id: string, now = new Date()): Promise<ScheduleDto> {
  return presentDetail(db(), await requireSchedule(db(), actor, id), now);
}

/** `GET /api/v1/schedules/{id}/oncall?at=`: who is on call at an instant. */
export async function onCallFor(actor: Actor, id: string, at: Date): Promise<OnCallDto> {
  const row = await requireSchedule(db(), actor, id);
  const overrides = await db().scheduleOverride.findMany({ where: { scheduleId: row.id, start: { lte: at }, end: { gt: at } } });
  const answer = onCallAt(rotationOf(row), overridesOf(overrides), at);
  return presentOnCall(at, answer, await loadPeople(db(), answer.users));
}

/**
 * Who is on call now on every schedule of these teams, by team id: one query for
 * the schedules, one for the overrides running now, one for the people. For
 * pages that show several teams' on-call at once (an incident's services).
 */
export async function onCallNowForTeams(actor: Actor, teamIds: string[], now = new Date()): Promise<Map<string, { schedule: { id: string; name: string }; users: PersonDto[]; source: OnCallDto["source"] }[]>> {
  const byTeam = new Map<string, { schedule: { id: string; name: string }; users: PersonDto[]; source: OnCallDto["source"] }[]>(teamIds.map((id) => [id, []]));
  if (teamIds.length === 0) return byTeam;
  const rows = await db().schedule.findMany({ where: { orgId: actor.orgId, teamId: { in: teamIds } }, include: scheduleInclude, orderBy: [{ name: "asc" }, { id: "asc" }] });
  const overrides = rows.length
    ? await db().scheduleOverride.findMany({ where: { scheduleId: { in: rows.map((r) => r.id) }, start: { lte: now }, end: { gt: now } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })
    : [];
  const answers = rows.map((row) => ({ row, answer: onCallAt(rotationOf(row), overridesOf(overrides.filter((o) => o.scheduleId === row.id)), now) }));
  const people = await loadPeople(db(), answers.flatMap((a) => a.answer.users));
  for (const { row, answer } of answers) {
    byTeam.get(row.teamId!)?.push({ schedule: { id: row.id, name: row.name }, users: answer.users.map((u) => people.get(u)), source: answer.source });
  }
  return byTeam;
}

/** `GET /api/v1/schedules/{id}/shifts?from=&to=`: the final timeline (whole segments overlapping the window). */
export async function shiftsFor(actor: Actor, id: string, from: Date, to: Date): Promise<ShiftsDto> {
  const row = await requireSchedule(db(), actor, id);
  const overrides = (await loadOverrides(db(), [row.id], from, to)).get(row.id)!;
  const rotation = rotationOf(row);
  const shifts = finalShifts(rotation, overridesOf(overrides), from, to);
  const people = await loadPeople(db(), shifts.map((s) => s.user));
  return { from: from.toISOString(), to: to.toISOString(), timeZone: row.timeZone, items: shifts.map((s) => presentShift(s, rotation.layers, people)) };
}

/** Teams to own a schedule, for the admin form. */
export async function listTeamOptions(actor: Actor) {
  return db().team.findMany({ where: { orgId: actor.orgId }, select: { key: true, name: true }, orderBy: { key: "asc" } });
}

// ─── Calendar feeds ────────────────────────────────────────────────────────

function feedWindow(now: Date) {
  return { from: new Date(now.getTime() - ICS_DAYS_BACK * DAY), to: new Date(now.getTime() + ICS_DAYS_AHEAD * DAY) };
}

function shiftEvent(row: ScheduleRow, shift: FinalShift, layers: StoredLayer[], people: People, baseUrl: string): IcsEvent {
  const person = people.get(shift.user);
  const layer = shift.layer === null ? null : layers[shift.layer];
  const origin = shift.source === "override" ? "Override" : `Layer: ${layer && shift.layer !== null ? layerLabel(layer, shift.layer) : "?"}`;
  return {
    // One segment per schedule starts at one instant; the person makes a change of holder a new event.
    uid: `${row.id}-${formatUtc(shift.start)}-${shift.user}@conn`,
    start: shift.start,
    end: shift.end,
    summary: `On call${shift.source === "override" ? " (override)" : ""}: ${person.name} (@${person.handle}) · ${row.name}`,
    description: [`Schedule: ${row.name}${row.team ? ` (team ${row.team.name})` : ""}`, origin, `Times on the schedule's clock: ${row.timeZone}`, `${baseUrl}/schedules/${row.id}`].join("\n"),
    url: `${baseUrl}/schedules/${row.id}`,
    categories: ["On-call"],
  };
}

/** `GET /api/v1/schedules/{id}/calendar.ics`: the final shifts from 30 days back to 90 days ahead. */
export async function scheduleCalendar(actor: Actor, id: string, opts: { now?: Date; baseUrl: string }): Promise<{ filename: string; body: string }> {
  const now = opts.now ?? new Date();
  const row = await requireSchedule(db(), actor, id);
  const { from, to } = feedWindow(now);
  const overrides = (await loadOverrides(db(), [row.id], from, to)).get(row.id)!;
  const rotation = rotationOf(row);
  const shifts = finalShifts(rotation, overridesOf(overrides), from, to);
  const people = await loadPeople(db(), shifts.map((s) => s.user));
  const body = buildCalendar({
    name: `On call: ${row.name}`,
    description: `Who is on call for ${row.name} (Conn)`,
    now,
    events: shifts.map((s) => shiftEvent(row, s, rotation.layers, people, opts.baseUrl)),
  });
  return { filename: `oncall-${row.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || row.id}.ics`, body };
}

/** `GET /api/v1/users/me/shifts.ics`: the caller's own shifts across every schedule of the organization. */
export async function myShiftsCalendar(actor: Actor, opts: { now?: Date; baseUrl: string }): Promise<string> {
  const now = opts.now ?? new Date();
  const { from, to } = feedWindow(now);
  const rows = await db().schedule.findMany({ where: { orgId: actor.orgId }, include: scheduleInclude, orderBy: [{ name: "asc" }, { id: "asc" }] });
  const overrides = await loadOverrides(db(), rows.map((r) => r.id), from, to);
  const people = new People(new Map([[actor.userId, { handle: actor.handle, email: actor.email, name: actor.name }]]));
  const events = rows.flatMap((row) => {
    const rotation = rotationOf(row);
    return finalShifts(rotation, overridesOf(overrides.get(row.id)!), from, to)
      .filter((s) => s.user === actor.userId)
      .map((s) => shiftEvent(row, s, rotation.layers, people, opts.baseUrl));
  });
  events.sort((a, b) => a.start.getTime() - b.start.getTime());
  return buildCalendar({ name: `My on-call shifts (${actor.handle})`, description: `${actor.name}'s on-call shifts in Conn`, now, events });
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

// ─── Paging ────────────────────────────────────────────────────────────────

/**
 * Who is on call at `at` on each of these schedules of the organization (user ids), for paging.
 * A schedule of another organization, or one that no longer exists, is absent from the answer.
 */
export async function onCallUserIds(client: Client, orgId: string, scheduleIds: string[], at: Date): Promise<Map<string, { name: string; users: string[] }>> {
  const rows = scheduleIds.length ? await client.schedule.findMany({ where: { orgId, id: { in: scheduleIds } }, include: scheduleInclude }) : [];
  const overrides = await loadOverrides(client, rows.map((r) => r.id), at, at);
  return new Map(rows.map((row) => [row.id, { name: row.name, users: onCallAt(rotationOf(row), overridesOf(overrides.get(row.id)!), at).users }]));
}

/**
 * Every schedule of the organization with its final timeline over `[from, to)`
 * (user ids; segments keep their whole bounds, so callers clip), for the
 * on-call health numbers.
 */
export async function finalShiftsOfOrg(client: Client, orgId: string, from: Date, to: Date): Promise<{ id: string; name: string; teamId: string | null; shifts: FinalShift[] }[]> {
  const rows = await client.schedule.findMany({ where: { orgId }, include: scheduleInclude, orderBy: [{ name: "asc" }, { id: "asc" }] });
  const overrides = await loadOverrides(client, rows.map((r) => r.id), from, to);
  return rows.map((row) => ({ id: row.id, name: row.name, teamId: row.teamId, shifts: finalShifts(rotationOf(row), overridesOf(overrides.get(row.id)!), from, to) }));
}

/** Schedules to pick from (escalation policy editor): id, name, team. */
export async function listScheduleOptions(actor: Actor): Promise<{ id: string; name: string; team: string | null }[]> {
  const rows = await db().schedule.findMany({ where: { orgId: actor.orgId }, select: { id: true, name: true, team: { select: { key: true } } }, orderBy: [{ name: "asc" }, { id: "asc" }] });
  return rows.map((r) => ({ id: r.id, name: r.name, team: r.team?.key ?? null }));
}
