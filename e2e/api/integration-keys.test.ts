// Integration keys (issue 16, step 3) against the real server: an admin makes one per monitoring sender of a service;
// the secret is in the create answer only (a SHA-256 is stored), the list never shows it, revoking stamps it once.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, createOrg, testDb, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let other: TestOrg;
let admin: TestUser;
let responder: TestUser;
let viewer: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  [org, other] = await Promise.all([createOrg(), createOrg()]);
  [admin, responder, viewer, stranger] = await Promise.all([org.user("admin"), org.user("responder"), org.user("viewer"), other.user("admin")]);
  await testDb().service.create({ data: { orgId: org.id, key: "SVC-IK", name: "Keyed service", tier: 2 } });
});

afterAll(async () => {
  await testDb().$disconnect();
});

const base = "/api/v1/services/SVC-IK/integration-keys";

describe("integration keys", () => {
  it("an admin creates one: the secret once, only its hash stored, listed without it, audited", async () => {
    const made = await api("POST", base, { token: admin.token, body: { name: "Prometheus eu-west-1" } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: "Prometheus eu-west-1", lastUsedAt: null, revokedAt: null });
    expect(made.body.key).toMatch(/^conn_ik_[A-Za-z0-9_-]{32}$/);
    expect(made.body.prefix).toBe(made.body.key.slice(0, 12));

    const row = await testDb().integrationKey.findUniqueOrThrow({ where: { id: made.body.id } });
    expect(row.keyHash).toBe(createHash("sha256").update(made.body.key).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(made.body.key);

    const list = await api("GET", base, { token: admin.token });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id: made.body.id, name: "Prometheus eu-west-1", prefix: made.body.prefix })]);
    expect(JSON.stringify(list.body)).not.toContain(made.body.key);
    expect(await testDb().auditLog.count({ where: { orgId: org.id, action: "integration_key.create", targetId: made.body.id } })).toBe(1);
  });

  it("revoking stamps it once; revoking again changes nothing", async () => {
    const made = await api("POST", base, { token: admin.token, body: { name: "Grafana" } });
    const first = await api("DELETE", `${base}/${made.body.id}`, { token: admin.token });
    expect(first.status).toBe(200);
    expect(first.body.revokedAt).not.toBeNull();
    const again = await api("DELETE", `${base}/${made.body.id}`, { token: admin.token });
    expect(again.status).toBe(200);
    expect(again.body.revokedAt).toBe(first.body.revokedAt);
    expect(await testDb().auditLog.count({ where: { action: "integration_key.revoke", targetId: made.body.id } })).toBe(1);
  });

  it("refuses responders and viewers (403), other organizations and unknown ids (404), bad names (400), writing nothing", async () => {
    const before = await testDb().integrationKey.count({ where: { orgId: org.id } });
    for (const user of [responder, viewer]) {
      expect((await api("POST", base, { token: user.token, body: { name: "x" } })).status).toBe(403);
      expect((await api("GET", base, { token: user.token })).status).toBe(403);
    }
    expect((await api("GET", base, { token: stranger.token })).status).toBe(404);
    expect((await api("POST", base, { token: stranger.token, body: { name: "x" } })).status).toBe(404);
    const some = await testDb().integrationKey.findFirstOrThrow({ where: { orgId: org.id } });
    expect((await api("DELETE", `${base}/${some.id}`, { token: stranger.token })).status).toBe(404);
    expect((await api("DELETE", `${base}/nope`, { token: admin.token })).status).toBe(404);
    expect((await api("POST", "/api/v1/services/SVC-NOPE/integration-keys", { token: admin.token, body: { name: "x" } })).status).toBe(404);

    const blank = await api("POST", base, { token: admin.token, body: { name: "  " } });
    expect(blank.status).toBe(400);
    expect(blank.body.error.fields).toEqual({ name: "Name the sender that will use it" });
    const long = await api("POST", base, { token: admin.token, body: { name: "n".repeat(81) } });
    expect(long.body.error.fields.name).toBe("Keep it to 80 characters (this is 81)");
    expect((await api("POST", base, { token: admin.token, body: { name: "ok", secret: "mine" } })).status).toBe(400);
    expect(await testDb().integrationKey.count({ where: { orgId: org.id } })).toBe(before);
  });
});
