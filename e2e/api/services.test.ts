// The service catalog against the real server: admins add services, everyone
// reads them with their owner, dependencies both ways, hygiene flags, who is on
// call now and their incidents.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, createOrg, declare, testDb, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let admin: TestUser;
let responder: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  org = await createOrg();
  [admin, responder, viewer] = await Promise.all([org.user("admin"), org.user("responder"), org.user("viewer")]);
  await testDb().team.create({ data: { orgId: org.id, key: "payments", name: "Payments" } });
});

afterAll(async () => {
  await testDb().$disconnect();
});

describe("service catalog", () => {
  it("lets an admin add services with dependencies; everyone reads them both ways with hygiene flags", async () => {
    const db = await api("POST", "/api/v1/services", { token: admin.token, body: { key: "svc-pay-db", name: "Payments DB", team: "payments", tier: 2 } });
    expect(db.status).toBe(201);
    expect(db.body).toMatchObject({ key: "SVC-PAY-DB", team: { key: "payments" }, flags: [] });
    const api1 = await api("POST", "/api/v1/services", {
      token: admin.token,
      body: { key: "SVC-PAY-API", name: "Payments API", team: "payments", tier: 1, dependsOn: ["SVC-PAY-DB"], links: [{ label: "Dashboard", url: "https://example.com/d" }] },
    });
    expect(api1.status).toBe(201);
    expect(api1.body.flags.map((f: { flag: string }) => f.flag)).toEqual(["no_runbook"]);
    expect(await testDb().auditLog.count({ where: { orgId: org.id, action: "service.create" } })).toBe(2);

    const list = await api("GET", "/api/v1/services", { token: viewer.token });
    expect(list.status).toBe(200);
    const byKey = Object.fromEntries(list.body.items.map((s: { key: string }) => [s.key, s]));
    expect(byKey["SVC-PAY-API"].dependsOn.map((d: { key: string }) => d.key)).toEqual(["SVC-PAY-DB"]);
    expect(byKey["SVC-PAY-DB"].dependents.map((d: { key: string }) => d.key)).toEqual(["SVC-PAY-API"]);
    expect(list.body.items[0].tier).toBe(1);
  });

  it("shows a service's open incidents and who is on call for its team now", async () => {
    const team = await testDb().team.findFirstOrThrow({ where: { orgId: org.id, key: "payments" } });
    await testDb().schedule.create({
      data: { orgId: org.id, teamId: team.id, name: "Payments primary", timeZone: "UTC", layers: [{ start: "2020-01-06T00:00", shift: { unit: "week", count: 1 }, participants: [responder.id] }] },
    });
    const incident = await declare(responder.token, { title: "Card auth failing", severity: "SEV1", services: ["SVC-PAY-API"] });
    const res = await api("GET", "/api/v1/services/svc-pay-api", { token: viewer.token });
    expect(res.status).toBe(200);
    expect(res.body.incidents).toEqual([expect.objectContaining({ ref: incident.body.ref, status: "investigating" })]);
    expect(res.body.onCall).toEqual([expect.objectContaining({ schedule: expect.objectContaining({ name: "Payments primary" }), users: [expect.objectContaining({ handle: responder.handle })] })]);
    const list = await api("GET", "/api/v1/services", { token: viewer.token });
    expect(list.body.items.find((s: { key: string }) => s.key === "SVC-PAY-API").openIncidents).toBe(1);
  });

  it("refuses non-admins (403), bad input (400 with fields), duplicates (409) and unknown keys (404), writing nothing", async () => {
    const before = await testDb().service.count({ where: { orgId: org.id } });
    expect((await api("POST", "/api/v1/services", { token: responder.token, body: { key: "SVC-X", name: "X", team: "payments", tier: 2 } })).status).toBe(403);
    expect((await api("POST", "/api/v1/services", { token: viewer.token, body: { key: "SVC-X", name: "X", team: "payments", tier: 2 } })).status).toBe(403);
    const bad = await api("POST", "/api/v1/services", { token: admin.token, body: { key: "checkout", name: "", team: "payments", tier: 7 } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["key", "name", "tier"]);
    const noTeam = await api("POST", "/api/v1/services", { token: admin.token, body: { key: "SVC-X", name: "X", team: "nope", tier: 2 } });
    expect(noTeam.status).toBe(400);
    expect(noTeam.body.error.fields).toHaveProperty("team");
    const noDep = await api("POST", "/api/v1/services", { token: admin.token, body: { key: "SVC-X", name: "X", team: "payments", tier: 2, dependsOn: ["SVC-NOPE"] } });
    expect(noDep.status).toBe(400);
    expect((await api("POST", "/api/v1/services", { token: admin.token, body: { key: "SVC-PAY-DB", name: "dup", team: "payments", tier: 2 } })).status).toBe(409);
    expect(await testDb().service.count({ where: { orgId: org.id } })).toBe(before);
    expect((await api("GET", "/api/v1/services/SVC-NOPE", { token: viewer.token })).status).toBe(404);
  });
});

describe("editing a service (PATCH /api/v1/services/{key})", () => {
  async function newService(key: string, body: Record<string, unknown> = {}) {
    const res = await api("POST", "/api/v1/services", { token: admin.token, body: { key, name: key, team: "payments", tier: 2, ...body } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  it("changes name, description, team, tier, links and dependencies with the version read, bumping it; audits the change", async () => {
    await testDb().team.create({ data: { orgId: org.id, key: "platform", name: "Platform" } });
    const created = await newService("SVC-EDIT-A");
    await newService("SVC-EDIT-DB");
    expect(created.version).toBe(1);
    const res = await api("PATCH", "/api/v1/services/svc-edit-a", {
      token: admin.token,
      body: {
        version: 1,
        name: "Edit A",
        description: "Takes the money",
        team: "Platform",
        tier: 1,
        links: [{ label: "Runbook", url: "https://wiki.example/runbooks/a" }],
        dependsOn: ["svc-edit-db", "SVC-EDIT-DB"],
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ key: "SVC-EDIT-A", name: "Edit A", description: "Takes the money", team: { key: "platform" }, tier: 1, version: 2, dependsOn: [{ key: "SVC-EDIT-DB" }] });
    // A tier-1 service with an owner and a runbook, reviewed at creation: no flags.
    expect(res.body.flags).toEqual([]);
    const read = await api("GET", "/api/v1/services/SVC-EDIT-DB", { token: viewer.token });
    expect(read.body.dependents.map((d: { key: string }) => d.key)).toEqual(["SVC-EDIT-A"]);
    const audit = await testDb().auditLog.findFirstOrThrow({ where: { orgId: org.id, action: "service.update", targetId: created.id } });
    expect(Object.keys(audit.data as object).sort()).toEqual(["dependsOn", "description", "key", "links", "name", "team", "tier"]);

    // Dropping every dependency.
    const cleared = await api("PATCH", "/api/v1/services/SVC-EDIT-A", { token: admin.token, body: { version: 2, dependsOn: [] } });
    expect(cleared.body).toMatchObject({ version: 3, dependsOn: [] });
  });

  it("refuses a stale version with 409 and the current version, changing nothing", async () => {
    await newService("SVC-EDIT-B");
    expect((await api("PATCH", "/api/v1/services/SVC-EDIT-B", { token: admin.token, body: { version: 1, tier: 3 } })).status).toBe(200);
    const stale = await api("PATCH", "/api/v1/services/SVC-EDIT-B", { token: admin.token, body: { version: 1, tier: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "conflict", fields: { version: expect.any(String) }, details: { version: 2 } });
    expect((await testDb().service.findFirstOrThrow({ where: { orgId: org.id, key: "SVC-EDIT-B" } })).tier).toBe(3);
    // Of two edits from the same version, exactly one wins.
    const race = await Promise.all([1, 2].map((tier) => api("PATCH", "/api/v1/services/SVC-EDIT-B", { token: admin.token, body: { version: 2, tier } })));
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await testDb().service.findFirstOrThrow({ where: { orgId: org.id, key: "SVC-EDIT-B" } })).version).toBe(3);
  });

  it("answers 400 with the field for a self-loop, an unknown dependency, team or policy; nothing changes", async () => {
    await newService("SVC-EDIT-C");
    const self = await api("PATCH", "/api/v1/services/SVC-EDIT-C", { token: admin.token, body: { version: 1, dependsOn: ["SVC-EDIT-C"] } });
    expect(self.status).toBe(400);
    expect(self.body.error.fields.dependsOn).toMatch(/itself/);
    const unknown = await api("PATCH", "/api/v1/services/SVC-EDIT-C", { token: admin.token, body: { version: 1, dependsOn: ["SVC-PAY-DB", "SVC-NOPE"] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields.dependsOn).toMatch(/SVC-NOPE/);
    const team = await api("PATCH", "/api/v1/services/SVC-EDIT-C", { token: admin.token, body: { version: 1, team: "nope" } });
    expect(team.status).toBe(400);
    expect(team.body.error.fields).toHaveProperty("team");
    const otherOrg = await createOrg();
    const foreignPolicy = await testDb().escalationPolicy.create({ data: { orgId: otherOrg.id, name: "Theirs" } });
    const policy = await api("PATCH", "/api/v1/services/SVC-EDIT-C", { token: admin.token, body: { version: 1, escalationPolicy: foreignPolicy.id } });
    expect(policy.status).toBe(400);
    expect(policy.body.error.fields).toHaveProperty("escalationPolicy");
    const bad = await api("PATCH", "/api/v1/services/SVC-EDIT-C", { token: admin.token, body: { version: 1, tier: 0, links: [{ label: "x", url: "ftp://x" }] } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["links.0.url", "tier"]);
    expect((await api("PATCH", "/api/v1/services/SVC-EDIT-C", { token: admin.token, body: { tier: 1 } })).body.error.fields).toHaveProperty("version");
    expect((await api("PATCH", "/api/v1/services/SVC-NOPE", { token: admin.token, body: { version: 1, tier: 1 } })).status).toBe(404);
    const row = await testDb().service.findFirstOrThrow({ where: { orgId: org.id, key: "SVC-EDIT-C" }, include: { dependsOn: true } });
    expect(row).toMatchObject({ version: 1, tier: 2, escalationPolicyId: null, dependsOn: [] });
  });

  it("attaches an escalation policy of the organization and detaches it with null", async () => {
    await newService("SVC-EDIT-D");
    const policy = await testDb().escalationPolicy.create({ data: { orgId: org.id, name: "Payments default" } });
    const attached = await api("PATCH", "/api/v1/services/SVC-EDIT-D", { token: admin.token, body: { version: 1, escalationPolicy: policy.id } });
    expect(attached.status).toBe(200);
    expect(attached.body.escalationPolicy).toEqual({ id: policy.id, name: "Payments default" });
    const detached = await api("PATCH", "/api/v1/services/SVC-EDIT-D", { token: admin.token, body: { version: 2, escalationPolicy: null } });
    expect(detached.body).toMatchObject({ escalationPolicy: null, version: 3 });
    expect((await testDb().service.findFirstOrThrow({ where: { orgId: org.id, key: "SVC-EDIT-D" } })).escalationPolicyId).toBeNull();
    // POST takes one too (API.md).
    const created = await newService("SVC-EDIT-E", { escalationPolicy: policy.id });
    expect(created.escalationPolicy).toEqual({ id: policy.id, name: "Payments default" });
  });

  it("marks a service reviewed now, which clears the stale-review flag; an edit that changes nothing bumps nothing", async () => {
    const svc = await newService("SVC-EDIT-F");
    await testDb().service.update({ where: { id: svc.id }, data: { lastReviewedAt: new Date(Date.now() - 200 * 86_400_000) } });
    expect((await api("GET", "/api/v1/services/SVC-EDIT-F", { token: viewer.token })).body.flags.map((f: { flag: string }) => f.flag)).toEqual(["review_stale"]);
    const before = Date.now();
    const reviewed = await api("PATCH", "/api/v1/services/SVC-EDIT-F", { token: admin.token, body: { version: 1, reviewed: true } });
    expect(reviewed.status).toBe(200);
    expect(Date.parse(reviewed.body.lastReviewedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(reviewed.body).toMatchObject({ flags: [], version: 2 });
    const same = await api("PATCH", "/api/v1/services/SVC-EDIT-F", { token: admin.token, body: { version: 2, name: "SVC-EDIT-F", tier: 2 } });
    expect(same.body.version).toBe(2);
    expect(await testDb().auditLog.count({ where: { action: "service.update", targetId: svc.id } })).toBe(1);
  });
});
