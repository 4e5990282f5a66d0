// Near misses and positive retros: reviews with no incident, through
// /api/v1/postmortems against the real server (created pre-filled, listed,
// read and edited by id with the same optimistic concurrency; viewers read only;
// another organization never sees them; an incident's postmortem by id stays
// as private as its incident).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECTION_KEYS } from "@/lib/domain/postmortem/sections";
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

  it("takes related services by key (unknown ones are a 400 on services) and answers them with the review", async () => {
    await Promise.all([org.service("SVC-DISK-A"), org.service("SVC-DISK-B")]);
    const created = await api("POST", "/api/v1/postmortems", { token: responder.token, body: { type: "near_miss", title: "Replica lag", services: ["svc-disk-b", "SVC-DISK-A", "SVC-DISK-A"] } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.services).toEqual([
      { key: "SVC-DISK-A", name: "SVC-DISK-A" },
      { key: "SVC-DISK-B", name: "SVC-DISK-B" },
    ]);
    expect((await api("GET", `/api/v1/postmortems/${created.body.id}`, { token: viewer.token })).body.services.map((s: { key: string }) => s.key)).toEqual(["SVC-DISK-A", "SVC-DISK-B"]);
    const unknown = await api("POST", "/api/v1/postmortems", { token: responder.token, body: { type: "near_miss", title: "x", services: ["SVC-NOPE"] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields.services).toMatch(/SVC-NOPE/);
    const malformed = await api("POST", "/api/v1/postmortems", { token: responder.token, body: { type: "near_miss", title: "x", services: ["checkout"] } });
    expect(malformed.status).toBe(400);
    // Another organization's service is unknown here.
    const foreign = await (await createOrg()).service("SVC-FOREIGN");
    expect((await api("POST", "/api/v1/postmortems", { token: responder.token, body: { type: "near_miss", title: "x", services: [foreign.key] } })).status).toBe(400);
  });

  it("has the whole review by id: comments, reviewers, action items, export, and the diff after publishing", async () => {
    const created = await api("POST", "/api/v1/postmortems", { token: responder.token, body: { type: "positive_retro", title: "Failover in 40 s" } });
    const id = created.body.id as string;
    const base = `/api/v1/postmortems/${id}`;

    const comment = await api("POST", `${base}/comments`, { token: responder.token, body: { section: "summary", body: "Who ran the drill?" } });
    expect(comment.status).toBe(201);
    expect((await api("POST", `${base}/comments`, { token: viewer.token, body: { section: "summary", body: "x" } })).status).toBe(403);
    expect((await api("POST", `${base}/comments`, { token: responder.token, body: { section: "nope", body: "x" } })).status).toBe(400);
    const resolved = await api("PATCH", `${base}/comments/${comment.body.id}`, { token: responder.token, body: { resolved: true } });
    expect(resolved.body).toMatchObject({ id: comment.body.id, resolvedBy: { handle: responder.handle } });
    expect((await api("GET", `${base}/comments?resolved=true`, { token: viewer.token })).body.items.map((c: { id: string }) => c.id)).toEqual([comment.body.id]);

    const reviewer = await org.user("responder");
    expect((await api("POST", `${base}/reviewers`, { token: responder.token, body: { reviewer: reviewer.handle } })).body.reviewers.map((r: { handle: string }) => r.handle)).toEqual([reviewer.handle]);
    expect((await api("POST", `${base}/reviewers`, { token: responder.token, body: { reviewer: reviewer.handle } })).status).toBe(409);
    expect((await api("DELETE", `${base}/reviewers?user=${reviewer.handle}`, { token: responder.token })).body.reviewers).toEqual([]);

    const item = await api("POST", "/api/v1/action-items", { token: responder.token, body: { title: "Make failover drills monthly", owner: responder.handle, dueAt: "2030-01-01", kind: "process", postmortem: id } });
    expect(item.status, JSON.stringify(item.body)).toBe(201);
    expect(item.body).toMatchObject({ incident: null, postmortemId: id, postmortem: { id, title: "Failover in 40 s", type: "positive_retro" } });
    expect((await api("GET", `/api/v1/action-items?postmortem=${id}`, { token: viewer.token })).body.items.map((i: { id: string }) => i.id)).toEqual([item.body.id]);
    expect((await api("GET", base, { token: viewer.token })).body.actionItems.map((i: { id: string }) => i.id)).toEqual([item.body.id]);

    const exported = await api("GET", `${base}/export.md`, { token: viewer.token });
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-disposition")).toBe(`attachment; filename="positive-retro-${id}-r1.md"`);
    const md = exported.body as string;
    expect(md.split("\n")[0]).toBe("# Positive retro: Failover in 40 s");
    expect(md.split("\n").filter((l) => l.startsWith("## ")).map((l) => l.slice(3))).toEqual(created.body.sections.map((s: { title: string }) => s.title));
    expect(md).toContain("Make failover drills monthly");

    expect((await api("GET", `${base}/sections/summary/diff`, { token: viewer.token })).status).toBe(404);
    await api("PATCH", base, { token: responder.token, body: { status: "in_review" } });
    await api("PATCH", base, { token: responder.token, body: { status: "published" } });
    const summary = created.body.sections.find((s: { key: string }) => s.key === "summary");
    const edit = await api("PATCH", `${base}/sections/summary`, { token: responder.token, body: { body: `${summary.body}\nDrilled monthly since.`, version: summary.version } });
    expect(edit.body.postmortem).toEqual({ status: "draft", revision: 2 });
    const diff = await api("GET", `${base}/sections/summary/diff`, { token: viewer.token });
    expect(diff.status).toBe(200);
    expect(diff.body).toMatchObject({ revision: 1, changed: true });
    expect(diff.body.lines.filter((l: { op: string }) => l.op === "add").map((l: { text: string }) => l.text)).toEqual(["Drilled monthly since."]);

    // Another organization reaches none of it.
    const stranger2 = await (await createOrg()).user("admin");
    expect((await api("GET", `${base}/comments`, { token: stranger2.token })).status).toBe(404);
    expect((await api("GET", `${base}/export.md`, { token: stranger2.token })).status).toBe(404);
    expect((await api("POST", "/api/v1/action-items", { token: stranger2.token, body: { title: "x", owner: stranger2.handle, dueAt: "2030-01-01", kind: "process", postmortem: id } })).status).toBe(404);
  });

  it("lists incident reviews and retros together for the reviews page", async () => {
    const declared = await declare(responder.token, { title: "Listed review" });
    const ref = declared.body.ref as string;
    const resolution = { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true };
    await api("PATCH", `/api/v1/incidents/${ref}`, { token: responder.token, body: { version: declared.body.version, status: "resolved", reason: "ok", resolution } });
    const pm = await api("POST", `/api/v1/incidents/${ref}/postmortem`, { token: responder.token, body: {} });
    expect((await api("POST", "/api/v1/postmortems", { token: responder.token, body: { type: "near_miss", title: "Listed near miss" } })).status).toBe(201);
    const list = await api("GET", "/api/v1/postmortems", { token: viewer.token });
    const listed = list.body.items.find((p: { id: string }) => p.id === pm.body.id);
    expect(listed).toMatchObject({ type: "incident_review", status: "draft", incident: { ref } });
    expect(list.body.items.some((p: { type: string }) => p.type === "near_miss")).toBe(true);
  });
});

