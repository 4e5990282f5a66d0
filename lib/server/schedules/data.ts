import "server-only";
// On-call schedules: admins create and edit them (layers, overrides), everyone
// in the organization reads them: who is on call at an instant, the final
// timeline for a calendar, and iCalendar feeds (a schedule's, and "my shifts").
// The rotation math is pure (lib/domain/schedule.ts); this file loads rows,
// resolves people, and presents. Writes go through `commitWrite` with an audit
// record; they are not incident writes, so they append no timeline entry.
import { AppError } from "@/lib/domain/errors";
import { finalShifts, nextHandoff, onCallAt, type FinalShift, type Override, type ScheduleRotation } from "@/lib/domain/schedule";
import { decodeScheduleCursor, encodeScheduleCursor, layerLabel, MAX_OVERRIDE_MS, storedLayersSchema, type HandoffDto, type LayerDto, type OnCallDto, type OverrideDto, type ScheduleDto, type ScheduleListQuery, type ScheduleSummaryDto, type ShiftDto, type ShiftsDto, type StoredLayer } from "@/lib/domain/schedule-schemas";
import { type PersonWithEmail } from "@/lib/domain/people";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { db, type Tx } from "../db";



export const DAY = 24 * 60 * 60_000;
/** How far ahead "next handoff" looks. */
const NEXT_HANDOFF_HORIZON_MS = 400 * DAY;
/** Overrides shown on a schedule: those not ended, and those of the last 30 days. */
const RECENT_OVERRIDES_MS = 30 * DAY;

type Client = Tx | ReturnType<typeof db>;

export const scheduleInclude = { team: { select: { key: true, name: true } } } satisfies Prisma.ScheduleInclude;
export type ScheduleRow = Prisma.ScheduleGetPayload<{ include: typeof scheduleInclude }>;
type OverrideRow = { id: string; scheduleId: string; userId: string; start: Date; end: Date; createdAt: Date; createdById: string | null };

// ─── Rows → domain ─────────────────────────────────────────────────────────

/** The stored layers, checked: a row some other code wrote wrongly holds no shifts rather than breaking every page. */
export function layersOf(row: { id: string; layers: Prisma.JsonValue }): StoredLayer[] {
  const parsed = storedLayersSchema.safeParse(row.layers);
  if (parsed.success) return parsed.data;
  console.error(`[schedules] schedule ${row.id} has invalid layers:`, parsed.error.issues);
  return [];
}

export function rotationOf(row: ScheduleRow): ScheduleRotation {
  return { timeZone: row.timeZone, layers: layersOf(row) };
}

export function overridesOf(rows: OverrideRow[]): Override[] {
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

export async function loadOverrides(client: Client, scheduleIds: string[], from: Date, to: Date): Promise<Map<string, OverrideRow[]>> {
  const rows = scheduleIds.length
    ? await client.scheduleOverride.findMany({ where: overridesNear(scheduleIds, from, to), orderBy: [{ createdAt: "asc" }, { id: "asc" }] })
    : [];
  const bySchedule = new Map<string, OverrideRow[]>(scheduleIds.map((id) => [id, []]));
  for (const row of rows) bySchedule.get(row.scheduleId)!.push(row);
  return bySchedule;
}

// ─── People ────────────────────────────────────────────────────────────────

/** Users by id, looked up once per answer. Someone who left still has a name; a missing row shows as "unknown". */
export class People {
  constructor(private readonly byId: Map<string, PersonWithEmail>) {}
  get(id: string): PersonWithEmail {
    return this.byId.get(id) ?? { handle: "unknown", email: "", name: "Unknown person" };
  }
}

export async function loadPeople(client: Client, ids: Iterable<string | null | undefined>): Promise<People> {
  const unique = [...new Set([...ids].filter((id): id is string => !!id))];
  const users = unique.length ? await client.user.findMany({ where: { id: { in: unique } }, select: { id: true, handle: true, email: true, name: true } }) : [];
  return new People(new Map(users.map((u) => [u.id, { handle: u.handle, email: u.email, name: u.name }])));
}

const idsIn = (layers: StoredLayer[], overrides: OverrideRow[]) => [
  ...layers.flatMap((l) => l.participants),
  ...overrides.flatMap((o) => [o.userId, o.createdById]),
];

export async function resolveTeam(client: Client, orgId: string, ref: string): Promise<{ id: string; key: string }> {
  const team = await client.team.findFirst({ where: { orgId, OR: [{ id: ref }, { key: { equals: ref, mode: "insensitive" } }] }, select: { id: true, key: true } });
  if (!team) throw new AppError("invalid_input", `No team ${ref}.`, { fields: { team: `No team ${ref}` } });
  return team;
}

// ─── Presenting ────────────────────────────────────────────────────────────

export function presentOverride(o: OverrideRow, people: People): OverrideDto {
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

export async function presentDetail(client: Client, row: ScheduleRow, now: Date): Promise<ScheduleDto> {
  const overrides = (await loadOverrides(client, [row.id], now, new Date(now.getTime() + NEXT_HANDOFF_HORIZON_MS))).get(row.id)!;
  const layers = layersOf(row);
  const people = await loadPeople(client, idsIn(layers, overrides));
  const shown = overrides.filter((o) => o.end.getTime() > now.getTime() - RECENT_OVERRIDES_MS).sort((a, b) => a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id));
  return { ...presentSummary(row, overrides, people, now), overrides: shown.map((o) => presentOverride(o, people)) };
}

// ─── Reads ─────────────────────────────────────────────────────────────────

/** The schedule if it belongs to the actor's organization; 404 otherwise. */
export async function requireSchedule(client: Client, actor: Actor, id: string): Promise<ScheduleRow> {
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
export async function onCallNowForTeams(actor: Actor, teamIds: string[], now = new Date()): Promise<Map<string, { schedule: { id: string; name: string }; users: PersonWithEmail[]; source: OnCallDto["source"] }[]>> {
  const byTeam = new Map<string, { schedule: { id: string; name: string }; users: PersonWithEmail[]; source: OnCallDto["source"] }[]>(teamIds.map((id) => [id, []]));
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
