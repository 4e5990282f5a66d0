// "Who owns what broke, and who is on call for it?": an incident's affected
// services with their owning team, who is on call now (the team's schedules,
// overrides included) and the runbook, as visible as the incident itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, createOrg, declare, testDb, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let admin: TestUser;
let responder: TestUser;
let viewer: TestUser;
let onCall: TestUser;
let cover: TestUser;
let scheduleId: string;

beforeAll(async () => {
  org = await createOrg();
  [admin, responder, viewer, onCall, cover] = await Promise.all([org.user("admin"), org.user("responder"), org.user("viewer"), org.user("responder"), org.user("responder")]);
  expect((await api("POST", "/api/v1/teams", { token: admin.token, body: { key: "payments", name: "Payments" } })).status).toBe(201);
  const schedule = await api("POST", "/api/v1/schedules", {
    token: admin.token,
    // One person the whole time: a weekly rotation of one, started long ago.
    body: { name: "Payments primary", team: "payments", timeZone: "Europe/Berlin", layers: [{ start: "2020-01-06T09:00", shift: { unit: "week", count: 1 }, participants: [onCall.handle] }] },
  });
  expect(schedule.status).toBe(201);
  scheduleId = schedule.body.id;
  for (const body of [
    { key: "SVC-PAY-API", name: "Payments API", team: "payments", tier: 1, links: [{ label: "Dashboard", url: "https://grafana.example/pay" }, { label: "Runbook", url: "https://wiki.example/runbooks/pay" }] },
    { key: "SVC-LEDGER", name: "Ledger", team: "payments", tier: 2 },
  ]) {
    expect((await api("POST", "/api/v1/services", { token: admin.token, body })).status).toBe(201);
  }
  // A service whose team went away (the owner is gone: nobody to page).
  await testDb().service.create({ data: { orgId: org.id, key: "SVC-ORPHAN", name: "Orphan", tier: 3 } });
});

afterAll(async () => {
  await testDb().$disconnect();
});

describe("GET /api/v1/incidents/{ref}/services", () => {
  it("lists each affected service with tier, owning team, who is on call now and the runbook", async () => {
    const incident = await declare(responder.token, { services: ["svc-ledger", "SVC-ORPHAN", "SVC-PAY-API"] });
    expect(incident.status).toBe(201);
    const res = await api("GET", `/api/v1/incidents/${incident.body.ref}/services`, { token: viewer.token });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        key: "SVC-PAY-API",
        name: "Payments API",
        tier: 1,
        team: { key: "payments", name: "Payments" },
        onCall: [{ schedule: { id: scheduleId, name: "Payments primary" }, users: [{ handle: onCall.handle, email: onCall.email, name: `Test ${onCall.handle}` }], source: "layer" }],
        runbook: { label: "Runbook", url: "https://wiki.example/runbooks/pay" },
      },
      expect.objectContaining({ key: "SVC-LEDGER", tier: 2, runbook: null, onCall: [expect.objectContaining({ users: [expect.objectContaining({ handle: onCall.handle })] })] }),
      { key: "SVC-ORPHAN", name: "Orphan", tier: 3, team: null, onCall: [], runbook: null },
    ]);
    // The same answer the service page gives.
    const page = await api("GET", "/api/v1/services/SVC-PAY-API", { token: viewer.token });
    expect(res.body.items[0].onCall).toEqual(page.body.onCall);
  });

  it("follows an override running now, and the incident's services as they change", async () => {
    const incident = await declare(responder.token, { services: ["SVC-LEDGER"] });
    const ref = incident.body.ref;
    const now = Date.now();
    const o = await api("POST", `/api/v1/schedules/${scheduleId}/overrides`, {
      token: admin.token,
      body: { user: cover.handle, start: new Date(now - 60_000).toISOString(), end: new Date(now + 3_600_000).toISOString() },
    });
    expect(o.status).toBe(201);
    try {
      const covered = await api("GET", `/api/v1/incidents/${ref}/services`, { token: responder.token });
      expect(covered.body.items).toEqual([expect.objectContaining({ key: "SVC-LEDGER", onCall: [expect.objectContaining({ users: [expect.objectContaining({ handle: cover.handle })], source: "override" })] })]);

      const patched = await api("PATCH", `/api/v1/incidents/${ref}`, { token: responder.token, body: { version: incident.body.version, services: ["SVC-LEDGER", "SVC-PAY-API"] } });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      const after = await api("GET", `/api/v1/incidents/${ref}/services`, { token: responder.token });
      expect(after.body.items.map((s: { key: string }) => s.key)).toEqual(["SVC-PAY-API", "SVC-LEDGER"]);
    } finally {
      await api("DELETE", `/api/v1/schedules/${scheduleId}/overrides/${o.body.id}`, { token: admin.token });
    }
  });

  it("answers an empty list for an incident without services", async () => {
    const incident = await declare(responder.token);
    const res = await api("GET", `/api/v1/incidents/${incident.body.ref}/services`, { token: viewer.token });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });

  it("is as private as the incident: a 404 for non-members and other organizations", async () => {
    const secret = await declare(responder.token, { private: true, services: ["SVC-PAY-API"] });
    expect((await api("GET", `/api/v1/incidents/${secret.body.ref}/services`, { token: responder.token })).body.items).toHaveLength(1);
    expect((await api("GET", `/api/v1/incidents/${secret.body.ref}/services`, { token: viewer.token })).status).toBe(404);
    expect((await api("GET", `/api/v1/incidents/${secret.body.ref}/services`, { token: admin.token })).status).toBe(404);
    const stranger = await (await createOrg()).user("admin");
    const open = await declare(responder.token, { services: ["SVC-PAY-API"] });
    expect((await api("GET", `/api/v1/incidents/${open.body.ref}/services`, { token: stranger.token })).status).toBe(404);
    expect((await api("GET", "/api/v1/incidents/INC-999999/services", { token: viewer.token })).status).toBe(404);
  });
});
