// The review workflow against the real server: reviewers (added, shown on the
// postmortem, removed; viewers cannot review; a private incident's reviewer
// becomes a member) and comments on sections (posted, listed, resolved and
// reopened), with viewers refused on every write.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, createOrg, declare, testDb, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let ic: TestUser;
let reviewer: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  org = await createOrg();
  [ic, reviewer, viewer] = await Promise.all([org.user("responder"), org.user("responder"), org.user("viewer")]);
});

afterAll(async () => {
  await testDb().$disconnect();
});

const ALL_CRITERIA = { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true };

async function postmortemOf(body: Record<string, unknown> = {}): Promise<string> {
  const declared = await declare(ic.token, { title: "Review me", severity: "SEV2", ...body });
  const ref = declared.body.ref as string;
  expect((await api("PATCH", `/api/v1/incidents/${ref}`, { token: ic.token, body: { version: declared.body.version, status: "resolved", reason: "ok", resolution: ALL_CRITERIA } })).status).toBe(200);
  expect((await api("POST", `/api/v1/incidents/${ref}/postmortem`, { token: ic.token, body: {} })).status).toBe(201);
  return ref;
}

describe("reviewers", () => {
  it("adds and removes reviewers, shown on the postmortem; twice is a 409; viewers cannot review or add", async () => {
    const ref = await postmortemOf();
    const path = `/api/v1/incidents/${ref}/postmortem/reviewers`;
    const added = await api("POST", path, { token: ic.token, body: { reviewer: reviewer.handle } });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.reviewers).toEqual([{ handle: reviewer.handle, name: expect.any(String) }]);
    expect((await api("POST", path, { token: ic.token, body: { reviewer: `@${reviewer.handle}` } })).status).toBe(409);
    const selfToo = await api("POST", path, { token: ic.token, body: { reviewer: ic.email } });
    expect(selfToo.body.reviewers.map((r: { handle: string }) => r.handle)).toEqual([reviewer.handle, ic.handle]);

    const pm = await api("GET", `/api/v1/incidents/${ref}/postmortem`, { token: viewer.token });
    expect(pm.body.reviewers.map((r: { handle: string }) => r.handle)).toEqual([reviewer.handle, ic.handle]);

    const asViewer = await api("POST", path, { token: ic.token, body: { reviewer: viewer.handle } });
    expect(asViewer.status).toBe(400);
    expect(asViewer.body.error.fields.reviewer).toBe("is a viewer");
    expect((await api("POST", path, { token: ic.token, body: { reviewer: "nobody-here" } })).status).toBe(400);
    expect((await api("POST", path, { token: viewer.token, body: { reviewer: reviewer.handle } })).status).toBe(403);
    expect((await api("DELETE", `${path}?user=${ic.handle}`, { token: viewer.token })).status).toBe(403);

    const removed = await api("DELETE", `${path}?user=${ic.handle}`, { token: reviewer.token });
    expect(removed.status).toBe(200);
    expect(removed.body.reviewers.map((r: { handle: string }) => r.handle)).toEqual([reviewer.handle]);
    expect((await api("DELETE", `${path}?user=${ic.handle}`, { token: reviewer.token })).status).toBe(404);
  });

  it("makes the reviewer of a private incident a member, so they can read what they review", async () => {
    const ref = await postmortemOf({ private: true });
    expect((await api("GET", `/api/v1/incidents/${ref}/postmortem`, { token: reviewer.token })).status).toBe(404);
    expect((await api("POST", `/api/v1/incidents/${ref}/postmortem/reviewers`, { token: reviewer.token, body: { reviewer: reviewer.handle } })).status).toBe(404);
    expect((await api("POST", `/api/v1/incidents/${ref}/postmortem/reviewers`, { token: ic.token, body: { reviewer: reviewer.handle } })).status).toBe(201);
    expect((await api("GET", `/api/v1/incidents/${ref}/postmortem`, { token: reviewer.token })).status).toBe(200);
  });
});

describe("comments on sections", () => {
  it("posts, lists per section, resolves and reopens, keeping who resolved it; viewers read but cannot write", async () => {
    const ref = await postmortemOf();
    const path = `/api/v1/incidents/${ref}/postmortem/comments`;
    const first = await api("POST", path, { token: reviewer.token, body: { section: "contributing_factors", body: "Was the **canary** skipped? [runbook](javascript:alert(1))" } });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ section: "contributing_factors", author: { handle: reviewer.handle }, resolvedAt: null, resolvedBy: null });
    expect(Date.parse(first.body.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    const second = await api("POST", path, { token: ic.token, body: { section: "impact", body: "Add the EU share of traffic." } });
    expect(second.status).toBe(201);

    expect((await api("POST", path, { token: ic.token, body: { section: "no_such_section", body: "x" } })).status).toBe(400);
    expect((await api("POST", path, { token: ic.token, body: { section: "impact", body: "   " } })).status).toBe(400);
    expect((await api("POST", path, { token: viewer.token, body: { section: "impact", body: "I am only reading" } })).status).toBe(403);

    const all = await api("GET", path, { token: viewer.token });
    expect(all.status).toBe(200);
    expect(all.body.items.map((c: { id: string }) => c.id)).toEqual([first.body.id, second.body.id]);
    const impact = await api("GET", `${path}?section=impact`, { token: viewer.token });
    expect(impact.body.items.map((c: { body: string }) => c.body)).toEqual(["Add the EU share of traffic."]);

    expect((await api("PATCH", `${path}/${first.body.id}`, { token: viewer.token, body: { resolved: true } })).status).toBe(403);
    const resolved = await api("PATCH", `${path}/${first.body.id}`, { token: ic.token, body: { resolved: true } });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ id: first.body.id, resolvedBy: { handle: ic.handle }, author: { handle: reviewer.handle } });
    expect(resolved.body.resolvedAt).not.toBeNull();
    const open = await api("GET", `${path}?resolved=false`, { token: ic.token });
    expect(open.body.items.map((c: { id: string }) => c.id)).toEqual([second.body.id]);
    const reopened = await api("PATCH", `${path}/${first.body.id}`, { token: reviewer.token, body: { resolved: false } });
    expect(reopened.body).toMatchObject({ resolvedAt: null, resolvedBy: null });
    expect((await api("PATCH", `${path}/nope`, { token: ic.token, body: { resolved: true } })).status).toBe(404);
  });

  it("does not reach a comment of another postmortem through this one", async () => {
    const a = await postmortemOf();
    const b = await postmortemOf();
    const c = await api("POST", `/api/v1/incidents/${a}/postmortem/comments`, { token: ic.token, body: { section: "summary", body: "on A" } });
    expect((await api("PATCH", `/api/v1/incidents/${b}/postmortem/comments/${c.body.id}`, { token: ic.token, body: { resolved: true } })).status).toBe(404);
    expect((await api("GET", `/api/v1/incidents/${b}/postmortem/comments`, { token: ic.token })).body.items).toEqual([]);
  });
});

describe("OpenAPI", () => {
  it("documents reviewers and comments", async () => {
    const doc = (await api("GET", "/api/v1/openapi.json")).body;
    expect(Object.keys(doc.paths["/api/v1/incidents/{ref}/postmortem/reviewers"]).sort()).toEqual(["delete", "post"]);
    expect(Object.keys(doc.paths["/api/v1/incidents/{ref}/postmortem/comments"]).sort()).toEqual(["get", "post"]);
    expect(doc.paths["/api/v1/incidents/{ref}/postmortem/comments/{id}"].patch).toBeDefined();
    expect(doc.components.schemas.CommentCreate.required).toEqual(["section", "body"]);
  });
});
