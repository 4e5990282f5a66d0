// Organization settings against the real server: the update cadence and nudge
// thresholds are the admin's to change, and declaring follows the new cadence.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, createOrg, declare, testDb, type TestOrg, type TestUser } from "./factories";

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

describe("org settings", () => {
  it("shows everyone the effective defaults", async () => {
    const res = await api("GET", "/api/v1/org/settings", { token: viewer.token });
    expect(res.status).toBe(200);
    expect(res.body.effective.cadence).toEqual({ SEV0: 15, SEV1: 15, SEV2: 30, SEV3: 60, SEV4: null });
    expect(res.body.effective.nudges.escalationSteps.map((s: { afterMinutes: number }) => s.afterMinutes)).toEqual([15, 30, 45]);
  });

  it("lets an admin change the cadence, and new incidents and updates follow it", async () => {
    const res = await api("PATCH", "/api/v1/org/settings", { token: admin.token, body: { cadence: { SEV2: 10 } } });
    expect(res.status).toBe(200);
    expect(res.body.effective.cadence).toMatchObject({ SEV1: 15, SEV2: 10 });
    const incident = await declare(responder.token, { severity: "SEV2" });
    expect(new Date(incident.body.nextUpdateDueAt).getTime() - new Date(incident.body.declaredAt).getTime()).toBe(10 * 60_000);
    const update = await api("POST", `/api/v1/incidents/${incident.body.ref}/updates`, { token: responder.token, body: { condition: "c", action: "a" } });
    expect(new Date(update.body.nextUpdateDueAt).getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000);
    expect(await testDb().auditLog.count({ where: { orgId: org.id, action: "org.settings.update" } })).toBe(1);
  });

  it("lets an admin set who to pull in at each escalation step", async () => {
    const steps = [
      { afterMinutes: 10, pullIn: "the payments lead" },
      { afterMinutes: 25, pullIn: "the CTO" },
    ];
    const res = await api("PATCH", "/api/v1/org/settings", { token: admin.token, body: { nudges: { escalationSteps: steps, commanderMaxHours: 3 } } });
    expect(res.status).toBe(200);
    expect(res.body.effective.nudges).toMatchObject({ escalationSteps: steps, commanderMaxHours: 3, endlessSevHours: 24 });
    const incident = await declare(responder.token, { severity: "SEV1" });
    const step = await api("POST", `/api/v1/incidents/${incident.body.ref}/escalations`, { token: responder.token, body: { step: 2 } });
    expect(step.body.entry.data.pullIn).toBe("the CTO");
    expect((await api("POST", `/api/v1/incidents/${incident.body.ref}/escalations`, { token: responder.token, body: { step: 3 } })).status).toBe(400);
  });

  it("refuses non-admins (403) and bad input (400 with the field), changing nothing", async () => {
    const before = (await api("GET", "/api/v1/org/settings", { token: admin.token })).body.settings;
    expect((await api("PATCH", "/api/v1/org/settings", { token: responder.token, body: { cadence: { SEV1: 5 } } })).status).toBe(403);
    expect((await api("PATCH", "/api/v1/org/settings", { token: viewer.token, body: { cadence: { SEV1: 5 } } })).status).toBe(403);
    for (const [body, field] of [
      [{ cadence: { SEV1: 0 } }, "cadence.SEV1"],
      [{ cadence: { SEV9: 5 } }, "cadence"],
      [{ nudges: { escalationSteps: [{ afterMinutes: 30, pullIn: "a" }, { afterMinutes: 15, pullIn: "b" }] } }, "nudges.escalationSteps"],
      [{ colour: "red" }, "body"],
    ] as const) {
      const res = await api("PATCH", "/api/v1/org/settings", { token: admin.token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body.error.fields).join(",")).toContain(field);
    }
    expect((await api("GET", "/api/v1/org/settings", { token: admin.token })).body.settings).toEqual(before);
  });
});
