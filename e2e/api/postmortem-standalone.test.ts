// Near misses and positive retros: reviews with no incident, through
// /api/v1/postmortems against the real server (created pre-filled, listed,
// read and edited by id with the same optimistic concurrency; viewers read only;
// another organization never sees them; an incident's postmortem by id stays
// as private as its incident).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECTION_KEYS } from "@/lib/domain/postmortem";
import { api, createOrg, declare, testDb, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let responder: TestUser;
let viewer: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  org = await createOrg();
  [responder, viewer] = await Promise.all([org.user("responder"), org.user("viewer")]);
  stranger = await (await createOrg()).user("admin");
});

afterAll(async () => {
  await testDb().$disconnect();
});

describe("reviews without an incident", () => {
  it("starts a near miss pre-filled, edits it by id with versions, and moves it through review", async () => {
    const created = await api("POST", "/api/v1/postmortems", { token: responder.token, body: { type: "near_miss", title: "Disk almost full on db-1" } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ type: "near_miss", title: "Disk almost full on db-1", incident: null, status: "draft", revision: 1, reviewers: [], missingPreventItem: false });
    expect(created.body.sections.map((s: { key: string }) => s.key)).toEqual(SECTION_KEYS);
    expect(created.body.sections[0].body).toContain("Near miss: Disk almost full on db-1");
    const id = created.body.id as string;

    const saved = await api("PATCH", `/api/v1/postmortems/${id}/sections/detection`, { token: responder.token, body: { body: "Caught by the 80% disk alert.", version: 1 } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.section).toMatchObject({ body: "Caught by the 80% disk alert.", version: 2 });
    const stale = await api("PATCH", `/api/v1/postmortems/${id}/sections/detection`, { token: responder.token, body: { body: "other", version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toMatchObject({ body: "Caught by the 80% disk alert.", version: 2 });

    expect((await api("PATCH", `/api/v1/postmortems/${id}`, { token: responder.token, body: { status: "published" } })).status).toBe(409);
    expect((await api("PATCH", `/api/v1/postmortems/${id}`, { token: responder.token, body: { status: "in_review" } })).body.status).toBe("in_review");
    const published = await api("PATCH", `/api/v1/postmortems/${id}`, { token: responder.token, body: { status: "published" } });
    expect(published.body).toMatchObject({ status: "published", revision: 1 });

    const read = await api("GET", `/api/v1/postmortems/${id}`, { token: viewer.token });
    expect(read.status).toBe(200);
    expect(read.body.sections.find((s: { key: string }) => s.key === "detection").body).toBe("Caught by the 80% disk alert.");
    expect((await api("PATCH", `/api/v1/postmortems/${id}/sections/summary`, { token: viewer.token, body: { body: "x", version: 1 } })).status).toBe(403);
    expect((await api("POST", "/api/v1/postmortems", { token: viewer.token, body: { type: "near_miss", title: "x" } })).status).toBe(403);

    // Another organization: not found, not listed.
    expect((await api("GET", `/api/v1/postmortems/${id}`, { token: stranger.token })).status).toBe(404);
    expect((await api("PATCH", `/api/v1/postmortems/${id}/sections/summary`, { token: stranger.token, body: { body: "x", version: 1 } })).status).toBe(404);
    expect((await api("GET", "/api/v1/postmortems", { token: stranger.token })).body.items).toEqual([]);
  });

  it("lists reviews by type and refuses an incident_review or a missing title", async () => {
    const retro = await api("POST", "/api/v1/postmortems", { token: responder.token, body: { type: "positive_retro", title: "Failover in 40 s" } });
    expect(retro.status).toBe(201);
    expect(retro.body.sections[0].body).toContain("Positive retro: Failover in 40 s");
    const list = await api("GET", "/api/v1/postmortems?type=positive_retro", { token: viewer.token });
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(retro.body.id);
    expect(list.body.items.every((p: { type: string }) => p.type === "positive_retro")).toBe(true);
    expect((await api("POST", "/api/v1/postmortems", { token: responder.token, body: { type: "incident_review", title: "x" } })).status).toBe(400);
    expect((await api("POST", "/api/v1/postmortems", { token: responder.token, body: { type: "near_miss" } })).status).toBe(400);
  });

  it("keeps an incident's postmortem, read by id, as private as its incident", async () => {
    const declared = await declare(responder.token, { title: "Private one", private: true });
    const ref = declared.body.ref as string;
    const resolution = { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true };
    expect((await api("PATCH", `/api/v1/incidents/${ref}`, { token: responder.token, body: { version: declared.body.version, status: "resolved", reason: "ok", resolution } })).status).toBe(200);
    const pm = await api("POST", `/api/v1/incidents/${ref}/postmortem`, { token: responder.token, body: {} });
    expect((await api("GET", `/api/v1/postmortems/${pm.body.id}`, { token: responder.token })).body.incident.ref).toBe(ref);
    expect((await api("GET", `/api/v1/postmortems/${pm.body.id}`, { token: viewer.token })).status).toBe(404);
    expect((await api("GET", "/api/v1/postmortems", { token: viewer.token })).body.items.map((p: { id: string }) => p.id)).not.toContain(pm.body.id);
  });
});
