// On-call schedules against the real server and Postgres: creating and
// validating them (admins only), who is on call at sampled instants (across
// daylight-saving changes, with overrides), and the iCalendar feeds, parsed
// with an independent parser and checked against `oncall?at=`.
import { randomUUID } from "node:crypto";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, baseUrl, createOrg, testDb, type TestOrg, type TestUser } from "./factories";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let org: TestOrg;
let admin: TestUser;
let responder: TestUser;
let viewer: TestUser;
let people: TestUser[];
let teamKey: string;

beforeAll(async () => {
  org = await createOrg();
  [admin, responder, viewer] = await Promise.all([org.user("admin"), org.user("responder"), org.user("viewer")]);
  people = await Promise.all([org.user("responder"), org.user("responder"), org.user("responder")]);
  teamKey = `payments-${randomUUID().slice(0, 6)}`;
  await testDb().team.create({ data: { orgId: org.id, key: teamKey, name: "Payments" } });
});

afterAll(async () => {
  await testDb().$disconnect();
});

// ─── Helpers (this file only) ──────────────────────────────────────────────

type Body = Record<string, unknown>;
const nameOf = (u: TestUser) => `Test ${u.handle}`;

function weeklyBody(overrides: Body = {}): Body {
  return {
    name: "Payments primary",
    team: teamKey,
    timeZone: "America/Chicago",
    layers: [{ name: "Primary", start: "2026-02-23T09:00", shift: { unit: "week", count: 1 }, participants: people.map((p) => p.handle) }],
    ...overrides,
  };
}

async function createSchedule(body: Body = weeklyBody(), token = admin.token): Promise<{ id: string } & Record<string, any>> {
  const res = await api("POST", "/api/v1/schedules", { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function onCall(id: string, at: string | number, token = viewer.token) {
  const instant = typeof at === "number" ? new Date(at).toISOString() : at;
  const res = await api("GET", `/api/v1/schedules/${id}/oncall?at=${encodeURIComponent(instant)}`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { at: string; users: { handle: string; email: string; name: string }[]; source: string | null };
}

async function whoAt(id: string, at: string | number) {
  const r = await onCall(id, at);
  return r.users.map((u) => u.handle).join(",") || null;
}

async function addOverride(id: string, user: TestUser, start: string | number, end: string | number, token = admin.token) {
  const iso = (v: string | number) => (typeof v === "number" ? new Date(v).toISOString() : v);
  return api("POST", `/api/v1/schedules/${id}/overrides`, { token, body: { user: user.handle, start: iso(start), end: iso(end) } });
}

async function fetchIcs(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl()}${path}`, { headers });
  return { status: res.status, type: res.headers.get("content-type"), cache: res.headers.get("cache-control"), text: await res.text() };
}

function eventsOf(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents("vevent").map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      summary: e.summary,
      start: e.startDate.toJSDate().getTime(),
      end: e.endDate.toJSDate().getTime(),
      startIsUtc: e.startDate.zone?.tzid === "UTC",
      stamp: v.getFirstPropertyValue("dtstamp"),
    };
  });
}

const countSchedules = () => testDb().schedule.count({ where: { orgId: org.id } });

// ─── Create and validate ───────────────────────────────────────────────────

describe("POST /api/v1/schedules", () => {
  it("creates a weekly rotation with people by handle or email, audited, no incident written", async () => {
    const body = weeklyBody({ timeZone: "america/chicago", layers: [{ start: "2026-02-23T09:00", shift: { unit: "week", count: 1 }, participants: [`@${people[0]!.handle}`, people[1]!.email.toUpperCase(), people[2]!.handle] }] });
    const created = await createSchedule(body);
    expect(created).toMatchObject({
      name: "Payments primary",
      team: { key: teamKey, name: "Payments" },
      timeZone: "America/Chicago",
      layers: [{ name: null, start: "2026-02-23T09:00", shift: { unit: "week", count: 1 }, participants: people.map((p) => ({ handle: p.handle, email: p.email, name: nameOf(p) })) }],
      overrides: [],
      onCall: { source: "layer" },
      nextHandoff: { source: "layer" },
    });
    expect(created.onCall.users).toHaveLength(1);
    // Stored with user ids, not what was typed.
    const row = await testDb().schedule.findUniqueOrThrow({ where: { id: created.id } });
    expect((row.layers as { participants: string[] }[])[0]!.participants).toEqual(people.map((p) => p.id));
    const audit = await testDb().auditLog.findFirst({ where: { orgId: org.id, action: "schedule.create", targetId: created.id } });
    expect(audit).toMatchObject({ actorId: admin.id, targetType: "schedule" });
    expect(await testDb().timelineEntry.count({ where: { incident: { orgId: org.id } } })).toBe(0);
  });

  it("replays an Idempotency-Key instead of creating twice", async () => {
    const before = await countSchedules();
    const key = randomUUID();
    const [a, b] = [
      await api("POST", "/api/v1/schedules", { token: admin.token, body: weeklyBody({ name: "Once" }), headers: { "Idempotency-Key": key } }),
      await api("POST", "/api/v1/schedules", { token: admin.token, body: weeklyBody({ name: "Once" }), headers: { "Idempotency-Key": key } }),
    ];
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.id).toBe(a.body.id);
    expect(await countSchedules()).toBe(before + 1);
  });

  it.each<[string, () => Body, string, RegExp]>([
    ["an unknown time zone", () => weeklyBody({ timeZone: "Mars/Olympus" }), "timeZone", /IANA/],
    ["an offset instead of a zone", () => weeklyBody({ timeZone: "+01:00" }), "timeZone", /IANA/],
    ["no name", () => weeklyBody({ name: "" }), "name", /Required/],
    ["no layers", () => weeklyBody({ layers: [] }), "layers", /At least one layer/],
    ["a start with an offset", () => weeklyBody({ layers: [{ start: "2026-02-23T09:00:00Z", shift: { unit: "week", count: 1 }, participants: [people[0]!.handle] }] }), "layers.0.start", /without offset/],
    ["a month as shift unit", () => weeklyBody({ layers: [{ start: "2026-02-23T09:00", shift: { unit: "month", count: 1 }, participants: [people[0]!.handle] }] }), "layers.0.shift.unit", /./],
    ["an unknown participant", () => weeklyBody({ layers: [{ start: "2026-02-23T09:00", shift: { unit: "day", count: 1 }, participants: [people[0]!.handle, "nobody-here"] }] }), "layers.0.participants.1", /No member nobody-here/],
    ["a viewer as participant", () => weeklyBody({ layers: [{ start: "2026-02-23T09:00", shift: { unit: "day", count: 1 }, participants: [viewer.handle] }] }), "layers.0.participants.0", /viewer/],
    ["an unknown team", () => weeklyBody({ team: "no-such-team" }), "team", /No team/],
  ])("refuses %s with a 400 naming the field, creating nothing", async (_what, body, field, reason) => {
    const before = await countSchedules();
    const res = await api("POST", "/api/v1/schedules", { token: admin.token, body: body() });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_input");
    expect(res.body.error.fields[field]).toMatch(reason);
    expect(await countSchedules()).toBe(before);
  });

  it("refuses someone of another organization as a participant", async () => {
    const other = await createOrg();
    const stranger = await other.user("responder");
    const res = await api("POST", "/api/v1/schedules", { token: admin.token, body: weeklyBody({ layers: [{ start: "2026-02-23T09:00", shift: { unit: "day", count: 1 }, participants: [stranger.email] }] }) });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(["layers.0.participants.0"]);
  });
});

describe("only admins edit schedules; everyone reads them", () => {
  it("gives viewers and responders 403 on every write, and changes nothing", async () => {
    const schedule = await createSchedule();
    const o = await addOverride(schedule.id, people[0]!, "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z");
    expect(o.status).toBe(201);
    for (const user of [viewer, responder]) {
      const writes = [
        await api("POST", "/api/v1/schedules", { token: user.token, body: weeklyBody() }),
        await api("PATCH", `/api/v1/schedules/${schedule.id}`, { token: user.token, body: { version: 1, name: "Hijacked" } }),
        await addOverride(schedule.id, user, "2026-03-03T00:00:00Z", "2026-03-04T00:00:00Z", user.token),
        await api("DELETE", `/api/v1/schedules/${schedule.id}/overrides/${o.body.id}`, { token: user.token }),
        await api("DELETE", `/api/v1/schedules/${schedule.id}`, { token: user.token }),
      ];
      expect(writes.map((w) => w.status), user.handle).toEqual([403, 403, 403, 403, 403]);
      expect(writes[0]!.body.error.code).toBe("forbidden");
    }
    const row = await testDb().schedule.findUniqueOrThrow({ where: { id: schedule.id }, include: { overrides: true } });
    expect(row.name).toBe("Payments primary");
    expect(row.overrides.map((x) => x.id)).toEqual([o.body.id]);
  });

  it("lets a viewer read the list, a schedule and who is on call; other organizations see a 404", async () => {
    const schedule = await createSchedule(weeklyBody({ name: `Readable ${randomUUID().slice(0, 4)}` }));
    const list = await api("GET", "/api/v1/schedules?limit=200", { token: viewer.token });
    expect(list.status).toBe(200);
    const item = list.body.items.find((s: { id: string }) => s.id === schedule.id);
    expect(item).toMatchObject({ name: schedule.name, timeZone: "America/Chicago", onCall: { source: "layer" } });
    expect(item.onCall.users[0].handle).toMatch(/^responder-/);
    expect((await api("GET", `/api/v1/schedules/${schedule.id}`, { token: viewer.token })).status).toBe(200);
    expect((await api("GET", `/api/v1/schedules?team=${teamKey}`, { token: viewer.token })).body.items.every((s: { team: { key: string } }) => s.team.key === teamKey)).toBe(true);

    const outsider = await (await createOrg()).user("admin");
    for (const path of [`/api/v1/schedules/${schedule.id}`, `/api/v1/schedules/${schedule.id}/oncall`, `/api/v1/schedules/${schedule.id}/calendar.ics`]) {
      expect((await api("GET", path, { token: outsider.token })).status, path).toBe(404);
    }
    expect((await api("PATCH", `/api/v1/schedules/${schedule.id}`, { token: outsider.token, body: { version: 1, name: "x" } })).status).toBe(404);
    expect((await api("DELETE", `/api/v1/schedules/${schedule.id}`, { token: outsider.token })).status).toBe(404);
    expect((await api("GET", "/api/v1/schedules", { token: outsider.token })).body.items).toEqual([]);
    expect((await api("GET", "/api/v1/schedules")).status).toBe(401);
  });

  it("pages through the list by name", async () => {
    const o = await createOrg();
    const a = await o.user("admin");
    const member = await o.user("responder");
    for (const name of ["Charlie", "Alpha", "Bravo"]) {
      expect((await api("POST", "/api/v1/schedules", { token: a.token, body: { name, timeZone: "UTC", layers: [{ start: "2026-01-01T00:00", shift: { unit: "day", count: 1 }, participants: [member.handle] }] } })).status).toBe(201);
    }
    const first = await api("GET", "/api/v1/schedules?limit=2", { token: a.token });
    expect(first.body.items.map((s: { name: string }) => s.name)).toEqual(["Alpha", "Bravo"]);
    const second = await api("GET", `/api/v1/schedules?limit=2&cursor=${first.body.nextCursor}`, { token: a.token });
    expect(second.body.items.map((s: { name: string }) => s.name)).toEqual(["Charlie"]);
    expect(second.body.nextCursor).toBeNull();
    expect((await api("GET", "/api/v1/schedules?cursor=garbage", { token: a.token })).status).toBe(400);
  });
});

// ─── Who is on call ────────────────────────────────────────────────────────

describe("GET /api/v1/schedules/{id}/oncall", () => {
  it("hands off at 09:00 local on both sides of a DST change (America/Chicago, spring forward 8 Mar 2026)", async () => {
    const { id } = await createSchedule();
    const [p0, p1, p2] = people.map((p) => p.handle);
    const vectors: [string, string | null][] = [
      ["2026-02-23T14:59:59Z", null],
      ["2026-02-23T15:00:00Z", p0!], // Mon 09:00 CST
      ["2026-03-02T14:59:59Z", p0!],
      ["2026-03-02T15:00:00Z", p1!], // Mon 09:00 CST
      ["2026-03-09T13:59:59Z", p1!], // Mon 08:59:59 CDT
      ["2026-03-09T14:00:00Z", p2!], // Mon 09:00 CDT: an hour earlier in UTC
      // After the fall back on 1 Nov: 2 Nov is week 36 (participant 36 mod 3 = 0), so until 09:00 CST it is week 35's (2).
      ["2026-11-02T14:59:59Z", p2!],
    ];
    for (const [at, expected] of vectors) expect(await whoAt(id, at), at).toBe(expected);
    expect(await whoAt(id, "2026-11-02T15:00:00Z")).toBe(p0); // Mon 09:00 CST again
    const answer = await onCall(id, "2026-03-09T14:00:00.000Z");
    expect(answer).toEqual({ at: "2026-03-09T14:00:00.000Z", users: [{ handle: p2, email: people[2]!.email, name: nameOf(people[2]!) }], source: "layer" });
  });

  it("starts a layer at 02:30 on the spring-forward day at the transition instant (Europe/Berlin)", async () => {
    const { id } = await createSchedule(weeklyBody({ timeZone: "Europe/Berlin", layers: [{ start: "2026-03-29T02:30", shift: { unit: "day", count: 1 }, participants: people.slice(0, 2).map((p) => p.handle) }] }));
    expect(await whoAt(id, "2026-03-29T00:59:59Z")).toBeNull();
    expect((await onCall(id, "2026-03-29T00:59:59Z")).source).toBeNull();
    expect(await whoAt(id, "2026-03-29T01:00:00Z")).toBe(people[0]!.handle); // 03:00 CEST
    expect(await whoAt(id, "2026-03-30T00:29:59Z")).toBe(people[0]!.handle);
    expect(await whoAt(id, "2026-03-30T00:30:00Z")).toBe(people[1]!.handle); // 02:30 CEST
  });

  it("with overrides: inside a shift, across a handoff, overlapping (the last created wins), and removed again", async () => {
    const { id } = await createSchedule();
    const [p0, p1, p2] = people;
    const inside = await addOverride(id, p0!, "2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z");
    expect(inside.status).toBe(201);
    expect(inside.body).toMatchObject({ user: { handle: p0!.handle }, start: "2026-03-10T00:00:00.000Z", end: "2026-03-11T00:00:00.000Z", createdBy: { handle: admin.handle } });
    expect(await onCall(id, "2026-03-10T12:00:00Z")).toMatchObject({ users: [{ handle: p0!.handle }], source: "override" });
    expect(await onCall(id, "2026-03-11T00:00:00Z")).toMatchObject({ users: [{ handle: p2!.handle }], source: "layer" });

    // Across the 16 Mar handoff (09:00 CDT = 14:00Z): p1 covers the end of p2's week and the start of p0's.
    const across = await addOverride(id, p1!, "2026-03-16T12:00:00Z", "2026-03-16T16:00:00Z");
    expect(across.status).toBe(201);
    expect(await whoAt(id, "2026-03-16T13:59:59Z")).toBe(p1!.handle);
    expect(await whoAt(id, "2026-03-16T14:00:00Z")).toBe(p1!.handle);
    expect(await whoAt(id, "2026-03-16T16:00:00Z")).toBe(p0!.handle);

    // A later override overlapping the first wins where they overlap.
    const later = await addOverride(id, p1!, "2026-03-10T06:00:00Z", "2026-03-10T08:00:00Z");
    expect(later.status).toBe(201);
    expect(await whoAt(id, "2026-03-10T07:00:00Z")).toBe(p1!.handle);
    expect(await whoAt(id, "2026-03-10T08:00:00Z")).toBe(p0!.handle);

    const removed = await api("DELETE", `/api/v1/schedules/${id}/overrides/${later.body.id}`, { token: admin.token });
    expect(removed.status).toBe(200);
    expect(removed.body.id).toBe(later.body.id);
    expect(await whoAt(id, "2026-03-10T07:00:00Z")).toBe(p0!.handle);
    expect((await api("DELETE", `/api/v1/schedules/${id}/overrides/${later.body.id}`, { token: admin.token })).status).toBe(404);
    expect(await testDb().auditLog.count({ where: { targetId: id, action: { in: ["schedule.override.create", "schedule.override.delete"] } } })).toBe(4);
  });

  it("refuses a bad override with the field, and a bad instant", async () => {
    const { id } = await createSchedule();
    const backwards = await addOverride(id, people[0]!, "2026-03-10T00:00:00Z", "2026-03-09T00:00:00Z");
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.fields).toHaveProperty("end");
    const unknown = await api("POST", `/api/v1/schedules/${id}/overrides`, { token: admin.token, body: { user: "ghost", start: "2026-03-10T00:00:00Z", end: "2026-03-11T00:00:00Z" } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields.user).toMatch(/No member ghost/);
    expect((await addOverride(id, viewer, "2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z")).body.error.fields.user).toMatch(/viewer/);
    expect((await api("POST", `/api/v1/schedules/no-such-id/overrides`, { token: admin.token, body: { user: people[0]!.handle, start: "2026-03-10T00:00:00Z", end: "2026-03-11T00:00:00Z" } })).status).toBe(404);
    expect(await testDb().scheduleOverride.count({ where: { scheduleId: id } })).toBe(0);
    const bad = await api("GET", `/api/v1/schedules/${id}/oncall?at=yesterday`, { token: viewer.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty("at");
  });
});

describe("PATCH /api/v1/schedules/{id}", () => {
  it("replaces the layers and re-reads them in a new zone; audits the change", async () => {
    const { id } = await createSchedule();
    const [p0, p1, p2] = people;
    expect(await whoAt(id, "2026-03-03T00:00:00Z")).toBe(p1!.handle);
    const reversed = await api("PATCH", `/api/v1/schedules/${id}`, {
      token: admin.token,
      body: { version: 1, layers: [{ name: "Primary", start: "2026-02-23T09:00", shift: { unit: "week", count: 1 }, participants: [p2!.handle, p1!.handle, p0!.handle] }] },
    });
    expect(reversed.status, JSON.stringify(reversed.body)).toBe(200);
    expect(reversed.body.version).toBe(2);
    expect(reversed.body.layers[0].participants.map((p: { handle: string }) => p.handle)).toEqual([p2!.handle, p1!.handle, p0!.handle]);
    expect(await whoAt(id, "2026-02-24T00:00:00Z")).toBe(p2!.handle);

    // 09:00 Chicago (15:00Z in winter) becomes 09:00 Berlin (08:00Z).
    expect(await whoAt(id, "2026-02-23T14:00:00Z")).toBeNull();
    const moved = await api("PATCH", `/api/v1/schedules/${id}`, { token: admin.token, body: { version: 2, timeZone: "Europe/Berlin", name: "Payments EU", team: null } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ timeZone: "Europe/Berlin", name: "Payments EU", team: null, version: 3 });
    expect(await whoAt(id, "2026-02-23T08:00:00Z")).toBe(p2!.handle);

    const audits = await testDb().auditLog.findMany({ where: { targetId: id, action: "schedule.update" }, orderBy: { at: "asc" } });
    expect(audits.map((a) => Object.keys(a.data as object).sort())).toEqual([["layers"], ["name", "team", "timeZone"]]);
  });

  it("refuses a bad zone or an empty patch, changing nothing", async () => {
    const { id } = await createSchedule();
    const bad = await api("PATCH", `/api/v1/schedules/${id}`, { token: admin.token, body: { version: 1, timeZone: "Europe/Atlantis" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.timeZone).toMatch(/IANA/);
    expect((await api("PATCH", `/api/v1/schedules/${id}`, { token: admin.token, body: { version: 1 } })).status).toBe(400);
    const noVersion = await api("PATCH", `/api/v1/schedules/${id}`, { token: admin.token, body: { name: "No version" } });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.error.fields).toHaveProperty("version");
    const row = await testDb().schedule.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ timeZone: "America/Chicago", name: "Payments primary", version: 1 });
  });

  it("refuses a stale version with 409 and the current version; of two edits from one version exactly one wins", async () => {
    const { id, version } = await createSchedule();
    expect(version).toBe(1);
    expect((await api("PATCH", `/api/v1/schedules/${id}`, { token: admin.token, body: { version: 1, name: "First" } })).status).toBe(200);
    const stale = await api("PATCH", `/api/v1/schedules/${id}`, { token: admin.token, body: { version: 1, name: "Second" } });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "conflict", fields: { version: expect.any(String) }, details: { version: 2 } });
    expect((await testDb().schedule.findUniqueOrThrow({ where: { id } })).name).toBe("First");

    const race = await Promise.all(["Left", "Right"].map((name) => api("PATCH", `/api/v1/schedules/${id}`, { token: admin.token, body: { version: 2, name } })));
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = race.find((r) => r.status === 200)!.body.name;
    expect(await testDb().schedule.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: winner, version: 3 });
    // Overrides are their own rows: adding one does not make an open edit stale.
    expect((await addOverride(id, people[0]!, "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z")).status).toBe(201);
    expect((await api("PATCH", `/api/v1/schedules/${id}`, { token: admin.token, body: { version: 3, name: "After override" } })).status).toBe(200);
  });
});

describe("DELETE /api/v1/schedules/{id}", () => {
  it("removes the schedule with its overrides, audits what it held, and then answers 404", async () => {
    const { id } = await createSchedule(weeklyBody({ name: `Doomed ${randomUUID().slice(0, 4)}` }));
    await addOverride(id, people[0]!, "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z");
    await addOverride(id, people[1]!, "2026-03-05T00:00:00Z", "2026-03-06T00:00:00Z");
    const res = await api("DELETE", `/api/v1/schedules/${id}`, { token: admin.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ id, overridesRemoved: 2 });
    expect(await testDb().schedule.count({ where: { id } })).toBe(0);
    expect(await testDb().scheduleOverride.count({ where: { scheduleId: id } })).toBe(0);
    const audit = await testDb().auditLog.findFirstOrThrow({ where: { targetId: id, action: "schedule.delete" } });
    expect((audit.data as { overrides: unknown[]; layers: unknown[] }).overrides).toHaveLength(2);
    expect((audit.data as { layers: unknown[] }).layers).toHaveLength(1);

    for (const path of [`/api/v1/schedules/${id}`, `/api/v1/schedules/${id}/oncall`, `/api/v1/schedules/${id}/calendar.ics`]) {
      expect((await api("GET", path, { token: viewer.token })).status, path).toBe(404);
    }
    expect((await api("DELETE", `/api/v1/schedules/${id}`, { token: admin.token })).status).toBe(404);
    expect((await api("GET", "/api/v1/schedules?limit=200", { token: viewer.token })).body.items.some((s: { id: string }) => s.id === id)).toBe(false);
  });
});

// ─── Shifts and calendar feeds ─────────────────────────────────────────────

/** A busy schedule around now: two layers in Chicago (the feed window crosses 1 Nov's fall back when run in Nov–Jan) and overrides. */
async function busySchedule() {
  const now = Date.now();
  const local = (ms: number) => new Date(ms).toISOString().slice(0, 11) + "09:00";
  const created = await createSchedule(
    weeklyBody({
      name: `Busy ${randomUUID().slice(0, 4)}`,
      layers: [
        { name: "Daily", start: local(now - 60 * DAY), shift: { unit: "day", count: 1 }, participants: people.map((p) => p.handle) },
        { name: "Half days", start: local(now + 20 * DAY).slice(0, 11) + "02:30", shift: { unit: "hour", count: 12 }, participants: [people[2]!.handle, people[0]!.handle] },
      ],
    }),
  );
  for (const [user, from, to] of [
    [people[1]!, now - 3 * DAY, now - 2 * DAY + 5 * HOUR],
    [people[0]!, now + 5 * DAY + 30 * MINUTE, now + 12 * DAY],
    [people[2]!, now + 8 * DAY, now + 9 * DAY],
  ] as const) {
    expect((await addOverride(created.id, user, from, to)).status).toBe(201);
  }
  return created;
}

describe("GET /api/v1/schedules/{id}/shifts", () => {
  it("answers the final timeline in order, overrides marked, and refuses windows over 100 days", async () => {
    const { id } = await busySchedule();
    const from = new Date(Date.now() - 5 * DAY).toISOString();
    const to = new Date(Date.now() + 15 * DAY).toISOString();
    const res = await api("GET", `/api/v1/schedules/${id}/shifts?from=${from}&to=${to}`, { token: viewer.token });
    expect(res.status).toBe(200);
    const items = res.body.items as { start: string; end: string; source: string; layerName: string | null; user: { handle: string } }[];
    // Three overrides, the second cut in two by the third (created later, inside it).
    expect(items.filter((s) => s.source === "override")).toHaveLength(4);
    expect(new Set(items.filter((s) => s.source === "layer").map((s) => s.layerName))).toEqual(new Set(["Daily"]));
    for (let i = 1; i < items.length; i += 1) expect(Date.parse(items[i]!.start)).toBeGreaterThanOrEqual(Date.parse(items[i - 1]!.end));
    const tooLong = await api("GET", `/api/v1/schedules/${id}/shifts?from=${from}&to=${new Date(Date.parse(from) + 101 * DAY).toISOString()}`, { token: viewer.token });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.fields).toHaveProperty("to");
  });
});

describe("GET /api/v1/schedules/{id}/calendar.ics", () => {
  it("is valid RFC 5545 that parses with ical.js, and at 20 sampled instants names who oncall?at= names", async () => {
    const { id, name } = await busySchedule();
    const feed = await fetchIcs(`/api/v1/schedules/${id}/calendar.ics?token=${encodeURIComponent(viewer.token)}`);
    expect(feed.status).toBe(200);
    expect(feed.type).toBe("text/calendar; charset=utf-8");
    expect(feed.cache).toContain("no-store");
    expect(feed.text.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(feed.text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(feed.text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of feed.text.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);

    const events = eventsOf(feed.text);
    expect(events.length).toBeGreaterThan(100);
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
    expect(events.every((e) => e.startIsUtc && e.end > e.start && e.stamp)).toBe(true);
    expect(events.every((e) => e.summary.endsWith(` · ${name}`))).toBe(true);
    expect(events.filter((e) => e.summary.startsWith("On call (override):"))).toHaveLength(4);

    const now = Date.now();
    const from = now - 29 * DAY;
    const span = 118 * DAY;
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const instants = Array.from({ length: 20 }, () => from + Math.floor(random() * span));
    // Boundaries too: the first instant of a few events, and just before.
    instants.push(...events.slice(40, 43).flatMap((e) => [e.start, e.start - 1]));
    for (const instant of instants) {
      const covering = events.filter((e) => e.start <= instant && instant < e.end);
      const answer = await onCall(id, instant);
      expect(covering.length, new Date(instant).toISOString()).toBeLessThanOrEqual(1);
      const person = answer.users[0];
      if (!person) {
        expect(covering).toEqual([]);
        continue;
      }
      expect(covering[0]?.summary, new Date(instant).toISOString()).toContain(`${person.name} (@${person.handle})`);
      expect(covering[0]!.summary.startsWith("On call (override):")).toBe(answer.source === "override");
    }

    // The same feed again: the same UIDs (stable per shift).
    const again = eventsOf((await fetchIcs(`/api/v1/schedules/${id}/calendar.ics`, { authorization: `Bearer ${viewer.token}` })).text);
    expect(again.map((e) => e.uid)).toEqual(events.map((e) => e.uid));
  });

  it("needs a valid token (401), in the URL or as Bearer", async () => {
    const { id } = await createSchedule();
    expect((await fetchIcs(`/api/v1/schedules/${id}/calendar.ics`)).status).toBe(401);
    expect((await fetchIcs(`/api/v1/schedules/${id}/calendar.ics?token=`)).status).toBe(401);
    expect((await fetchIcs(`/api/v1/schedules/${id}/calendar.ics?token=conn_not-a-token`)).status).toBe(401);
    expect((await fetchIcs(`/api/v1/schedules/${id}/calendar.ics`, { authorization: "Bearer nope" })).status).toBe(401);
    // Elsewhere a token in the URL is no credential.
    expect((await fetchIcs(`/api/v1/schedules/${id}?token=${encodeURIComponent(viewer.token)}`)).status).toBe(401);
    const leaving = await org.user("responder");
    expect((await fetchIcs(`/api/v1/schedules/${id}/calendar.ics?token=${encodeURIComponent(leaving.token)}`)).status).toBe(200);
    await testDb().apiToken.updateMany({ where: { userId: leaving.id }, data: { revokedAt: new Date() } });
    expect((await fetchIcs(`/api/v1/schedules/${id}/calendar.ics?token=${encodeURIComponent(leaving.token)}`)).status).toBe(401);
  });
});

describe("GET /api/v1/users/me/shifts.ics", () => {
  it("lists only the caller's shifts, across schedules, each naming them", async () => {
    const me = people[0]!;
    await busySchedule();
    await createSchedule(weeklyBody({ name: "Other rotation", timeZone: "Europe/Berlin" }));
    const feed = await fetchIcs(`/api/v1/users/me/shifts.ics?token=${encodeURIComponent(me.token)}`);
    expect(feed.status).toBe(200);
    const events = eventsOf(feed.text);
    expect(events.length).toBeGreaterThan(10);
    expect(events.every((e) => e.summary.includes(`${nameOf(me)} (@${me.handle})`))).toBe(true);
    // The UID starts with the schedule's id: events from several schedules.
    const scheduleOf = (uid: string) => uid.split("-")[0]!;
    expect(new Set(events.map((e) => scheduleOf(e.uid))).size).toBeGreaterThan(1);
    // In the middle of each of a sample of events, that schedule says it is me.
    for (const e of events.filter((_, i) => i % Math.ceil(events.length / 10) === 0)) {
      expect(await whoAt(scheduleOf(e.uid), Math.floor((e.start + e.end) / 2))).toBe(me.handle);
    }
    expect((await fetchIcs("/api/v1/users/me/shifts.ics")).status).toBe(401);
  });
});
