import "server-only";
// On-call health (`GET /api/v1/oncall/health`): per person and per team, the
// pages of the last N days, those outside the person's working hours, the
// acknowledgements and how long they took, and hours on call from the final
// schedules. The rules are pure (lib/domain/oncall-health.ts); this file loads.
// Every page of the organization counts, private incidents' included, but only
// its times and person are read: no incident leaves this function.
import { AppError } from "@/lib/domain/errors";
import {
  compareBurden,
  personBurden,
  teamBurden,
  toHours,
  coveredMs,
  type HealthDto,
  type HealthQuery,
  type Interval,
  type PageSample,
  type PersonHealthDto,
  type TeamHealthDto,
} from "@/lib/domain/oncall-health";
import type { Actor } from "../actor";
import { db } from "../db";
import { finalShiftsOfOrg } from "../schedules/data";
import { visibleIncidentsWhere } from "../incidents/access";

const DAY = 24 * 3600_000;

export async function loadOncallHealth(actor: Actor, query: HealthQuery, now = new Date()): Promise<HealthDto> {
  const to = now;
  const from = new Date(now.getTime() - query.days * DAY);
  const client = db();

  const teams = await client.team.findMany({
    where: { orgId: actor.orgId, ...(query.team ? { key: query.team } : {}) },
    select: { id: true, key: true, name: true, members: { select: { userId: true } } },
    orderBy: { key: "asc" },
  });
  if (query.team && teams.length === 0) throw new AppError("not_found", `No team ${query.team}.`);
  const teamFilter = query.team ? new Set(teams[0]!.members.map((m) => m.userId)) : null;

  const [pages, schedules, members] = await Promise.all([
    // Only times and the person: nothing about the incident is read. A private incident's pages count only for its
    // members: a non-member watching someone's count move would learn that a private incident just happened.
    client.page.findMany({
      where: {
        orgId: actor.orgId,
        createdAt: { gte: from, lt: to },
        OR: [{ incidentId: null }, { incident: visibleIncidentsWhere(actor) }],
        ...(teamFilter ? { userId: { in: [...teamFilter] } } : {}),
      },
      select: { userId: true, createdAt: true, acknowledgedAt: true },
    }),
    finalShiftsOfOrg(client, actor.orgId, from, to),
    client.membership.findMany({ where: { orgId: actor.orgId }, select: { userId: true, role: true } }),
  ]);

  const pagesOf = new Map<string, PageSample[]>();
  for (const p of pages) {
    const list = pagesOf.get(p.userId);
    if (list) list.push(p);
    else pagesOf.set(p.userId, [p]);
  }
  const onCallOf = new Map<string, Interval[]>();
  for (const s of schedules) {
    for (const shift of s.shifts) {
      const list = onCallOf.get(shift.user);
      if (list) list.push(shift);
      else onCallOf.set(shift.user, [shift]);
    }
  }

  // People: members who can be paged (not viewers) and anyone paged or on call in the window.
  const role = new Map(members.map((m) => [m.userId, m.role]));
  const ids = new Set<string>([...members.filter((m) => m.role !== "viewer").map((m) => m.userId), ...pagesOf.keys()]);
  for (const [userId, shifts] of onCallOf) if (coveredMs(shifts, from, to) > 0) ids.add(userId);
  for (const id of [...ids]) if (teamFilter && !teamFilter.has(id)) ids.delete(id);
  const users = await client.user.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, handle: true, name: true, timeZone: true, workdayStart: true, workdayEnd: true, deactivatedAt: true },
  });
  // Someone who left the organization with no pages and no shifts here is no longer part of its burden.
  const shown = users.filter((u) => (role.has(u.id) && !u.deactivatedAt) || pagesOf.has(u.id) || onCallOf.has(u.id));

  const teamKeysOf = new Map<string, string[]>();
  for (const t of teams) for (const m of t.members) teamKeysOf.set(m.userId, [...(teamKeysOf.get(m.userId) ?? []), t.key]);

  const burdens = new Map(
    shown.map((u) => [
      u.id,
      personBurden({
        pages: pagesOf.get(u.id) ?? [],
        hours: { timeZone: u.timeZone, workdayStart: u.workdayStart, workdayEnd: u.workdayEnd },
        onCall: onCallOf.get(u.id) ?? [],
        from,
        to,
      }),
    ]),
  );

  const people: PersonHealthDto[] = shown
    .map((u) => {
      const { ackSamples: _samples, onCallMs: _ms, ...burden } = burdens.get(u.id)!;
      return { handle: u.handle, name: u.name, timeZone: u.timeZone, workdayStart: u.workdayStart, workdayEnd: u.workdayEnd, teams: teamKeysOf.get(u.id) ?? [], ...burden };
    })
    .sort((a, b) => compareBurden(a, b) || a.handle.localeCompare(b.handle));

  const teamRows: TeamHealthDto[] = teams
    .map((t) => {
      // A member's burden counts for each of their teams; members who were filtered out (left, deactivated) count nothing.
      const memberBurdens = t.members.map((m) => burdens.get(m.userId)).filter((b) => b !== undefined);
      const own = schedules.filter((s) => s.teamId === t.id).map((s) => ({ id: s.id, name: s.name, ms: coveredMs(s.shifts, from, to) }));
      return {
        key: t.key,
        name: t.name,
        members: t.members.length,
        ...teamBurden(memberBurdens),
        schedules: own.map((s) => ({ id: s.id, name: s.name, hoursOnCall: toHours(s.ms) })),
        scheduleHoursOnCall: toHours(own.reduce((n, s) => n + s.ms, 0)),
      };
    })
    .sort((a, b) => compareBurden(a, b) || a.key.localeCompare(b.key));

  return { window: { from: from.toISOString(), to: to.toISOString(), days: query.days }, people, teams: teamRows };
}
