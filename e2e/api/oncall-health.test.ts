// On-call health against the real server: pages built straight in the database
// at known local times of people in known zones, a schedule with an override
// for hours on call, and the numbers `GET /api/v1/oncall/health` answers.
import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, createOrg, testDb, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let admin: TestUser;
let berlin: TestUser;
let newYork: TestUser;
let viewer: TestUser;
let teamKey: string;
const secretTitle = `Secret breach ${randomUUID()}`;

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A local wall-clock time in the week two weeks ago (weekday 1 = Monday), as an instant. */
function twoWeeksAgo(zone: string, weekday: number, hour: number, minute = 0): Date {
  return DateTime.now().setZone(zone).startOf("week").minus({ weeks: 2 }).plus({ days: weekday - 1 }).set({ hour, minute }).toJSDate();
}

async function page(user: TestUser, createdAt: Date, ackAfterSeconds: number | null, incidentId?: string) {
  await testDb().page.create({
    data: {
      orgId: org.id,
      userId: user.id,
      incidentId,
      reason: "Alert: checkout error rate above SLO",
      createdAt,
      ...(ackAfterSeconds === null ? {} : { acknowledgedAt: new Date(createdAt.getTime() + ackAfterSeconds * 1000), acknowledgedById: user.id }),
    },
  });
}

const health = (token: string, query = "") => api("GET", `/api/v1/oncall/health${query}`, { token });
const person = (body: any, handle: string) => body.people.find((p: any) => p.handle === handle);

beforeAll(async () => {
  org = await createOrg();
  [admin, berlin, newYork, viewer] = await Promise.all([org.user("admin"), org.user("responder"), org.user("responder"), org.user("viewer")]);
  await testDb().user.update({ where: { id: berlin.id }, data: { timeZone: "Europe/Berlin" } });
  await testDb().user.update({ where: { id: newYork.id }, data: { timeZone: "America/New_York" } });

  teamKey = `sre-${randomUUID().slice(0, 6)}`;
  expect((await api("POST", "/api/v1/teams", { token: admin.token, body: { key: teamKey, name: "SRE" } })).status).toBe(201);
  for (const u of [berlin, newYork]) {
    expect((await api("POST", `/api/v1/teams/${teamKey}/members`, { token: admin.token, body: { user: u.handle } })).status).toBe(201);
  }

  // A private incident (Berlin was paged for it; the admin is a member, the viewer is not): its page counts for its members
  // only, and nothing about it may show.
  const incident = await testDb().incident.create({
    data: { orgId: org.id, number: 1, title: secretTitle, severity: "SEV1", priority: "P1", private: true, members: { create: [{ userId: berlin.id }, { userId: admin.id }] } },
  });

  // Berlin (09:00–17:00, Europe/Berlin), all in the week two weeks ago.
  await page(berlin, twoWeeksAgo("Europe/Berlin", 2, 3), 60); // Tuesday 03:00: outside
  await page(berlin, twoWeeksAgo("Europe/Berlin", 2, 10), 120); // Tuesday 10:00: inside
  await page(berlin, twoWeeksAgo("Europe/Berlin", 6, 11), 600); // Saturday 11:00: outside
  await page(berlin, twoWeeksAgo("Europe/Berlin", 3, 14), null, incident.id); // Wednesday 14:00, private incident, never acknowledged
  await page(berlin, twoWeeksAgo("Europe/Berlin", 4, 11), 0); // Thursday 11:00, acknowledged the instant it was made (they declared)
  await page(berlin, new Date(Date.now() - 40 * DAY), 30); // 40 days ago: only in a 90-day window
  // New York (09:00–17:00, America/New_York): Monday 08:00 is before their day starts.
  await page(newYork, twoWeeksAgo("America/New_York", 1, 8), 300);

  // Hours on call: New York holds a weekly rotation that began 20 days ago; Berlin covers 3 hours five days ago.
  const start = DateTime.now().setZone("UTC").minus({ days: 20 }).toFormat("yyyy-MM-dd'T'HH:mm");
  const schedule = await api("POST", "/api/v1/schedules", {
    token: admin.token,
    body: { name: "SRE primary", team: teamKey, timeZone: "UTC", layers: [{ start, shift: { unit: "week", count: 1 }, participants: [newYork.handle] }] },
  });
  expect(schedule.status).toBe(201);
  const overrideEnd = new Date(Math.floor((Date.now() - 5 * DAY) / 1000) * 1000);
  const override = await api("POST", `/api/v1/schedules/${schedule.body.id}/overrides`, {
    token: admin.token,
    body: { user: berlin.handle, start: new Date(overrideEnd.getTime() - 3 * HOUR).toISOString(), end: overrideEnd.toISOString() },
  });
  expect(override.status).toBe(201);
});

afterAll(async () => {
  await testDb().$disconnect();
});

describe("GET /api/v1/oncall/health", () => {
  it("counts a Berlin person's pages outside their hours in their zone, acknowledgements and median and p90 acknowledgement times", async () => {
    const res = await health(admin.token);
    expect(res.status).toBe(200);
    expect(res.body.window.days).toBe(30);
    expect(Date.parse(res.body.window.to) - Date.parse(res.body.window.from)).toBe(30 * DAY);
    expect(person(res.body, berlin.handle)).toMatchObject({
      timeZone: "Europe/Berlin",
      workdayStart: "09:00",
      workdayEnd: "17:00",
      teams: [teamKey],
      pages: 5,
      pagesOutsideHours: 2,
      acknowledged: 4,
      // 60, 120, 600 s (the page acknowledged at once measures no response): median 120, p90 600.
      medianAckSeconds: 120,
      p90AckSeconds: 600,
    });
    expect(person(res.body, newYork.handle)).toMatchObject({ pages: 1, pagesOutsideHours: 1, acknowledged: 1, medianAckSeconds: 300, p90AckSeconds: 300 });
    // An admin with nothing in the window is listed with zeros; a viewer (never paged, never on call) is not listed.
    expect(person(res.body, admin.handle)).toMatchObject({ pages: 0, pagesOutsideHours: 0, acknowledged: 0, medianAckSeconds: null, p90AckSeconds: null, hoursOnCall: 0 });
    expect(person(res.body, viewer.handle)).toBeUndefined();
    // Worst burden first.
    expect(res.body.people.map((p: any) => p.handle)).toEqual([berlin.handle, newYork.handle, admin.handle]);
  });

  it("aggregates a team over its members, pooling acknowledgement times, with its schedules' hours", async () => {
    const res = await health(admin.token, "?days=7");
    expect(res.status).toBe(200);
    // The week two weeks ago is outside a 7-day window: no pages, only hours on call.
    expect(person(res.body, berlin.handle)).toMatchObject({ pages: 0, hoursOnCall: 3 });
    expect(person(res.body, newYork.handle)).toMatchObject({ pages: 0, hoursOnCall: 165 });
    const team = res.body.teams.find((t: any) => t.key === teamKey);
    expect(team).toMatchObject({ name: "SRE", members: 2, pages: 0, hoursOnCall: 168, scheduleHoursOnCall: 168 });
    expect(team.schedules).toEqual([{ id: expect.any(String), name: "SRE primary", hoursOnCall: 168 }]);

    const month = (await health(admin.token, `?days=30&team=${teamKey}`)).body;
    expect(month.teams).toHaveLength(1);
    expect(month.teams[0]).toMatchObject({
      key: teamKey,
      pages: 6,
      pagesOutsideHours: 3,
      acknowledged: 5,
      // Pooled 60, 120, 300, 600: median 210 (not the median of the medians 120 and 300), p90 600.
      medianAckSeconds: 210,
      p90AckSeconds: 600,
    });
    // The team filter lists only its members.
    expect(month.people.map((p: any) => p.handle).sort()).toEqual([berlin.handle, newYork.handle].sort());
  });

  it("takes a window of up to 90 days", async () => {
    const quarter = await health(admin.token, "?days=90");
    expect(quarter.status).toBe(200);
    expect(person(quarter.body, berlin.handle)).toMatchObject({ pages: 6, acknowledged: 5, medianAckSeconds: 90 });
    for (const bad of ["?days=91", "?days=0", "?days=abc"]) {
      const res = await health(admin.token, bad);
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toHaveProperty("days");
    }
    expect((await health(admin.token, "?team=nope")).status).toBe(404);
  });

  it("counts a private incident's page for its members only, and never reveals the incident", async () => {
    const res = await health(admin.token, "?days=90");
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(secretTitle);
    expect(text).not.toContain("INC-");
    expect(text).not.toMatch(/incident/i);
  });

  it("is readable by a viewer and invisible to another organization", async () => {
    const asViewer = await health(viewer.token);
    expect(asViewer.status).toBe(200);
    // The viewer is no member of the private incident: its page (Wednesday 14:00, inside hours) is not in their numbers.
    expect(person(asViewer.body, berlin.handle)).toMatchObject({ pages: 4, pagesOutsideHours: 2 });
    expect(person((await health(berlin.token)).body, berlin.handle)).toMatchObject({ pages: 5 });

    const other = await createOrg();
    const outsider = await other.user("admin");
    const theirs = await health(outsider.token, "?days=90");
    expect(theirs.status).toBe(200);
    expect(theirs.body.people.map((p: any) => p.handle)).toEqual([outsider.handle]);
    expect(theirs.body.teams).toEqual([]);
    expect((await health(outsider.token, `?team=${teamKey}`)).status).toBe(404);

    expect((await api("GET", "/api/v1/oncall/health")).status).toBe(401);
  });
});

describe("OpenAPI", () => {
  it("documents the on-call health and escalation policy routes with their schemas", async () => {
    const doc = (await api("GET", "/api/v1/openapi.json")).body;
    const params = doc.paths["/api/v1/oncall/health"].get.parameters;
    expect(params.find((p: any) => p.name === "days").schema).toMatchObject({ default: 30, minimum: 1, maximum: 90 });
    expect(params.map((p: any) => p.name)).toContain("team");
    expect(Object.keys(doc.paths["/api/v1/escalation-policies"]).sort()).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/api/v1/escalation-policies/{id}"]).sort()).toEqual(["delete", "get", "patch"]);
    expect(doc.paths["/api/v1/escalation-policies/{id}"].patch.responses).toHaveProperty("409");
    expect(doc.components.schemas.PolicyCreate.required).toEqual(expect.arrayContaining(["name", "steps"]));
    expect(doc.components.schemas.PolicyPatch.required).toContain("version");
  });
});
