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
