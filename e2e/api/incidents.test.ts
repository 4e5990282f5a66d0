// The incident API against the real server and Postgres: authorization per role,
// bad input, idempotency, ref numbering, private incidents.
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

const countIncidents = (orgId: string) => testDb().incident.count({ where: { orgId } });

describe("authentication and roles", () => {
  it("answers 401 without credentials or with a bad token, on reads and writes", async () => {
    expect((await api("GET", "/api/v1/incidents")).status).toBe(401);
    expect((await api("GET", "/api/v1/incidents", { token: "conn_nope" })).status).toBe(401);
    const res = await api("POST", "/api/v1/incidents", { body: { title: "x", severity: "SEV1" } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthenticated");
  });

  it("lets a viewer read but never write (403, nothing written)", async () => {
    const before = await countIncidents(org.id);
    const res = await declare(viewer.token);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
    expect(await countIncidents(org.id)).toBe(before);
    expect((await api("GET", "/api/v1/incidents", { token: viewer.token })).status).toBe(200);
  });

  it("refuses a revoked token", async () => {
    const user = await org.user("responder");
    await testDb().apiToken.updateMany({ where: { userId: user.id }, data: { revokedAt: new Date() } });
    expect((await api("GET", "/api/v1/incidents", { token: user.token })).status).toBe(401);
  });
});

describe("declare", () => {
  it("gives INC-<n> whose timeline starts with a declared entry at seq 1, with the declarer as commander", async () => {
    const res = await declare(responder.token, { title: "Payments API 500s", severity: "SEV1", summary: "Card payments fail" });
    expect(res.status).toBe(201);
    expect(res.body.ref).toMatch(/^INC-\d+$/);
    expect(res.body.severity).toBe("SEV1");
    expect(res.body.priority).toBe("P1"); // default from severity
    expect(res.body.status).toBe("investigating");
    expect(res.body.version).toBe(1);
    expect(res.body.lastSeq).toBe(1);
    expect(res.body.roles).toEqual([expect.objectContaining({ role: "commander", user: expect.objectContaining({ handle: responder.handle }) })]);
    expect(new Date(res.body.nextUpdateDueAt).getTime() - new Date(res.body.declaredAt).getTime()).toBe(15 * 60_000);

    const timeline = await api("GET", `/api/v1/incidents/${res.body.ref}/timeline`, { token: viewer.token });
    expect(timeline.status).toBe(200);
    expect(timeline.body.items).toHaveLength(1);
    expect(timeline.body.items[0]).toMatchObject({ seq: 1, kind: "declared", author: { handle: responder.handle }, actorKind: "human" });

    const audit = await testDb().auditLog.findFirst({ where: { orgId: org.id, action: "incident.declare", actorId: responder.id } });
    expect(audit).not.toBeNull();
  });

  it("numbers refs per organization, increasing, with no repeats under concurrency", async () => {
    const fresh = await createOrg();
    const ic = await fresh.user("responder");
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => declare(ic.token, { title: `Concurrent ${i}` })));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    const numbers = results.map((r) => Number(r.body.ref.slice(4))).sort((a, b) => a - b);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // Another organization starts at INC-1 too.
    const other = await createOrg();
    expect((await declare((await other.user("admin")).token)).body.ref).toBe("INC-1");
  });

  it("links affected services by key, and refuses unknown ones without writing or using a number", async () => {
    const fresh = await createOrg();
    const ic = await fresh.user("responder");
    await fresh.service("SVC-CHECKOUT");
    const bad = await declare(ic.token, { services: ["SVC-CHECKOUT", "SVC-NOPE"] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.services).toContain("SVC-NOPE");
    expect(await countIncidents(fresh.id)).toBe(0);
    const good = await declare(ic.token, { services: ["svc-checkout"] });
    expect(good.status).toBe(201);
    expect(good.body.ref).toBe("INC-1");
    expect(good.body.services.map((s: { key: string }) => s.key)).toEqual(["SVC-CHECKOUT"]);
  });

  it("records an automation token's declaration as automation, not acknowledged by a human", async () => {
    const bot = await org.user("responder", { automation: true });
    const res = await declare(bot.token, { title: "Synthetic check failing" });
    expect(res.status).toBe(201);
    expect(res.body.acknowledgedAt).toBeNull();
    const timeline = await api("GET", `/api/v1/incidents/${res.body.ref}/timeline`, { token: bot.token });
    expect(timeline.body.items[0].actorKind).toBe("automation");
  });
});

describe("bad input: 400 with the field and reason, never 500, nothing written", () => {
  const cases: [string, { body?: unknown; rawBody?: string; headers?: Record<string, string> }, string][] = [
    ["missing title", { body: { severity: "SEV1" } }, "title"],
    ["blank title", { body: { title: "   ", severity: "SEV1" } }, "title"],
    ["title too long", { body: { title: "x".repeat(201), severity: "SEV1" } }, "title"],
    ["unknown severity", { body: { title: "t", severity: "SEV9" } }, "severity"],
    ["wrong type", { body: { title: "t", severity: "SEV1", private: "yes" } }, "private"],
    ["bad startedAt", { body: { title: "t", severity: "SEV1", startedAt: "yesterday" } }, "startedAt"],
    ["unknown field", { body: { title: "t", severity: "SEV1", owner: "me" } }, "body"],
    ["not JSON", { rawBody: "{title:", headers: { "content-type": "application/json" } }, "body"],
    ["not a JSON content type", { rawBody: "title=x", headers: { "content-type": "application/x-www-form-urlencoded" } }, "content-type"],
    ["JSON array", { body: [1, 2] }, "body"],
  ];
  it.each(cases)("%s", async (_name, request, field) => {
    const before = await countIncidents(org.id);
    const res = await api("POST", "/api/v1/incidents", { token: responder.token, ...request });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_input");
    expect(Object.keys(res.body.error.fields)).toContain(field);
    expect(await countIncidents(org.id)).toBe(before);
  });

  it("answers 413 for a body over 1 MiB", async () => {
    const res = await api("POST", "/api/v1/incidents", { token: responder.token, body: { title: "t", severity: "SEV1", summary: "x".repeat(1_100_000) } });
    expect(res.status).toBe(413);
  });

  it("answers 400 for bad query parameters", async () => {
    const res = await api("GET", "/api/v1/incidents?severity=SEV7&limit=0", { token: viewer.token });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty("severity");
    expect(res.body.error.fields).toHaveProperty("limit");
  });
});

describe("Idempotency-Key", () => {
  it("replays the first result for a repeated key and creates nothing new", async () => {
    const before = await countIncidents(org.id);
    const first = await declare(responder.token, { title: "Idempotent" }, { "idempotency-key": "key-1" });
    const again = await declare(responder.token, { title: "Idempotent" }, { "idempotency-key": "key-1" });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.ref).toBe(first.body.ref);
    expect(await countIncidents(org.id)).toBe(before + 1);
  });

  it("declares once when the same key arrives concurrently", async () => {
    const before = await countIncidents(org.id);
    const results = await Promise.all(Array.from({ length: 5 }, () => declare(responder.token, { title: "Race" }, { "idempotency-key": "race-key" })));
    expect(new Set(results.map((r) => r.body.ref)).size).toBe(1);
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(await countIncidents(org.id)).toBe(before + 1);
  });

  it("keeps keys per caller: another user's same key declares anew", async () => {
    const other = await org.user("responder");
    const a = await declare(responder.token, {}, { "idempotency-key": "shared-key" });
    const b = await declare(other.token, {}, { "idempotency-key": "shared-key" });
    expect(a.body.ref).not.toBe(b.body.ref);
  });

  it("refuses a key reused on another route with 422 idempotency_key_reused", async () => {
    const incident = await declare(responder.token, {}, { "idempotency-key": "route-key" });
    const note = await api("POST", `/api/v1/incidents/${incident.body.ref}/timeline`, {
      token: responder.token,
      body: { body: "hello" },
      headers: { "idempotency-key": "route-key" },
    });
    expect(note.status).toBe(422);
    expect(note.body.error.code).toBe("idempotency_key_reused");
  });

  it("does not store a failed request: the key can be used again after a 400", async () => {
    const bad = await declare(responder.token, { severity: "SEV9" }, { "idempotency-key": "after-400" });
    expect(bad.status).toBe(400);
    const good = await declare(responder.token, {}, { "idempotency-key": "after-400" });
    expect(good.status).toBe(201);
  });
});

describe("private incidents", () => {
  it("do not exist for non-members: 404 on every route, absent from lists", async () => {
    const secret = await declare(responder.token, { title: "Suspected credential leak", private: true, severity: "SEV1" });
    expect(secret.status).toBe(201);
    const ref = secret.body.ref;
    for (const outsider of [admin, viewer]) {
      expect((await api("GET", `/api/v1/incidents/${ref}`, { token: outsider.token })).status).toBe(404);
      expect((await api("GET", `/api/v1/incidents/${ref}/timeline`, { token: outsider.token })).status).toBe(404);
      const write = await api("POST", `/api/v1/incidents/${ref}/timeline`, { token: outsider.token, body: { body: "peek" } });
      expect(write.status).toBe(outsider === viewer ? 403 : 404);
      const list = await api("GET", "/api/v1/incidents?limit=200", { token: outsider.token });
      expect(list.body.items.map((i: { ref: string }) => i.ref)).not.toContain(ref);
      const search = await api("GET", `/api/v1/incidents?q=${ref}`, { token: outsider.token });
      expect(search.body.items).toHaveLength(0);
    }
    // The declarer is a member.
    const mine = await api("GET", `/api/v1/incidents/${ref}`, { token: responder.token });
    expect(mine.status).toBe(200);
    expect(mine.body.private).toBe(true);
  });

  it("keeps organizations apart: another org's incident is a 404", async () => {
    const other = await createOrg();
    const theirs = await declare((await other.user("responder")).token);
    // Same ref may exist in our org; ask for a number ours has not reached.
    const ours = await api("GET", `/api/v1/incidents/INC-999999`, { token: admin.token });
    expect(ours.status).toBe(404);
    expect(theirs.status).toBe(201);
    const list = await api("GET", "/api/v1/incidents?limit=200", { token: admin.token });
    expect(list.body.items.every((i: { title: string }) => i.title !== undefined)).toBe(true);
    const otherOrgCount = await testDb().incident.count({ where: { orgId: other.id } });
    expect(otherOrgCount).toBe(1);
    const visibleToUs = list.body.items.length;
    expect(visibleToUs).toBe(await testDb().incident.count({ where: { orgId: org.id, private: false } }));
  });
});

describe("list", () => {
  it("filters by status, severity and text, newest first, with cursor pagination", async () => {
    const fresh = await createOrg();
    const ic = await fresh.user("responder");
    for (const [title, severity] of [["Alpha disk full", "SEV3"], ["Beta latency", "SEV1"], ["Gamma errors", "SEV1"]]) {
      await declare(ic.token, { title, severity });
    }
    const sev1 = await api("GET", "/api/v1/incidents?severity=SEV1", { token: ic.token });
    expect(sev1.body.items.map((i: { title: string }) => i.title)).toEqual(["Gamma errors", "Beta latency"]);
    const text = await api("GET", "/api/v1/incidents?q=disk", { token: ic.token });
    expect(text.body.items.map((i: { ref: string }) => i.ref)).toEqual(["INC-1"]);
    const byRef = await api("GET", "/api/v1/incidents?q=INC-2", { token: ic.token });
    expect(byRef.body.items.map((i: { ref: string }) => i.ref)).toEqual(["INC-2"]);
    const resolved = await api("GET", "/api/v1/incidents?status=resolved", { token: ic.token });
    expect(resolved.body.items).toEqual([]);
    const page1 = await api("GET", "/api/v1/incidents?limit=2", { token: ic.token });
    expect(page1.body.items.map((i: { ref: string }) => i.ref)).toEqual(["INC-3", "INC-2"]);
    const page2 = await api("GET", `/api/v1/incidents?limit=2&cursor=${page1.body.nextCursor}`, { token: ic.token });
    expect(page2.body.items.map((i: { ref: string }) => i.ref)).toEqual(["INC-1"]);
    expect(page2.body.nextCursor).toBeNull();
  });
});

describe("health and contract", () => {
  it("reports the database", async () => {
    const res = await api("GET", "/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", db: "ok" });
  });

  it("serves an OpenAPI document generated from the request schemas", async () => {
    const res = await api("GET", "/api/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    expect(res.body.components.schemas.IncidentCreate.properties.severity.enum).toEqual(["SEV0", "SEV1", "SEV2", "SEV3", "SEV4"]);
    expect(res.body.components.schemas.IncidentCreate.required).toEqual(expect.arrayContaining(["title", "severity"]));
  });

  it("sends security headers", async () => {
    const res = await api("GET", "/api/health");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });
});
