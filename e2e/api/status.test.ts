// The exec side against the real server and Postgres: the status view and the
// exec summary (non-private only, exec else internal updates, never notes or
// responder-only updates), the Atom feed (token in the URL, valid XML), a viewer
// who can read all of it and write nothing, and stakeholder share links
// (signed, expiring, revocable, audit-logged, never for a private incident).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEVERITY_LEVELS } from "@/lib/domain/severity";
import { signShareToken } from "@/lib/server/status/share-token";
import { ALL_CRITERIA, api, baseUrl, createOrg, declare, testDb, type TestOrg, type TestUser } from "./factories";
import { child, childElements, parseXml, textOf, type XmlElement } from "./xml";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let org: TestOrg;
let ic: TestUser;
let responder: TestUser;
let admin: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  org = await createOrg();
  [ic, responder, admin, viewer] = await Promise.all([org.user("responder"), org.user("responder"), org.user("admin"), org.user("viewer")]);
  await org.service("SVC-CHECKOUT");
});

afterAll(async () => {
  await testDb().$disconnect();
});

// ─── Helpers (this file only) ──────────────────────────────────────────────

/** A unique marker, so assertions never match another test's data. */
const mark = (label: string) => `${label}-${Math.random().toString(36).slice(2, 10)}`;

async function newIncident(body: Record<string, unknown> = {}, token = ic.token): Promise<string> {
  const res = await declare(token, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.ref as string;
}

async function post(path: string, body: Record<string, unknown>, token = ic.token) {
  const res = await api("POST", path, { token, body });
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(201);
  return res.body;
}

const update = (ref: string, body: Record<string, unknown>) => post(`/api/v1/incidents/${ref}/updates`, { need: "", ...body });
const note = (ref: string, body: string) => post(`/api/v1/incidents/${ref}/timeline`, { body });

async function resolve(ref: string) {
  const current = await api("GET", `/api/v1/incidents/${ref}`, { token: ic.token });
  const res = await api("PATCH", `/api/v1/incidents/${ref}`, { token: ic.token, body: { version: current.body.version, status: "resolved", reason: "Fixed", resolution: ALL_CRITERIA } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

const incidentRow = (ref: string, orgId = org.id) => testDb().incident.findFirstOrThrow({ where: { orgId, number: Number(ref.slice(4)) } });

type StatusItem = { ref: string; title: string; severity: string; impact: string; status: string; services: { key: string }[]; update: any; eta: string | null; nextUpdateDueAt: string | null; durationSeconds: number };

async function status(token = viewer.token) {
  const res = await api("GET", "/api/v1/status", { token });
  expect(res.status).toBe(200);
  return res.body as { generatedAt: string; active: StatusItem[]; resolved: StatusItem[] };
}

async function feed(query = `?token=${viewer.token}`, opts: { token?: string } = {}) {
  const res = await fetch(`${baseUrl()}/api/v1/status/feed.atom${query}`, { headers: opts.token ? { authorization: `Bearer ${opts.token}` } : {} });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

/** The entries of a parsed feed: title, content, link, id, updated, author. */
function entries(root: XmlElement) {
  return childElements(root, "entry").map((e) => ({
    id: textOf(child(e, "id")),
    title: textOf(child(e, "title")),
    titleType: child(e, "title")?.attrs.type,
    updated: textOf(child(e, "updated")),
    link: child(e, "link")?.attrs.href,
    author: textOf(child(child(e, "author")!, "name")),
    content: textOf(child(e, "content")),
    contentType: child(e, "content")?.attrs.type,
  }));
}

/** The server's share link secret: the test server generates one into its data directory. */
function serverSecret(): string {
  return process.env.NEXTAUTH_SECRET ?? fs.readFileSync(path.resolve(__dirname, "../../.conn-test-data/integration/nextauth-secret"), "utf8").trim();
}

async function shareLinkPage(url: string, userAgent = "status-test") {
  const res = await fetch(url, { headers: { "user-agent": userAgent }, redirect: "manual" });
  return { status: res.status, headers: res.headers, html: await res.text() };
}

const EXPIRED_TEXT = "This link has expired or was revoked";
// The summary is rendered on the server (markup). The expired page is Next's not-found boundary:
// a 404 whose content comes in the RSC payload and is rendered by the browser (e2e/status.spec.ts
// looks at it); every page's payload carries that boundary, so a valid page is told apart by markup.
const EXPIRED_PAGE = 'data-testid="share-expired"';
const SUMMARY_PAGE = 'data-testid="exec-summary"';

const viewAudits = (linkId: string, action = "share_link.view") => testDb().auditLog.findMany({ where: { targetType: "share_link", targetId: linkId, action }, orderBy: { at: "asc" } });

// ─── The test helper parses strictly ───────────────────────────────────────

describe("the XML checker used below", () => {
  it("rejects what a feed reader would reject", () => {
    expect(parseXml(`<?xml version="1.0"?><a x="1"><b>t &amp; &#60;</b></a>`).children).toHaveLength(1);
    for (const bad of ["<a>&</a>", "<a>x < y</a>", "<a><b></a></b>", `<a x="<"/>`, "<a>&nbsp;</a>", "<a/><b/>", "<a>\u0001</a>", "<a>", `<a x="1" x="2"/>`]) {
      expect(() => parseXml(bad), bad).toThrow();
    }
  });
});

// ─── GET /api/v1/status ────────────────────────────────────────────────────

describe("GET /api/v1/status", () => {
  it("shows a viewer every active non-private incident with its exec update (else internal), severity first, and never a note, a responder-only update or a private incident", async () => {
    const t = mark("status");
    const sev1 = await newIncident({ title: `${t} checkout down`, severity: "SEV1", services: ["SVC-CHECKOUT"] });
    const sev3 = await newIncident({ title: `${t} slow search`, severity: "SEV3" });
    const sev2 = await newIncident({ title: `${t} no exec update`, severity: "SEV2" });
    const secret = await newIncident({ title: `${t} PRIVATE breach`, severity: "SEV1", private: true });
    const eta = new Date(Date.now() + 2 * HOUR).toISOString();

    await update(sev1, { condition: `${t} exec condition`, action: "Failing over", need: "Approval to spend", audience: "exec", eta });
    await update(sev1, { condition: `${t} newer internal condition`, action: "Still failing over", audience: "internal" });
    await update(sev1, { condition: `${t} RESPONDER ONLY`, action: "grep logs", audience: "responders" });
    await note(sev1, `${t} SECRET NOTE BODY`);
    await update(sev3, { condition: `${t} internal only`, action: "Reindexing", audience: "internal" });
    await update(sev2, { condition: `${t} RESPONDER ONLY 2`, action: "x", audience: "responders" });
    await update(secret, { condition: `${t} PRIVATE exec`, action: "x", audience: "exec" });

    const body = await status();
    const mine = body.active.filter((i) => i.title.startsWith(t));
    expect(mine.map((i) => i.ref)).toEqual([sev1, sev2, sev3]);

    const [one, two, three] = mine as [StatusItem, StatusItem, StatusItem];
    expect(one).toMatchObject({ severity: "SEV1", impact: SEVERITY_LEVELS.SEV1.impact, status: "investigating", services: [{ key: "SVC-CHECKOUT" }], eta });
    expect(one.update).toMatchObject({ audience: "exec", condition: `${t} exec condition`, need: "Approval to spend" });
    expect(one.update.ageSeconds).toBeGreaterThanOrEqual(0);
    // The incident's next update is due after its newest update of any audience, whichever the view shows.
    await update(sev1, { condition: `${t} RESPONDER ONLY later`, action: "x", audience: "responders", nextUpdateInMinutes: 45 });
    expect((await status()).active.find((i) => i.ref === sev1)!.nextUpdateDueAt).toBe((await api("GET", `/api/v1/incidents/${sev1}`, { token: ic.token })).body.nextUpdateDueAt);
    expect(Date.parse((await status()).active.find((i) => i.ref === sev1)!.nextUpdateDueAt!) - Date.now()).toBeGreaterThan(40 * 60_000);
    expect(one.durationSeconds).toBeGreaterThanOrEqual(0);
    expect(three.update).toMatchObject({ audience: "internal", condition: `${t} internal only` });
    expect(two.update).toBeNull();

    const text = JSON.stringify(body);
    for (const hidden of ["RESPONDER ONLY", "SECRET NOTE", "PRIVATE"]) expect(text).not.toContain(`${t} ${hidden}`);
    expect(body.active.map((i) => i.ref)).not.toContain(secret);
  });

  it("never shows a private incident, not even to its members", async () => {
    const t = mark("members");
    const secret = await newIncident({ title: `${t} private`, severity: "SEV2", private: true });
    const open = await newIncident({ title: `${t} open`, severity: "SEV2" });
    // The declarer is a member: the incident list shows it to them, the exec view does not.
    const list = await api("GET", `/api/v1/incidents?q=${t}`, { token: ic.token });
    expect(list.body.items.map((i: { ref: string }) => i.ref)).toContain(secret);
    const refs = (await status(ic.token)).active.map((i) => i.ref);
    expect(refs).toContain(open);
    expect(refs).not.toContain(secret);
  });

  it("lists incidents resolved in the last 30 days with their durations, not older ones, not other organizations'", async () => {
    const t = mark("resolved");
    const recent = await newIncident({ title: `${t} recent`, severity: "SEV2" });
    await update(recent, { condition: `${t} fixed`, action: "Done", audience: "exec" });
    await resolve(recent);
    const old = await newIncident({ title: `${t} old`, severity: "SEV2" });
    await resolve(old);
    await testDb().incident.update({ where: { id: (await incidentRow(old)).id }, data: { resolvedAt: new Date(Date.now() - 31 * DAY) } });
    const row = await incidentRow(recent);
    const declaredAt = new Date(Date.now() - 3 * HOUR);
    await testDb().incident.update({ where: { id: row.id }, data: { declaredAt, startedAt: null, resolvedAt: new Date(declaredAt.getTime() + 90 * 60_000) } });

    const other = await createOrg();
    const stranger = await other.user("responder");
    await newIncident({ title: `${t} other org`, severity: "SEV1" }, stranger.token);

    const body = await status();
    const resolved = body.resolved.filter((i) => i.title.startsWith(t));
    expect(resolved.map((i) => i.ref)).toEqual([recent]);
    expect(resolved[0]).toMatchObject({ status: "resolved", durationSeconds: 90 * 60, eta: null, nextUpdateDueAt: null });
    expect(resolved[0]!.update).toMatchObject({ audience: "exec", condition: `${t} fixed` });
    expect(body.active.map((i) => i.ref)).not.toContain(recent);
    expect(JSON.stringify(body)).not.toContain(`${t} other org`);
  });

  it("needs a signed-in person or a token", async () => {
    expect((await api("GET", "/api/v1/status")).status).toBe(401);
    expect((await api("GET", "/api/v1/status", { token: "conn_not-a-token" })).status).toBe(401);
  });
});

// ─── GET /api/v1/status/{ref} ──────────────────────────────────────────────

describe("GET /api/v1/status: services under maintenance", () => {
  it("lists a service under maintenance now, not one scheduled later or ended, and not another organization's", async () => {
    const key = `SVC-MAINT-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
    await org.service(key);
    const reason = mark("Database upgrade");
    const now = await api("POST", `/api/v1/services/${key}/maintenance`, { token: responder.token, body: { endsAt: new Date(Date.now() + HOUR).toISOString(), reason } });
    expect(now.status).toBe(201);
    const later = mark("Later");
    await api("POST", `/api/v1/services/${key}/maintenance`, { token: responder.token, body: { startsAt: new Date(Date.now() + DAY).toISOString(), endsAt: new Date(Date.now() + DAY + HOUR).toISOString(), reason: later } });
    const other = await createOrg();
    const stranger = await other.user("responder");
    await other.service(key);
    await api("POST", `/api/v1/services/${key}/maintenance`, { token: stranger.token, body: { endsAt: new Date(Date.now() + HOUR).toISOString(), reason: mark("Elsewhere") } });

    const status = await api("GET", "/api/v1/status", { token: viewer.token });
    const mine = (status.body.maintenance as { service: { key: string }; reason: string }[]).filter((m) => m.service.key === key);
    expect(mine).toEqual([{ service: { key, name: key }, endsAt: now.body.endsAt, reason }]);
    await api("DELETE", `/api/v1/services/${key}/maintenance/${now.body.id}`, { token: responder.token });
    const after = await api("GET", "/api/v1/status", { token: viewer.token });
    expect((after.body.maintenance as { service: { key: string } }[]).some((m) => m.service.key === key)).toBe(false);
  });
});

describe("GET /api/v1/status/{ref} (exec summary)", () => {
  it("gives a viewer impact, status, roles, decisions and the exec/internal update history, without notes or responder updates", async () => {
    const t = mark("summary");
    const ref = await newIncident({ title: `${t} payments`, severity: "SEV2", summary: "Card payments fail", blastRadius: "EU cards" });
    await api("PUT", `/api/v1/incidents/${ref}/roles/comms_lead`, { token: ic.token, body: { user: responder.handle } });
    await update(ref, { condition: `${t} first internal`, action: "Looking", audience: "internal" });
    await update(ref, { condition: `${t} RESPONDERS`, action: "x", audience: "responders" });
    await update(ref, { condition: `${t} exec`, action: "Failing over", audience: "exec" });
    await post(`/api/v1/incidents/${ref}/decisions`, { decision: `${t} fail over to EU-2`, rationale: "EU-1 is down", reversible: true });
    await note(ref, `${t} NOTE chatter`);

    const res = await api("GET", `/api/v1/status/${ref}`, { token: viewer.token });
    expect(res.status).toBe(200);
    const s = res.body;
    expect(s).toMatchObject({
      ref,
      severity: "SEV2",
      impact: SEVERITY_LEVELS.SEV2.impact,
      status: "investigating",
      summary: "Card payments fail",
      blastRadius: "EU cards",
      commander: { handle: ic.handle },
      commsLead: { handle: responder.handle },
    });
    expect(s.update).toMatchObject({ audience: "exec", condition: `${t} exec` });
    expect(s.updates.map((u: { condition: string }) => u.condition)).toEqual([`${t} exec`, `${t} first internal`]);
    expect(s.decisions).toEqual([expect.objectContaining({ decision: `${t} fail over to EU-2`, rationale: "EU-1 is down", reversible: true, decidedBy: expect.objectContaining({ handle: ic.handle }) })]);
    expect(s.declaredAt).toBeTruthy();
    const text = JSON.stringify(s);
    expect(text).not.toContain(`${t} RESPONDERS`);
    expect(text).not.toContain(`${t} NOTE`);
  });

  it("is a 404 for a private incident (its members included), an unknown one and another organization's", async () => {
    const secret = await newIncident({ title: "private summary", severity: "SEV2", private: true });
    expect((await api("GET", `/api/v1/incidents/${secret}`, { token: ic.token })).status).toBe(200);
    expect((await api("GET", `/api/v1/status/${secret}`, { token: ic.token })).status).toBe(404);
    expect((await api("GET", `/api/v1/status/INC-999999`, { token: viewer.token })).status).toBe(404);
    expect((await api("GET", `/api/v1/status/not-a-ref`, { token: viewer.token })).status).toBe(404);
    const other = await createOrg();
    const stranger = await other.user("viewer");
    const ref = await newIncident({ title: "ours", severity: "SEV3" });
    expect((await api("GET", `/api/v1/status/${ref}`, { token: stranger.token })).status).toBe(404);
  });
});

// ─── GET /api/v1/status/feed.atom ──────────────────────────────────────────

describe("GET /api/v1/status/feed.atom", () => {
  it("is valid Atom with the exec and internal updates, newest first, escaped, without private incidents or notes", async () => {
    const t = mark("feed");
    const tricky = `${t} <b>Cart</b> & "tax" 'wrong'`;
    const ref = await newIncident({ title: tricky, severity: "SEV1" });
    const secret = await newIncident({ title: `${t} PRIVATE`, severity: "SEV1", private: true });
    await update(ref, { condition: `${t} internal first`, action: "Looking", audience: "internal" });
    await update(ref, { condition: `${t} exec <50% & rising ]]> \u0001 done`, action: "Rolling back", need: "Go/no-go", audience: "exec" });
    await update(ref, { condition: `${t} RESPONDERS`, action: "x", audience: "responders" });
    await update(secret, { condition: `${t} PRIVATE exec`, action: "x", audience: "exec" });
    await note(ref, `${t} NOTE BODY`);

    const res = await feed();
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/atom\+xml/);
    const root = parseXml(res.text);
    expect(root.name).toBe("feed");
    expect(root.attrs.xmlns).toBe("http://www.w3.org/2005/Atom");
    for (const required of ["id", "title", "updated", "author"]) expect(child(root, required), required).toBeDefined();
    const self = childElements(root, "link").find((l) => l.attrs.rel === "self");
    expect(self?.attrs.href).toBe(`${baseUrl()}/api/v1/status/feed.atom`);
    expect(res.text).not.toContain(viewer.token);

    const all = entries(root);
    const mine = all.filter((e) => e.title.includes(t) || e.content.includes(t));
    expect(mine).toHaveLength(2);
    const [exec, internal] = mine as [(typeof mine)[number], (typeof mine)[number]];
    expect(exec.title).toContain(tricky);
    expect(exec.title).toContain(`${ref} [SEV1]`);
    expect(exec.title).toMatch(/exec update$/);
    expect(exec.titleType).toBe("text");
    expect(exec.contentType).toBe("text");
    expect(exec.content).toContain(`Condition: ${t} exec <50% & rising ]]> \uFFFD done`);
    expect(exec.content).toContain("Need: Go/no-go");
    expect(exec.link).toBe(`${baseUrl()}/status/${ref}`);
    expect(exec.id).toMatch(/^urn:conn:update:/);
    expect(exec.author).toBe(`Test ${ic.handle}`);
    expect(Date.parse(exec.updated)).toBeGreaterThanOrEqual(Date.parse(internal.updated));
    expect(internal.content).toContain(`${t} internal first`);
    expect(internal.title).toMatch(/internal update$/);
    // Newest first overall.
    const times = all.map((e) => Date.parse(e.updated));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(textOf(child(root, "updated"))).toBe(all[0]!.updated);

    for (const hidden of ["RESPONDERS", "PRIVATE", "NOTE BODY"]) expect(res.text).not.toContain(`${t} ${hidden}`);
    expect(res.text).not.toContain(`${secret} [`);
  });

  it("accepts the token as Bearer too, and answers 401 with no token, a wrong one or a revoked one", async () => {
    expect((await feed("", { token: viewer.token })).status).toBe(200);
    for (const query of ["", "?token=", "?token=conn_wrong", `?token=${viewer.token}x`]) {
      const res = await feed(query);
      expect(res.status, query).toBe(401);
      expect(res.text).not.toContain("<feed");
    }
    // A wrong token in the URL is refused even with a valid header: never fall back.
    expect((await feed("?token=conn_wrong", { token: viewer.token })).status).toBe(401);
    const revoked = await org.user("viewer");
    await testDb().apiToken.updateMany({ where: { userId: revoked.id }, data: { revokedAt: new Date() } });
    expect((await feed(`?token=${revoked.token}`)).status).toBe(401);
  });

  it("leaves out updates older than 30 days", async () => {
    const t = mark("old-update");
    const ref = await newIncident({ title: `${t} old`, severity: "SEV3" });
    await update(ref, { condition: `${t} ancient`, action: "x", audience: "exec" });
    await update(ref, { condition: `${t} fresh`, action: "x", audience: "exec" });
    const row = await incidentRow(ref);
    await testDb().statusUpdate.updateMany({ where: { incidentId: row.id, condition: `${t} ancient` }, data: { createdAt: new Date(Date.now() - 31 * DAY) } });
    const text = (await feed()).text;
    expect(text).toContain(`${t} fresh`);
    expect(text).not.toContain(`${t} ancient`);
  });
});

// ─── A viewer writes nothing ───────────────────────────────────────────────

describe("a viewer", () => {
  it("gets 403 on every write route, and nothing is written", async () => {
    const ref = await newIncident({ title: "viewer cannot touch this", severity: "SEV2", services: ["SVC-CHECKOUT"] });
    await api("PUT", `/api/v1/incidents/${ref}/roles/sme`, { token: ic.token, body: { user: responder.handle } });
    const ws = await post(`/api/v1/incidents/${ref}/workstreams`, { title: "Rollback", goal: "Roll back" });
    const item = await post(`/api/v1/incidents/${ref}/board`, { kind: "hypothesis", text: "The deploy" });
    const change = await post("/api/v1/changes", { service: "SVC-CHECKOUT", kind: "deploy", summary: "v2" });
    const link = await post(`/api/v1/incidents/${ref}/share-links`, {});
    const row = await incidentRow(ref);

    const snapshot = async () => {
      const [incidents, entries, updates, decisions, workstreams, board, links, activeLinks, changes, audit, current] = await Promise.all([
        testDb().incident.count({ where: { orgId: org.id } }),
        testDb().timelineEntry.count({ where: { incident: { orgId: org.id } } }),
        testDb().statusUpdate.count({ where: { incident: { orgId: org.id } } }),
        testDb().decision.count({ where: { incident: { orgId: org.id } } }),
        testDb().workstream.findMany({ where: { incidentId: row.id }, select: { version: true, status: true } }),
        testDb().boardItem.findMany({ where: { incidentId: row.id }, select: { version: true, state: true } }),
        testDb().shareLink.count({ where: { incident: { orgId: org.id } } }),
        testDb().shareLink.count({ where: { incident: { orgId: org.id }, revokedAt: null } }),
        testDb().change.count({ where: { orgId: org.id } }),
        testDb().auditLog.count({ where: { orgId: org.id } }),
        testDb().incident.findUniqueOrThrow({ where: { id: row.id }, select: { version: true, lastSeq: true, severity: true, status: true, escalationStep: true } }),
      ]);
      return { incidents, entries, updates, decisions, workstreams, board, links, activeLinks, changes, audit, current };
    };
    const before = await snapshot();

    const writes: [string, string, Record<string, unknown> | undefined][] = [
      ["POST", "/api/v1/incidents", { title: "Viewer declares", severity: "SEV1" }],
      ["PATCH", `/api/v1/incidents/${ref}`, { version: before.current.version, severity: "SEV1", reason: "worse" }],
      ["POST", `/api/v1/incidents/${ref}/updates`, { condition: "c", action: "a", need: "", audience: "exec" }],
      ["POST", `/api/v1/incidents/${ref}/timeline`, { body: "a note" }],
      ["POST", `/api/v1/incidents/${ref}/decisions`, { decision: "d", rationale: "r" }],
      ["PUT", `/api/v1/incidents/${ref}/roles/scribe`, { user: viewer.handle }],
      ["PUT", `/api/v1/incidents/${ref}/roles/commander`, { user: viewer.handle, briefing: "take it" }],
      ["DELETE", `/api/v1/incidents/${ref}/roles/sme?user=${responder.handle}`, undefined],
      ["POST", `/api/v1/incidents/${ref}/handovers`, { to: responder.handle, briefing: "take it" }],
      ["POST", `/api/v1/incidents/${ref}/workstreams`, { title: "w", goal: "g" }],
      ["PATCH", `/api/v1/incidents/${ref}/workstreams/${ws.id}`, { version: before.workstreams[0]!.version, status: "done" }],
      ["POST", `/api/v1/incidents/${ref}/board`, { kind: "fact", text: "f" }],
      ["PATCH", `/api/v1/incidents/${ref}/board/${item.id}`, { version: before.board[0]!.version, state: "confirmed" }],
      ["POST", `/api/v1/incidents/${ref}/timeline/1/pin`, { pinned: true }],
      ["POST", `/api/v1/incidents/${ref}/escalations`, { step: 1 }],
      ["POST", `/api/v1/incidents/${ref}/suspects`, { changeId: change.id }],
      ["POST", "/api/v1/changes", { service: "SVC-CHECKOUT", kind: "deploy", summary: "viewer deploy" }],
      ["POST", `/api/v1/incidents/${ref}/share-links`, { expiresInHours: 2 }],
      ["DELETE", `/api/v1/incidents/${ref}/share-links/${link.id}`, undefined],
    ];
    for (const [method, url, body] of writes) {
      const res = await api(method, url, { token: viewer.token, body });
      expect(res.status, `${method} ${url}: ${JSON.stringify(res.body)}`).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
    expect(await snapshot()).toEqual(before);
    // …while reading works.
    expect((await api("GET", `/api/v1/incidents/${ref}`, { token: viewer.token })).status).toBe(200);
    expect((await api("GET", `/api/v1/incidents/${ref}/share-links`, { token: viewer.token })).status).toBe(200);
  });
});

// ─── Share links ───────────────────────────────────────────────────────────

describe("share links", () => {
  it("the commander creates one (24 h by default); without an account it shows the exec summary, read-only, unframeable, not indexed; each view is audit-logged", async () => {
    const t = mark("share");
    const ref = await newIncident({ title: `${t} shared`, severity: "SEV1" });
    await update(ref, { condition: `${t} exec words`, action: "Fixing", audience: "exec" });
    await update(ref, { condition: `${t} RESPONDERS`, action: "x", audience: "responders" });
    await note(ref, `${t} NOTE BODY`);

    const created = await api("POST", `/api/v1/incidents/${ref}/share-links`, { token: ic.token, body: {} });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const link = created.body;
    expect(link).toMatchObject({ state: "active", views: 0, revokedAt: null, createdBy: { handle: ic.handle } });
    expect(Math.abs(Date.parse(link.expiresAt) - (Date.now() + 24 * HOUR))).toBeLessThan(60_000);
    expect(link.url).toMatch(new RegExp(`^${baseUrl()}/share/${link.id}\\.\\d+\\.[A-Za-z0-9_-]{43}$`));
    const creation = await testDb().auditLog.findFirst({ where: { targetType: "share_link", targetId: link.id, action: "share_link.create" } });
    expect(creation).toMatchObject({ actorId: ic.id, orgId: org.id });

    const page = await shareLinkPage(link.url, "Mozilla/5.0 (stakeholder)");
    expect(page.status).toBe(200);
    expect(page.html).toContain(`${t} shared`);
    expect(page.html).toContain(`${t} exec words`);
    expect(page.html).toContain(SEVERITY_LEVELS.SEV1.impact);
    expect(page.html).not.toContain(`${t} RESPONDERS`);
    expect(page.html).not.toContain(`${t} NOTE BODY`);
    expect(page.html).toContain(SUMMARY_PAGE);
    expect(page.html).not.toContain(EXPIRED_PAGE);
    expect(page.html).toMatch(/<meta name="robots" content="noindex, nofollow/);
    expect(page.headers.get("x-robots-tag")).toContain("noindex");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(page.html).not.toMatch(/<(input|textarea|select)\b/);

    await shareLinkPage(link.url, "second viewer");
    const views = await viewAudits(link.id);
    expect(views).toHaveLength(2);
    expect(views[0]).toMatchObject({ orgId: org.id, actorId: null, userAgent: "Mozilla/5.0 (stakeholder)", data: expect.objectContaining({ incident: ref }) });
    expect(views[0]!.ip).toMatch(/127\.0\.0\.1|::1/);
    expect(views[1]!.userAgent).toBe("second viewer");

    const list = await api("GET", `/api/v1/incidents/${ref}/share-links`, { token: ic.token });
    expect(list.body).toMatchObject({ shareable: true, canManage: true });
    expect(list.body.items).toEqual([expect.objectContaining({ id: link.id, state: "active", views: 2, url: link.url, lastViewedAt: views[1]!.at.toISOString() })]);
  });

  it("only the current commander or an admin creates them; a viewer and other responders see no URL", async () => {
    const ref = await newIncident({ title: "who may share", severity: "SEV2" });
    const byResponder = await api("POST", `/api/v1/incidents/${ref}/share-links`, { token: responder.token, body: {} });
    expect(byResponder.status).toBe(403);
    expect(byResponder.body.error.message).toMatch(/commander or an admin/);
    const byAdmin = await api("POST", `/api/v1/incidents/${ref}/share-links`, { token: admin.token, body: { expiresInHours: 1 } });
    expect(byAdmin.status).toBe(201);
    expect(Math.abs(Date.parse(byAdmin.body.expiresAt) - (Date.now() + HOUR))).toBeLessThan(60_000);

    for (const token of [responder.token, viewer.token]) {
      const list = await api("GET", `/api/v1/incidents/${ref}/share-links`, { token });
      expect(list.status).toBe(200);
      expect(list.body.canManage).toBe(false);
      expect(list.body.items).toHaveLength(1);
      expect(list.body.items[0].url).toBeUndefined();
      expect(JSON.stringify(list.body)).not.toContain("/share/");
    }

    // After a handover (offered, accepted) the new commander may, the old one may not.
    const offered = await api("POST", `/api/v1/incidents/${ref}/handovers`, { token: ic.token, body: { to: responder.handle, briefing: "yours" } });
    expect(offered.status, JSON.stringify(offered.body)).toBe(201);
    const accepted = await api("POST", `/api/v1/incidents/${ref}/handovers/${offered.body.handover.id}/accept`, { token: responder.token });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect((await api("POST", `/api/v1/incidents/${ref}/share-links`, { token: ic.token, body: {} })).status).toBe(403);
    expect((await api("POST", `/api/v1/incidents/${ref}/share-links`, { token: responder.token, body: {} })).status).toBe(201);
  });

  it("reject an expiry outside 1–168 hours and unknown fields; an Idempotency-Key creates one link", async () => {
    const ref = await newIncident({ title: "bad expiry", severity: "SEV3" });
    for (const body of [{ expiresInHours: 0 }, { expiresInHours: 169 }, { expiresInHours: 2.5 }, { expiresInHours: "24" }, { incident: ref }]) {
      const res = await api("POST", `/api/v1/incidents/${ref}/share-links`, { token: ic.token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const headers = { "idempotency-key": mark("share") };
    const first = await api("POST", `/api/v1/incidents/${ref}/share-links`, { token: ic.token, body: { expiresInHours: 168 }, headers });
    const again = await api("POST", `/api/v1/incidents/${ref}/share-links`, { token: ic.token, body: { expiresInHours: 168 }, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await testDb().shareLink.count({ where: { incidentId: (await incidentRow(ref)).id } })).toBe(1);
  });

  it("are refused for a private incident, and stop working when an incident becomes private", async () => {
    const secret = await newIncident({ title: "private share", severity: "SEV1", private: true });
    const res = await api("POST", `/api/v1/incidents/${secret}/share-links`, { token: ic.token, body: {} });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/Private incidents cannot be shared/);
    expect(await testDb().shareLink.count({ where: { incidentId: (await incidentRow(secret)).id } })).toBe(0);
    const list = await api("GET", `/api/v1/incidents/${secret}/share-links`, { token: ic.token });
    expect(list.body).toMatchObject({ shareable: false, canManage: false, items: [] });

    const ref = await newIncident({ title: `${mark("later")} later private`, severity: "SEV2" });
    const link = (await api("POST", `/api/v1/incidents/${ref}/share-links`, { token: ic.token, body: {} })).body;
    expect((await shareLinkPage(link.url)).status).toBe(200);
    await testDb().incident.update({ where: { id: (await incidentRow(ref)).id }, data: { private: true } });
    const page = await shareLinkPage(link.url);
    expect(page.status).toBe(404);
    expect(page.html).toContain(EXPIRED_TEXT);
    expect(page.html).not.toContain(SUMMARY_PAGE);
    expect(page.html).not.toContain("later private");
    expect(await viewAudits(link.id)).toHaveLength(1);
    expect((await viewAudits(link.id, "share_link.view_refused")).map((a) => a.data)).toEqual([expect.objectContaining({ reason: "private" })]);
  });

  it("revoked: the page says so at once, the refusal is logged, revoking again changes nothing; only managers or the creator revoke", async () => {
    const ref = await newIncident({ title: `${mark("revoke")} revoke me`, severity: "SEV2" });
    const link = (await api("POST", `/api/v1/incidents/${ref}/share-links`, { token: ic.token, body: {} })).body;
    expect((await shareLinkPage(link.url)).status).toBe(200);

    expect((await api("DELETE", `/api/v1/incidents/${ref}/share-links/${link.id}`, { token: responder.token })).status).toBe(403);
    const other = await newIncident({ title: "another", severity: "SEV3" });
    expect((await api("DELETE", `/api/v1/incidents/${other}/share-links/${link.id}`, { token: ic.token })).status).toBe(404);
    expect((await shareLinkPage(link.url)).status).toBe(200);

    const revoked = await api("DELETE", `/api/v1/incidents/${ref}/share-links/${link.id}`, { token: ic.token });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: link.id, state: "revoked" });
    expect(revoked.body.url).toBeUndefined();
    const page = await shareLinkPage(link.url);
    expect(page.status).toBe(404);
    expect(page.html).toContain(EXPIRED_TEXT);
    expect(page.html).not.toContain(SUMMARY_PAGE);
    expect(page.html).not.toContain("revoke me");
    expect(page.headers.get("x-robots-tag")).toContain("noindex");

    const again = await api("DELETE", `/api/v1/incidents/${ref}/share-links/${link.id}`, { token: ic.token });
    expect(again.status).toBe(200);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
    expect(await testDb().auditLog.count({ where: { targetId: link.id, action: "share_link.revoke" } })).toBe(1);
    expect(await viewAudits(link.id)).toHaveLength(2);
    expect((await viewAudits(link.id, "share_link.view_refused")).map((a) => a.data)).toEqual([expect.objectContaining({ reason: "revoked" })]);
    const list = await api("GET", `/api/v1/incidents/${ref}/share-links`, { token: ic.token });
    expect(list.body.items[0]).toMatchObject({ state: "revoked", views: 2 });
    expect(list.body.items[0].url).toBeUndefined();
  });

  it("expired, forged or tampered: the expired page, and no view is counted", async () => {
    const ref = await newIncident({ title: `${mark("expire")} expiring`, severity: "SEV2" });
    const link = (await api("POST", `/api/v1/incidents/${ref}/share-links`, { token: ic.token, body: { expiresInHours: 1 } })).body;
    const token = link.url.split("/share/")[1] as string;
    const [id, exp, sig] = token.split(".") as [string, string, string];
    const secret = serverSecret();
    // The test signs like the server does: a correct signature proves the secret is the server's.
    expect(signShareToken(id, new Date(Number(exp) * 1000), secret)).toBe(token);

    const refusedUrls = [
      `${baseUrl()}/share/${id}.${exp}.${"A".repeat(43)}`, // forged signature
      `${baseUrl()}/share/${id}.${Number(exp) + 86_400}.${sig}`, // expiry pushed back, old signature
      `${baseUrl()}/share/${signShareToken(id, new Date(Number(exp) * 1000 + 86_400_000), secret)}`, // validly signed, but not the row's expiry
      `${baseUrl()}/share/${signShareToken("cmnotarealid000000000000", new Date(Date.now() + HOUR), secret)}`, // no such link
      `${baseUrl()}/share/${id}`, // malformed
      `${baseUrl()}/share/${signShareToken(id, new Date(Date.now() - 60_000), secret)}`, // validly signed, expired by its own date
    ];
    for (const url of refusedUrls) {
      const page = await shareLinkPage(url);
      expect(page.status, url).toBe(404);
      expect(page.html, url).toContain(EXPIRED_TEXT);
      expect(page.html, url).not.toContain(SUMMARY_PAGE);
      expect(page.html).not.toContain("expiring");
    }
    expect(await viewAudits(link.id)).toHaveLength(0);
    expect((await shareLinkPage(link.url)).status).toBe(200);

    // The link reaches its expiry.
    await testDb().shareLink.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const page = await shareLinkPage(link.url);
    expect(page.status).toBe(404);
    expect(page.html).toContain(EXPIRED_TEXT);
    expect(page.html).not.toContain(SUMMARY_PAGE);
    expect(await viewAudits(link.id)).toHaveLength(1);
    const refused = (await viewAudits(link.id, "share_link.view_refused")).map((a) => a.data);
    // Refusals of authentic tokens are logged (the mismatched expiry, the one expired by its own date, then
    // this one); forged, malformed or unknown ones name no link and are not.
    expect(refused.map((d) => (d as { reason: string }).reason)).toEqual(["unknown", "expired", "expired"]);
    const list = await api("GET", `/api/v1/incidents/${ref}/share-links`, { token: ic.token });
    expect(list.body.items[0]).toMatchObject({ state: "expired" });
    expect(list.body.items[0].url).toBeUndefined();
  });
});

describe("OpenAPI", () => {
  it("documents the status, feed and share-link endpoints", async () => {
    const doc = (await api("GET", "/api/v1/openapi.json")).body;
    expect(doc.paths["/api/v1/status"].get).toBeDefined();
    expect(doc.paths["/api/v1/status/{ref}"].get).toBeDefined();
    expect(doc.paths["/api/v1/status/feed.atom"].get.responses["200"].content["application/atom+xml"]).toBeDefined();
    expect(Object.keys(doc.paths["/api/v1/incidents/{ref}/share-links"]).sort()).toEqual(["get", "post"]);
    expect(doc.paths["/api/v1/incidents/{ref}/share-links/{id}"].delete).toBeDefined();
    expect(doc.components.schemas.ShareLinkCreate.properties.expiresInHours).toMatchObject({ minimum: 1, maximum: 168 });
  });
});
