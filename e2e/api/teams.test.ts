// Teams against the real server: admins create and rename teams and change who
// is in them; everyone in the organization reads them with what they own and
// who is on call; viewers and responders write nothing, on any of the new
// catalog routes (teams, service edits, schedule edits and deletes).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, createOrg, testDb, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let admin: TestUser;
let responder: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  org = await createOrg();
  [admin, responder, viewer] = await Promise.all([org.user("admin"), org.user("responder"), org.user("viewer")]);
});

afterAll(async () => {
  await testDb().$disconnect();
});

const uniqueKey = (prefix: string) => `${prefix}-${randomUUID().slice(0, 6)}`;

describe("teams", () => {
  it("lets an admin create a team with a canonical key; everyone reads it; a duplicate key is a 409", async () => {
    const key = uniqueKey("payments");
    const created = await api("POST", "/api/v1/teams", { token: admin.token, body: { key: key.toUpperCase(), name: " Payments " } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ key, name: "Payments", memberCount: 0, members: [], services: [], schedules: [], onCall: [] });
    expect(await testDb().auditLog.count({ where: { orgId: org.id, action: "team.create", data: { path: ["key"], equals: key } } })).toBe(1);

    const list = await api("GET", "/api/v1/teams", { token: viewer.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((t: { key: string }) => t.key)).toContain(key);
    expect((await api("GET", `/api/v1/teams/${key.toUpperCase()}`, { token: viewer.token })).body.key).toBe(key);

    const dup = await api("POST", "/api/v1/teams", { token: admin.token, body: { key, name: "Again" } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields).toHaveProperty("key");
    expect(await testDb().team.count({ where: { orgId: org.id, key } })).toBe(1);
  });

  it("refuses bad keys and names with their fields, and answers 404 for a team that does not exist", async () => {
    const bad = await api("POST", "/api/v1/teams", { token: admin.token, body: { key: "pay ments", name: "" } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["key", "name"]);
    expect((await api("GET", "/api/v1/teams/nope-nope", { token: viewer.token })).status).toBe(404);
    expect((await api("PATCH", "/api/v1/teams/nope-nope", { token: admin.token, body: { name: "X" } })).status).toBe(404);
    expect((await api("POST", "/api/v1/teams/nope-nope/members", { token: admin.token, body: { user: responder.handle } })).status).toBe(404);
  });

  it("renames a team, keeping its key", async () => {
    const key = uniqueKey("identity");
    await api("POST", "/api/v1/teams", { token: admin.token, body: { key, name: "Identity" } });
    const renamed = await api("PATCH", `/api/v1/teams/${key}`, { token: admin.token, body: { name: "Identity & Access" } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ key, name: "Identity & Access" });
    expect((await api("PATCH", `/api/v1/teams/${key}`, { token: admin.token, body: { name: "X", key: "other" } })).status).toBe(400);
    expect((await testDb().team.findFirstOrThrow({ where: { orgId: org.id, key } })).name).toBe("Identity & Access");
  });

  it("adds members by handle or email (twice is a 409, strangers a 400) and removes them (not a member: 404)", async () => {
    const key = uniqueKey("platform");
    await api("POST", "/api/v1/teams", { token: admin.token, body: { key, name: "Platform" } });
    const lead = await org.user("responder");

    const first = await api("POST", `/api/v1/teams/${key}/members`, { token: admin.token, body: { user: `@${lead.handle}`, lead: true } });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const second = await api("POST", `/api/v1/teams/${key}/members`, { token: admin.token, body: { user: responder.email.toUpperCase() } });
    expect(second.status).toBe(201);
    expect(second.body.memberCount).toBe(2);
    // Leads first, then by handle; each with their organization role.
    expect(second.body.members).toEqual([
      { handle: lead.handle, email: lead.email, name: `Test ${lead.handle}`, role: "responder", lead: true },
      { handle: responder.handle, email: responder.email, name: `Test ${responder.handle}`, role: "responder", lead: false },
    ]);

    const twice = await api("POST", `/api/v1/teams/${key}/members`, { token: admin.token, body: { user: responder.handle } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.fields).toHaveProperty("user");
    const outsider = await (await createOrg()).user("responder");
    const stranger = await api("POST", `/api/v1/teams/${key}/members`, { token: admin.token, body: { user: outsider.handle } });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.fields.user).toMatch(/no such member/);

    // The users list (pickers) shows the team.
    const users = await api("GET", `/api/v1/users?q=${responder.handle}`, { token: viewer.token });
    expect(users.body.items[0].teams).toContain(key);

    const removed = await api("DELETE", `/api/v1/teams/${key}/members/${responder.handle}`, { token: admin.token });
    expect(removed.status).toBe(200);
    expect(removed.body.members.map((m: { handle: string }) => m.handle)).toEqual([lead.handle]);
    expect((await api("DELETE", `/api/v1/teams/${key}/members/${responder.handle}`, { token: admin.token })).status).toBe(404);
    // By email too (the path segment is URL-encoded).
    expect((await api("DELETE", `/api/v1/teams/${key}/members/${encodeURIComponent(lead.email)}`, { token: admin.token })).status).toBe(200);
    expect(await testDb().teamMember.count({ where: { team: { orgId: org.id, key } } })).toBe(0);

    const audits = await testDb().auditLog.findMany({ where: { orgId: org.id, action: { startsWith: "team.member." }, data: { path: ["key"], equals: key } }, orderBy: { at: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["team.member.add", "team.member.add", "team.member.remove", "team.member.remove"]);
  });

  it("shows what a team owns and who of it is on call now", async () => {
    const key = uniqueKey("checkout");
    const created = await api("POST", "/api/v1/teams", { token: admin.token, body: { key, name: "Checkout" } });
    expect(created.status).toBe(201);
    const team = await testDb().team.findFirstOrThrow({ where: { orgId: org.id, key } });
    const svcKey = `SVC-${key.toUpperCase()}`;
    expect((await api("POST", "/api/v1/services", { token: admin.token, body: { key: svcKey, name: "Checkout API", team: key, tier: 1 } })).status).toBe(201);
    const schedule = await testDb().schedule.create({
      data: { orgId: org.id, teamId: team.id, name: "Checkout primary", timeZone: "UTC", layers: [{ start: "2020-01-06T00:00", shift: { unit: "week", count: 1 }, participants: [responder.id] }] },
    });

    const read = await api("GET", `/api/v1/teams/${key}`, { token: viewer.token });
    expect(read.status).toBe(200);
    expect(read.body.services).toEqual([{ key: svcKey, name: "Checkout API", tier: 1 }]);
    expect(read.body.schedules).toEqual([{ id: schedule.id, name: "Checkout primary" }]);
    expect(read.body.onCall).toEqual([{ schedule: { id: schedule.id, name: "Checkout primary" }, users: [expect.objectContaining({ handle: responder.handle })], source: "layer" }]);
    const listed = (await api("GET", "/api/v1/teams", { token: viewer.token })).body.items.find((t: { key: string }) => t.key === key);
    expect(listed).toMatchObject({ memberCount: 0, services: [{ key: svcKey }], schedules: [{ name: "Checkout primary" }] });
  });

  it("keeps other organizations' teams out of sight", async () => {
    const key = uniqueKey("secret");
    await api("POST", "/api/v1/teams", { token: admin.token, body: { key, name: "Secret" } });
    const other = await (await createOrg()).user("admin");
    expect((await api("GET", `/api/v1/teams/${key}`, { token: other.token })).status).toBe(404);
    expect((await api("GET", "/api/v1/teams", { token: other.token })).body.items).toEqual([]);
    expect((await api("POST", `/api/v1/teams/${key}/members`, { token: other.token, body: { user: other.handle } })).status).toBe(404);
  });

  it("lists only this organization's teams for a person who belongs to two", async () => {
    const key = uniqueKey("mine");
    await api("POST", "/api/v1/teams", { token: admin.token, body: { key, name: "Mine" } });
    await api("POST", `/api/v1/teams/${key}/members`, { token: admin.token, body: { user: responder.handle } });
    // The same person is also a member of another organization and of one of its teams.
    const other = await createOrg();
    await testDb().membership.create({ data: { orgId: other.id, userId: responder.id, role: "responder" } });
    const theirs = await testDb().team.create({ data: { orgId: other.id, key: uniqueKey("theirs"), name: "Theirs" } });
    await testDb().teamMember.create({ data: { teamId: theirs.id, userId: responder.id } });
    const users = await api("GET", `/api/v1/users?q=${responder.handle}`, { token: viewer.token });
    expect(users.body.items[0].teams).toContain(key);
    expect(users.body.items[0].teams).not.toContain(theirs.key);
  });
});

describe("viewers and responders change nothing in the catalog", () => {
  it("answers 403 to every team, service and schedule write, and writes nothing", async () => {
    const key = uniqueKey("guarded");
    await api("POST", "/api/v1/teams", { token: admin.token, body: { key, name: "Guarded" } });
    await api("POST", `/api/v1/teams/${key}/members`, { token: admin.token, body: { user: responder.handle } });
    const svcKey = `SVC-${key.toUpperCase()}`;
    await api("POST", "/api/v1/services", { token: admin.token, body: { key: svcKey, name: "Guarded", team: key, tier: 2 } });
    const schedule = await api("POST", "/api/v1/schedules", {
      token: admin.token,
      body: { name: "Guarded", team: key, timeZone: "UTC", layers: [{ start: "2026-01-05T09:00", shift: { unit: "week", count: 1 }, participants: [responder.handle] }] },
    });
    expect(schedule.status).toBe(201);
    const audits = () => testDb().auditLog.count({ where: { orgId: org.id } });
    const before = await audits();

    for (const user of [viewer, responder]) {
      const writes = [
        await api("POST", "/api/v1/teams", { token: user.token, body: { key: uniqueKey("x"), name: "X" } }),
        await api("PATCH", `/api/v1/teams/${key}`, { token: user.token, body: { name: "Hijacked" } }),
        await api("POST", `/api/v1/teams/${key}/members`, { token: user.token, body: { user: user.handle } }),
        await api("DELETE", `/api/v1/teams/${key}/members/${responder.handle}`, { token: user.token }),
        await api("PATCH", `/api/v1/services/${svcKey}`, { token: user.token, body: { version: 1, tier: 1 } }),
        await api("PATCH", `/api/v1/schedules/${schedule.body.id}`, { token: user.token, body: { version: 1, name: "Hijacked" } }),
        await api("DELETE", `/api/v1/schedules/${schedule.body.id}`, { token: user.token }),
      ];
      expect(writes.map((w) => w.status), user.handle).toEqual([403, 403, 403, 403, 403, 403, 403]);
      expect(writes.every((w) => w.body.error.code === "forbidden")).toBe(true);
    }
    expect(await audits()).toBe(before);
    expect((await testDb().team.findFirstOrThrow({ where: { orgId: org.id, key } })).name).toBe("Guarded");
    expect(await testDb().teamMember.count({ where: { team: { orgId: org.id, key } } })).toBe(1);
    expect((await testDb().service.findFirstOrThrow({ where: { orgId: org.id, key: svcKey } })).tier).toBe(2);
    expect(await testDb().schedule.count({ where: { id: schedule.body.id, name: "Guarded" } })).toBe(1);
    // Reads stay open to them.
    expect((await api("GET", `/api/v1/teams/${key}`, { token: viewer.token })).status).toBe(200);
  });

  it("answers 401 without credentials", async () => {
    expect((await api("GET", "/api/v1/teams")).status).toBe(401);
    expect((await api("POST", "/api/v1/teams", { body: { key: "x", name: "X" } })).status).toBe(401);
  });
});

describe("OpenAPI", () => {
  it("documents the team, service-edit, schedule-delete and incident-services routes with their schemas", async () => {
    const doc = (await api("GET", "/api/v1/openapi.json")).body;
    expect(Object.keys(doc.paths["/api/v1/teams"]).sort()).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/api/v1/teams/{key}"]).sort()).toEqual(["get", "patch"]);
    expect(doc.paths["/api/v1/teams/{key}/members"].post.requestBody.content["application/json"].schema.$ref).toBe("#/components/schemas/TeamMemberAdd");
    expect(doc.paths["/api/v1/teams/{key}/members/{handle}"]).toHaveProperty("delete");
    expect(doc.paths["/api/v1/services/{key}"].patch.responses).toHaveProperty("409");
    expect(doc.paths["/api/v1/schedules/{id}"]).toHaveProperty("delete");
    expect(doc.paths["/api/v1/incidents/{ref}/services"]).toHaveProperty("get");
    expect(doc.components.schemas.ServicePatch.required).toContain("version");
    expect(doc.components.schemas.SchedulePatch.required).toContain("version");
    expect(Object.keys(doc.components.schemas.TeamCreate.properties).sort()).toEqual(["key", "name"]);
  });
});
