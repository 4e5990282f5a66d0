// "What changed?" against the real server and Postgres: posting changes (CI/CD
// tokens, roles, bad input, idempotency), listing them, an incident's window
// (its services and their dependencies), and suspects on the timeline.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateToken } from "@/lib/server/tokens";
import { api, createOrg, declare, testDb, type TestOrg, type TestUser } from "./factories";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();

let org: TestOrg;
let responder: TestUser;
let viewer: TestUser;
let bot: TestUser;

beforeAll(async () => {
  org = await createOrg();
  [responder, viewer, bot] = await Promise.all([org.user("responder"), org.user("viewer"), org.user("responder", { automation: true })]);
  await org.service("SVC-CHECKOUT");
});

afterAll(async () => {
  await testDb().$disconnect();
});

// ─── Helpers (this file only) ──────────────────────────────────────────────

function postChange(token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return api("POST", "/api/v1/changes", { token, body: { service: "SVC-CHECKOUT", kind: "deploy", summary: "Checkout v2.1.0", ...body }, headers });
}

const countChanges = (orgId: string) => testDb().change.count({ where: { orgId } });

async function incidentRow(orgId: string, ref: string) {
  return testDb().incident.findFirstOrThrow({ where: { orgId, number: Number(ref.slice(4)) }, select: { id: true, lastSeq: true } });
}

const countSuspects = (incidentId: string) => testDb().timelineEntry.count({ where: { incidentId, kind: "change_suspected" } });

async function dependsOn(service: { id: string }, dependency: { id: string }) {
  await testDb().serviceDependency.create({ data: { serviceId: service.id, dependsOnId: dependency.id } });
}

/** A changes-only world: an incident on SVC-CHECKOUT that started 2 h ago, with changes around it. */
async function incidentWorld() {
  const o = await createOrg();
  const [ic, outsider] = await Promise.all([o.user("responder"), o.user("responder")]);
  // SVC-SEARCH only needs to exist: an unrelated service whose changes must not show.
  const [checkout, payments, auth, gateway] = await Promise.all(
    ["SVC-CHECKOUT", "SVC-PAYMENTS", "SVC-AUTH", "SVC-GATEWAY", "SVC-SEARCH"].map((key) => o.service(key)),
  );
  await dependsOn(checkout!, payments!); // checkout calls payments: a dependency
  await dependsOn(payments!, auth!); // payments calls auth: two levels away, not shown
  await dependsOn(gateway!, checkout!); // the gateway calls checkout: a dependent, not a dependency
  const start = Date.now() - 2 * HOUR;
  const incident = await declare(ic.token, { title: "Checkout errors", services: ["SVC-CHECKOUT"], startedAt: iso(start) });
  expect(incident.status).toBe(201);
  const post = async (service: string, kind: string, summary: string, at: number, extra: Record<string, unknown> = {}) => {
    const res = await postChange(ic.token, { service, kind, summary, at: iso(at), ...extra });
    expect(res.status).toBe(201);
    return res.body as { id: string; at: string };
  };
  const changes = {
    during: await post("SVC-CHECKOUT", "deploy", "Checkout v2.2.0 (rollback candidate)", Date.now() - 10 * MINUTE, { version: "v2.2.0" }),
    beforeStart: await post("SVC-CHECKOUT", "flag", "new-address-form to 50%", start - HOUR, { link: "https://flags.example.com/42" }),
    dependency: await post("SVC-PAYMENTS", "config", "Processor timeout 10s → 3s", start - 23 * HOUR),
    tooEarly: await post("SVC-CHECKOUT", "migration", "Add orders.region", start - 25 * HOUR),
    unrelated: await post("SVC-SEARCH", "deploy", "Search v9", start - 30 * MINUTE),
    secondLevel: await post("SVC-AUTH", "deploy", "Auth v4", start - HOUR),
    dependent: await post("SVC-GATEWAY", "config", "Gateway keepalive", start - HOUR),
  };
  return { org: o, ic, outsider, ref: incident.body.ref as string, start, changes };
}

// ─── POST /api/v1/changes ──────────────────────────────────────────────────

describe("POST /api/v1/changes", () => {
  it("records a CI/CD automation token's change as automation, with an audit record and no timeline entry", async () => {
    const entriesBefore = await testDb().timelineEntry.count({ where: { incident: { orgId: org.id } } });
    const before = Date.now();
    const res = await postChange(bot.token, { service: "svc-checkout", version: "v2.1.0", link: "https://ci.example.com/runs/981" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      service: { key: "SVC-CHECKOUT" },
      kind: "deploy",
      summary: "Checkout v2.1.0",
      version: "v2.1.0",
      link: "https://ci.example.com/runs/981",
      actorKind: "automation",
      author: { handle: bot.handle },
    });
    // `at` defaults to now.
    expect(Date.parse(res.body.at)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(res.body.at)).toBeLessThanOrEqual(Date.now() + 1000);

    const row = await testDb().change.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row).toMatchObject({ orgId: org.id, actorKind: "automation", authorId: bot.id, version: "v2.1.0" });
    const audit = await testDb().auditLog.findFirst({ where: { orgId: org.id, action: "change.create", targetId: res.body.id } });
    expect(audit).toMatchObject({ actorId: bot.id, actorKind: "automation" });
    expect(await testDb().timelineEntry.count({ where: { incident: { orgId: org.id } } })).toBe(entriesBefore);
  });

  it("records a person's change as human, at the time given", async () => {
    const at = iso(Date.now() - 3 * HOUR);
    const res = await postChange(responder.token, { kind: "config", summary: "Raise pool size", at });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: "config", at, actorKind: "human", author: { handle: responder.handle }, version: null, link: null });
  });

  it("refuses a viewer (403) and writes nothing", async () => {
    const before = await countChanges(org.id);
    const res = await postChange(viewer.token, {});
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
    expect(await countChanges(org.id)).toBe(before);
  });

  it("answers 401 without credentials", async () => {
    expect((await api("POST", "/api/v1/changes", { body: { service: "SVC-CHECKOUT", kind: "deploy", summary: "x" } })).status).toBe(401);
    expect((await api("GET", "/api/v1/changes")).status).toBe(401);
  });

  const bad: [string, { body?: unknown; rawBody?: string; headers?: Record<string, string> }, string][] = [
    ["missing service", { body: { kind: "deploy", summary: "x" } }, "service"],
    ["unknown kind", { body: { service: "SVC-CHECKOUT", kind: "rollout", summary: "x" } }, "kind"],
    ["blank summary", { body: { service: "SVC-CHECKOUT", kind: "deploy", summary: "  " } }, "summary"],
    ["summary over 500 characters", { body: { service: "SVC-CHECKOUT", kind: "deploy", summary: "x".repeat(501) } }, "summary"],
    ["at not a date-time", { body: { service: "SVC-CHECKOUT", kind: "deploy", summary: "x", at: "yesterday" } }, "at"],
    ["at 10 minutes in the future", { body: { service: "SVC-CHECKOUT", kind: "deploy", summary: "x", at: iso(Date.now() + 10 * MINUTE) } }, "at"],
    ["javascript: link", { body: { service: "SVC-CHECKOUT", kind: "deploy", summary: "x", link: "javascript:alert(1)" } }, "link"],
    ["version over 100 characters", { body: { service: "SVC-CHECKOUT", kind: "deploy", summary: "x", version: "v".repeat(101) } }, "version"],
    ["unknown field", { body: { service: "SVC-CHECKOUT", kind: "deploy", summary: "x", env: "prod" } }, "body"],
    ["not JSON", { rawBody: "{service:", headers: { "content-type": "application/json" } }, "body"],
  ];
  it.each(bad)("answers 400 with the field for %s, writing nothing", async (_name, request, field) => {
    const before = await countChanges(org.id);
    const res = await api("POST", "/api/v1/changes", { token: responder.token, ...request });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_input");
    expect(Object.keys(res.body.error.fields)).toContain(field);
    expect(await countChanges(org.id)).toBe(before);
  });

  it("answers 400 for an unknown service, or another organization's, writing nothing", async () => {
    const other = await createOrg();
    const theirs = await other.service("SVC-THEIRS");
    const before = await countChanges(org.id);
    for (const service of ["SVC-NOPE", "SVC-THEIRS", theirs.id]) {
      const res = await postChange(responder.token, { service });
      expect(res.status).toBe(400);
      expect(res.body.error.fields.service).toContain(service);
    }
    expect(await countChanges(org.id)).toBe(before);
    expect(await countChanges(other.id)).toBe(0);
  });

  it("accepts a service id as well as a key", async () => {
    const svc = await org.service("SVC-BY-ID");
    const res = await postChange(responder.token, { service: svc.id });
    expect(res.status).toBe(201);
    expect(res.body.service).toEqual({ id: svc.id, key: "SVC-BY-ID", name: "SVC-BY-ID" });
  });

  it("replays the first result for a repeated Idempotency-Key and records one change", async () => {
    const before = await countChanges(org.id);
    const first = await postChange(bot.token, { summary: "Deploy 77" }, { "idempotency-key": "pipeline-77" });
    const again = await postChange(bot.token, { summary: "Deploy 77" }, { "idempotency-key": "pipeline-77" });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await countChanges(org.id)).toBe(before + 1);
    // The same key from concurrent retries still records one.
    const race = await Promise.all(Array.from({ length: 4 }, () => postChange(bot.token, { summary: "Deploy 78" }, { "idempotency-key": "pipeline-78" })));
    expect(new Set(race.map((r) => r.body.id)).size).toBe(1);
    expect(await countChanges(org.id)).toBe(before + 2);
  });
});

// ─── GET /api/v1/changes ───────────────────────────────────────────────────

describe("GET /api/v1/changes", () => {
  it("lists newest first, filters by service and time (inclusive), pages with a cursor, for any role", async () => {
    const o = await createOrg();
    const [ic, reader] = await Promise.all([o.user("responder"), o.user("viewer")]);
    await Promise.all([o.service("SVC-A"), o.service("SVC-B")]);
    const t0 = Date.now() - 10 * HOUR;
    const made: Record<string, string> = {};
    for (const [name, service, offset] of [
      ["a1", "SVC-A", 0],
      ["b1", "SVC-B", HOUR],
      ["a2", "SVC-A", 2 * HOUR],
      ["a3", "SVC-A", 3 * HOUR],
      ["a3twin", "SVC-A", 3 * HOUR], // same instant: the cursor must not skip or repeat it
      ["b2", "SVC-B", 4 * HOUR],
    ] as const) {
      const res = await postChange(ic.token, { service, summary: name, at: iso(t0 + offset) });
      expect(res.status).toBe(201);
      made[name] = res.body.id;
    }
    // Another organization's change never shows.
    const other = await createOrg();
    await other.service("SVC-A");
    expect((await postChange((await other.user("responder")).token, { service: "SVC-A", summary: "theirs", at: iso(t0 + HOUR) })).status).toBe(201);

    const summaries = (res: { body: { items: { summary: string }[] } }) => res.body.items.map((c) => c.summary);
    const all = await api("GET", "/api/v1/changes", { token: reader.token });
    expect(all.status).toBe(200);
    expect(summaries(all).slice(0, 2)).toEqual(["b2", expect.stringMatching(/^a3/)]);
    expect(summaries(all).sort()).toEqual(["a1", "a2", "a3", "a3twin", "b1", "b2"]);
    expect(all.body.nextCursor).toBeNull();

    const onlyA = await api("GET", "/api/v1/changes?service=svc-a", { token: reader.token });
    expect(summaries(onlyA).filter((s) => !s.startsWith("a3"))).toEqual(["a2", "a1"]);
    expect(onlyA.body.items).toHaveLength(4);

    const between = await api("GET", `/api/v1/changes?since=${encodeURIComponent(iso(t0 + HOUR))}&until=${encodeURIComponent(iso(t0 + 2 * HOUR))}`, { token: reader.token });
    expect(summaries(between)).toEqual(["a2", "b1"]);

    // Page through one at a time: every change once, newest first.
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; body: { items: { id: string; at: string }[]; nextCursor: string | null } } = await api(
        "GET",
        `/api/v1/changes?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        { token: reader.token },
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.body.items.map((c) => c.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(seen).toHaveLength(6);
    expect(new Set(seen)).toEqual(new Set(Object.values(made)));
    expect(seen[0]).toBe(made.b2);
    expect(seen[5]).toBe(made.a1);

    const two = await api("GET", "/api/v1/changes?limit=2", { token: reader.token });
    expect(two.body.items).toHaveLength(2);
    expect(two.body.nextCursor).toEqual(expect.any(String));
  });

  it("answers 400 for bad filters", async () => {
    const res = await api("GET", "/api/v1/changes?since=last-week&limit=500&cursor=nope", { token: viewer.token });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(expect.arrayContaining(["since", "limit", "cursor"]));
    const unknown = await api("GET", "/api/v1/changes?service=SVC-NOPE", { token: viewer.token });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toHaveProperty("service");
    const backwards = await api("GET", `/api/v1/changes?since=${iso(Date.now())}&until=${iso(Date.now() - HOUR)}`, { token: viewer.token });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.fields).toHaveProperty("until");
  });
});

// ─── GET /api/v1/incidents/{ref}/changes ───────────────────────────────────

describe("GET /api/v1/incidents/{ref}/changes", () => {
  it("lists its services' and their dependencies' changes in the window, newest first, and nothing else", async () => {
    const w = await incidentWorld();
    const res = await api("GET", `/api/v1/incidents/${w.ref}/changes`, { token: w.ic.token });
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([w.changes.during.id, w.changes.beforeStart.id, w.changes.dependency.id]);
    expect(res.body.items.map((c: { relation: string }) => c.relation)).toEqual(["affected", "affected", "dependency"]);
    expect(res.body.items.every((c: { suspected: boolean }) => c.suspected === false)).toBe(true);
    expect(res.body.items[1]).toMatchObject({ service: { key: "SVC-CHECKOUT" }, kind: "flag", link: "https://flags.example.com/42" });
    expect(res.body.services).toEqual([
      { key: "SVC-CHECKOUT", name: "SVC-CHECKOUT", relation: "affected" },
      { key: "SVC-PAYMENTS", name: "SVC-PAYMENTS", relation: "dependency" },
    ]);
    expect(res.body.window.start).toBe(iso(w.start));
    expect(res.body.window.from).toBe(iso(w.start - 24 * HOUR));
    expect(res.body.window.hours).toBe(24);
    expect(Date.parse(res.body.window.until)).toBeGreaterThan(Date.now());
    expect(res.body.nextCursor).toBeNull();
  });

  it("looks further back with ?hours=, pages with a cursor, and refuses bad parameters", async () => {
    const w = await incidentWorld();
    const wide = await api("GET", `/api/v1/incidents/${w.ref}/changes?hours=48`, { token: w.ic.token });
    expect(wide.body.items.map((c: { id: string }) => c.id)).toEqual([w.changes.during.id, w.changes.beforeStart.id, w.changes.dependency.id, w.changes.tooEarly.id]);

    const first = await api("GET", `/api/v1/incidents/${w.ref}/changes?limit=2`, { token: w.ic.token });
    expect(first.body.items.map((c: { id: string }) => c.id)).toEqual([w.changes.during.id, w.changes.beforeStart.id]);
    const second = await api("GET", `/api/v1/incidents/${w.ref}/changes?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`, { token: w.ic.token });
    expect(second.body.items.map((c: { id: string }) => c.id)).toEqual([w.changes.dependency.id]);
    expect(second.body.nextCursor).toBeNull();

    const bad = await api("GET", `/api/v1/incidents/${w.ref}/changes?hours=0&cursor=zzz`, { token: w.ic.token });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(["hours", "cursor"]));
  });

  it("is a 404 for an unknown incident and a 401 without credentials", async () => {
    expect((await api("GET", "/api/v1/incidents/INC-999999/changes", { token: viewer.token })).status).toBe(404);
    expect((await api("GET", "/api/v1/incidents/INC-1/changes")).status).toBe(401);
  });
});

// ─── POST /api/v1/incidents/{ref}/suspects ─────────────────────────────────

describe("POST /api/v1/incidents/{ref}/suspects", () => {
  it("appends exactly one change_suspected entry with the next seq and the change's fields", async () => {
    const w = await incidentWorld();
    const before = await incidentRow(w.org.id, w.ref);
    const change = await testDb().change.findUniqueOrThrow({ where: { id: w.changes.beforeStart.id } });

    const res = await api("POST", `/api/v1/incidents/${w.ref}/suspects`, { token: w.ic.token, body: { changeId: change.id } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ seq: before.lastSeq + 1, kind: "change_suspected", author: { handle: w.ic.handle }, actorKind: "human" });
    expect(res.body.data).toEqual({
      changeId: change.id,
      service: "SVC-CHECKOUT",
      kind: "flag",
      summary: "new-address-form to 50%",
      at: change.at.toISOString(),
      link: "https://flags.example.com/42",
      version: null,
    });

    const after = await incidentRow(w.org.id, w.ref);
    expect(after.lastSeq).toBe(before.lastSeq + 1);
    const timeline = await api("GET", `/api/v1/incidents/${w.ref}/timeline?after=${before.lastSeq}`, { token: w.ic.token });
    expect(timeline.body.items).toHaveLength(1);
    expect(timeline.body.items[0]).toMatchObject({ seq: before.lastSeq + 1, kind: "change_suspected", data: res.body.data });
    const audit = await testDb().auditLog.findFirst({ where: { action: "incident.suspect_change", targetId: after.id } });
    expect(audit?.data).toMatchObject({ seq: before.lastSeq + 1, changeId: change.id });

    // The incident's list now flags it, and only it.
    const list = await api("GET", `/api/v1/incidents/${w.ref}/changes`, { token: w.ic.token });
    expect(list.body.items.filter((c: { suspected: boolean }) => c.suspected).map((c: { id: string }) => c.id)).toEqual([change.id]);
  });

  it("answers 409 for the same change twice and writes nothing, also under concurrency", async () => {
    const w = await incidentWorld();
    const { id } = await incidentRow(w.org.id, w.ref);
    const first = await api("POST", `/api/v1/incidents/${w.ref}/suspects`, { token: w.ic.token, body: { changeId: w.changes.during.id } });
    expect(first.status).toBe(201);
    const lastSeq = (await incidentRow(w.org.id, w.ref)).lastSeq;

    const again = await api("POST", `/api/v1/incidents/${w.ref}/suspects`, { token: w.ic.token, body: { changeId: w.changes.during.id } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("conflict");
    expect(await countSuspects(id)).toBe(1);
    expect((await incidentRow(w.org.id, w.ref)).lastSeq).toBe(lastSeq);

    const race = await Promise.all(
      Array.from({ length: 4 }, () => api("POST", `/api/v1/incidents/${w.ref}/suspects`, { token: w.ic.token, body: { changeId: w.changes.dependency.id } })),
    );
    expect(race.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(await countSuspects(id)).toBe(2);
    expect((await incidentRow(w.org.id, w.ref)).lastSeq).toBe(lastSeq + 1);
  });

  it("replays a repeated Idempotency-Key instead of answering 409", async () => {
    const w = await incidentWorld();
    const { id } = await incidentRow(w.org.id, w.ref);
    const send = () =>
      api("POST", `/api/v1/incidents/${w.ref}/suspects`, { token: w.ic.token, body: { changeId: w.changes.dependency.id }, headers: { "idempotency-key": "suspect-1" } });
    const first = await send();
    const again = await send();
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
    expect(await countSuspects(id)).toBe(1);
  });

  it("refuses an unknown change, another organization's change and bad input with 400, writing nothing", async () => {
    const w = await incidentWorld();
    const { id, lastSeq } = await incidentRow(w.org.id, w.ref);
    const theirs = await postChange(bot.token, { summary: "Not theirs to suspect" });
    expect(theirs.status).toBe(201);
    for (const body of [{ changeId: "nope" }, { changeId: theirs.body.id }]) {
      const res = await api("POST", `/api/v1/incidents/${w.ref}/suspects`, { token: w.ic.token, body });
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toHaveProperty("changeId");
    }
    for (const body of [{}, { changeId: "" }, { changeId: w.changes.during.id, extra: 1 }]) {
      const res = await api("POST", `/api/v1/incidents/${w.ref}/suspects`, { token: w.ic.token, body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("invalid_input");
    }
    expect(await countSuspects(id)).toBe(0);
    expect((await incidentRow(w.org.id, w.ref)).lastSeq).toBe(lastSeq);
  });

  it("refuses a viewer with 403 and an automation token's suspect is recorded as automation", async () => {
    const w = await incidentWorld();
    const reader = await w.org.user("viewer");
    const denied = await api("POST", `/api/v1/incidents/${w.ref}/suspects`, { token: reader.token, body: { changeId: w.changes.during.id } });
    expect(denied.status).toBe(403);
    const robot = await w.org.user("responder", { automation: true });
    const res = await api("POST", `/api/v1/incidents/${w.ref}/suspects`, { token: robot.token, body: { changeId: w.changes.during.id } });
    expect(res.status).toBe(201);
    expect(res.body.actorKind).toBe("automation");
    expect(await countSuspects((await incidentRow(w.org.id, w.ref)).id)).toBe(1);
  });
});

// ─── Private incidents ─────────────────────────────────────────────────────

describe("private incidents", () => {
  it("are a 404 for non-members on both routes (nothing written), and work for members", async () => {
    const o = await createOrg();
    const [member, outsider, admin, reader] = await Promise.all([o.user("responder"), o.user("responder"), o.user("admin"), o.user("viewer")]);
    await o.service("SVC-AUTH");
    const secret = await declare(member.token, { title: "Suspicious admin sign-ins", private: true, services: ["SVC-AUTH"], startedAt: iso(Date.now() - HOUR) });
    expect(secret.status).toBe(201);
    const change = await postChange(member.token, { service: "SVC-AUTH", kind: "config", summary: "MFA grace period 0", at: iso(Date.now() - 2 * HOUR) });
    expect(change.status).toBe(201);
    const { id } = await incidentRow(o.id, secret.body.ref);

    for (const who of [outsider, admin, reader]) {
      const read = await api("GET", `/api/v1/incidents/${secret.body.ref}/changes`, { token: who.token });
      expect(read.status).toBe(404);
      expect(read.body.error.code).toBe("not_found");
      const write = await api("POST", `/api/v1/incidents/${secret.body.ref}/suspects`, { token: who.token, body: { changeId: change.body.id } });
      // A viewer is refused for the role before the incident is looked up, as on every write route.
      expect(write.status).toBe(who === reader ? 403 : 404);
    }
    expect(await countSuspects(id)).toBe(0);

    const mine = await api("GET", `/api/v1/incidents/${secret.body.ref}/changes`, { token: member.token });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([change.body.id]);
    expect((await api("POST", `/api/v1/incidents/${secret.body.ref}/suspects`, { token: member.token, body: { changeId: change.body.id } })).status).toBe(201);
  });
});

// ─── Demo data and contract ────────────────────────────────────────────────

describe("demo data and contract", () => {
  it("gives the demo's live incident INC-6 at least two changes in its window", async () => {
    const acme = await testDb().organization.findUnique({ where: { slug: "acme" } });
    expect(acme, "the integration server seeds the demo organization").not.toBeNull();
    const ic = await testDb().user.findUniqueOrThrow({ where: { email: "ic@example.com" } });
    const { token, hash, prefix } = generateToken();
    await testDb().apiToken.create({ data: { orgId: acme!.id, userId: ic.id, name: "changes-test", tokenHash: hash, prefix } });
    const res = await api("GET", "/api/v1/incidents/INC-6/changes", { token });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(2);
    expect(res.body.items.map((c: { summary: string }) => c.summary)).toContain("Raise indexer batch size from 500 to 5000");
  });

  it("documents the endpoints in the OpenAPI document", async () => {
    const doc = await api("GET", "/api/v1/openapi.json");
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(["/api/v1/changes", "/api/v1/incidents/{ref}/changes", "/api/v1/incidents/{ref}/suspects"]));
    expect(doc.body.components.schemas.ChangeCreate.properties.kind.enum).toEqual(["deploy", "config", "flag", "migration", "other"]);
    expect(doc.body.components.schemas.ChangeCreate.required).toEqual(["service", "kind", "summary"]);
    expect(doc.body.components.schemas.SuspectCreate.required).toEqual(["changeId"]);
  });
});
