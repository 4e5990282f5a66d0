// What a trial run found (issue 13), each class with the test that failed before
// its fix: closing, resolution criteria on the server, automation never naming a
// commander, hostile input never a 5xx, Idempotency-Key bound to its request, and
// private answers never cached. Real server, real Postgres.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_CRITERIA, api, baseUrl, createOrg, declare, testDb, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let ic: TestUser;
let other: TestUser;
let viewer: TestUser;
let bot: TestUser;

beforeAll(async () => {
  org = await createOrg();
  [ic, other, viewer, bot] = await Promise.all([org.user("responder"), org.user("responder"), org.user("viewer"), org.user("responder", { automation: true })]);
});

afterAll(async () => {
  await testDb().$disconnect();
});

const lastSeq = async (ref: string) => (await testDb().incident.findFirstOrThrow({ where: { orgId: org.id, number: Number(ref.slice(4)) } })).lastSeq;
const auditCount = () => testDb().auditLog.count({ where: { orgId: org.id } });
const timeline = async (ref: string) => (await api("GET", `/api/v1/incidents/${ref}/timeline`, { token: ic.token })).body.items as { kind: string; data: Record<string, unknown> }[];

async function newIncident(token = ic.token, body: Record<string, unknown> = {}) {
  const res = await declare(token, body);
  expect(res.status).toBe(201);
  return res.body.ref as string;
}

describe("the whole lifecycle through the API", () => {
  it("investigating → mitigated → resolved → closed → reopened, each with its time and one timeline entry", async () => {
    const ref = await newIncident();
    const patch = (version: number, body: Record<string, unknown>) => api("PATCH", `/api/v1/incidents/${ref}`, { token: ic.token, body: { version, ...body } });

    const mitigated = await patch(1, { status: "mitigated", reason: "Rolled back" });
    expect(mitigated.status).toBe(200);
    const mitigatedAt = mitigated.body.mitigatedAt as string;
    expect(mitigated.body).toMatchObject({ status: "mitigated", mitigatedAt: expect.any(String), resolvedAt: null, closedAt: null });

    const resolved = await patch(2, { status: "resolved", reason: "Normal for 30 min", resolution: ALL_CRITERIA });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: "resolved", mitigatedAt, resolvedAt: expect.any(String), closedAt: null });
    const resolvedAt = resolved.body.resolvedAt as string;

    // Closing answered 500: the whole incident row was spread into the update.
    const closed = await patch(3, { status: "closed", reason: "Review done" });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: "closed", mitigatedAt, resolvedAt, closedAt: expect.any(String) });
    expect(new Date(closed.body.closedAt).getTime()).toBeGreaterThanOrEqual(new Date(resolvedAt).getTime());
    const stored = await testDb().incident.findFirstOrThrow({ where: { orgId: org.id, number: Number(ref.slice(4)) } });
    expect(stored.status).toBe("closed");
    expect(stored.closedAt?.toISOString()).toBe(closed.body.closedAt);

    const reopened = await patch(4, { status: "investigating", reason: "The errors are back" });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: "investigating", mitigatedAt: null, resolvedAt: null, closedAt: null });
    expect(new Date(reopened.body.nextUpdateDueAt).getTime()).toBeGreaterThan(Date.now());

    const entries = (await timeline(ref)).filter((e) => e.kind === "status_changed");
    expect(entries.map((e) => [e.data.from, e.data.to])).toEqual([
      ["investigating", "mitigated"],
      ["mitigated", "resolved"],
      ["resolved", "closed"],
      ["closed", "investigating"],
    ]);
  });
});

describe("the server enforces what the page enforces", () => {
  it("refuses resolving without every resolution criterion (400 on resolution), for people and integrations, writing nothing", async () => {
    for (const caller of [ic, bot]) {
      const ref = await newIncident(ic.token);
      const seq = await lastSeq(ref);
      const audits = await auditCount();
      for (const resolution of [undefined, {}, { ...ALL_CRITERIA, metricsNormal: false }, { servicesRestored: true }]) {
        const res = await api("PATCH", `/api/v1/incidents/${ref}`, { token: caller.token, body: { version: 1, status: "resolved", reason: "fixed", ...(resolution ? { resolution } : {}) } });
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe("invalid_input");
        expect(res.body.error.fields).toHaveProperty("resolution");
      }
      expect(await lastSeq(ref)).toBe(seq);
      expect(await auditCount()).toBe(audits);
      const ok = await api("PATCH", `/api/v1/incidents/${ref}`, { token: caller.token, body: { version: 1, status: "resolved", reason: "fixed", resolution: ALL_CRITERIA } });
      expect(ok.status).toBe(200);
    }
  });
});

describe("an automation never makes a human commander without knowing", () => {
  it("opens an automation's incident with no commander, and the no-commander nudge fires", async () => {
    const res = await declare(bot.token, { title: "Error budget burn on checkout" });
    expect(res.status).toBe(201);
    expect(res.body.roles).toEqual([]);
    expect(res.body.acknowledgedAt).toBeNull();
    const [declared] = await timeline(res.body.ref);
    expect(declared).toMatchObject({ kind: "declared", data: { commander: null } });
    const dashboard = await api("GET", "/api/v1/dashboard", { token: ic.token });
    const item = dashboard.body.active.find((i: { ref: string }) => i.ref === res.body.ref);
    expect(item.nudges.map((n: { kind: string }) => n.kind)).toContain("no_commander");
  });

  it("refuses an automation naming a commander (403) and writes nothing", async () => {
    const before = await testDb().incident.count({ where: { orgId: org.id } });
    const res = await declare(bot.token, { commander: ic.handle });
    expect(res.status).toBe(403);
    expect(await testDb().incident.count({ where: { orgId: org.id } })).toBe(before);
  });

  it("keeps a human declarer commander by default, and lets them name someone else (who becomes a member)", async () => {
    const mine = await declare(ic.token, { private: true });
    expect(mine.body.roles).toEqual([expect.objectContaining({ role: "commander", user: expect.objectContaining({ handle: ic.handle }) })]);
    const named = await declare(ic.token, { private: true, commander: other.handle });
    expect(named.status).toBe(201);
    expect(named.body.roles).toEqual([expect.objectContaining({ role: "commander", user: expect.objectContaining({ handle: other.handle }) })]);
    expect((await api("GET", `/api/v1/incidents/${named.body.ref}`, { token: other.token })).status).toBe(200);
    const refused = await declare(ic.token, { commander: viewer.handle });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toHaveProperty("commander");
    const nobody = await declare(ic.token, { commander: "nobody-here" });
    expect(nobody.status).toBe(400);
    expect(nobody.body.error.fields).toHaveProperty("commander");
  });
});

describe("no 5xx from any input", () => {
  const expectError = (res: { status: number; body: any }, status: number, field?: string) => {
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    if (field) expect(res.body.error.fields).toHaveProperty(field);
  };

  it("refuses NUL and lone surrogates in any text field, naming the field, writing nothing", async () => {
    const ref = await newIncident();
    const seq = await lastSeq(ref);
    expectError(await declare(ic.token, { title: "bad\u0000title" }), 400, "title");
    expectError(await declare(ic.token, { title: "x", summary: "half \ud800 a pair" }), 400, "summary");
    expectError(await declare(ic.token, { title: "x", blastRadius: "\udc00" }), 400, "blastRadius");
    expectError(await api("POST", `/api/v1/incidents/${ref}/timeline`, { token: ic.token, body: { body: "note \u0000" } }), 400, "body");
    expectError(await api("PATCH", `/api/v1/incidents/${ref}`, { token: ic.token, body: { version: 1, links: [{ label: "a\u0000", url: "https://x.example" }] } }), 400, "links.0.label");
    // A field the schema would strip or refuse anyway, and a hostile key.
    expectError(await api("POST", `/api/v1/incidents/${ref}/timeline`, { token: ic.token, rawBody: '{"body":"ok","\\u0000":1}', headers: { "content-type": "application/json" } }), 400);
    expect(await lastSeq(ref)).toBe(seq);
  });

  it("refuses hostile query values and out-of-range integers with 400", async () => {
    const ref = await newIncident();
    expectError(await api("GET", "/api/v1/incidents?q=%00", { token: ic.token }), 400, "q");
    // A lone surrogate cannot be percent-encoded as UTF-8: the URL parser makes it U+FFFD, harmless text.
    expect((await api("GET", "/api/v1/incidents?q=%ED%A0%80", { token: ic.token })).status).toBe(200);
    expectError(await api("GET", `/api/v1/incidents/${ref}/timeline?after=99999999999`, { token: ic.token }), 400, "after");
    expectError(await api("GET", `/api/v1/incidents/${ref}/timeline?before=2147483648`, { token: ic.token }), 400, "before");
    expectError(await api("GET", "/api/v1/incidents?cursor=99999999999", { token: ic.token }), 400, "cursor");
    expectError(await api("POST", `/api/v1/incidents/${ref}/timeline/99999999999/pin`, { token: ic.token, body: { pinned: true } }), 400, "seq");
    expectError(await api("PATCH", `/api/v1/incidents/${ref}`, { token: ic.token, body: { version: 2 ** 31, title: "x" } }), 400, "version");
    expect((await api("GET", `/api/v1/incidents/${ref}/timeline?after=2147483647`, { token: ic.token })).status).toBe(200);
  });

  it("bounds dates to the years 1970–9999", async () => {
    expectError(await declare(ic.token, { startedAt: "0000-01-01T00:00:00Z" }), 400, "startedAt");
    expectError(await declare(ic.token, { startedAt: "1969-12-31T23:59:59Z" }), 400, "startedAt");
    const ref = await newIncident();
    expectError(await api("POST", `/api/v1/incidents/${ref}/updates`, { token: ic.token, body: { condition: "c", action: "a", eta: "0000-06-01T00:00:00Z" } }), 400, "eta");
    expectError(await api("GET", "/api/v1/changes?since=0000-01-01T00:00:00Z", { token: ic.token }), 400, "since");
    expect((await declare(ic.token, { startedAt: "2026-12-01T01:00:00Z" })).status).toBe(201);
  });

  it("answers a request whose line and headers pass 16 KiB with 431 in the error shape (Node refuses it before any route)", async () => {
    const res = await api("GET", `/api/v1/incidents?q=${"x".repeat(20_000)}`, { token: ic.token });
    expectError(res, 431);
    expect(res.body.error.code).toBe("headers_too_large");
  });

  it("answers a path that cannot be decoded with 400 in the error shape, on API routes and pages alike", async () => {
    for (const path of ["/api/v1/incidents/%ZZ", "/api/v1/incidents/INC-1/timeline%E0%A4%A", "/share/%ZZ", "/incidents/%ZZ", "/api/v1/services/%00"]) {
      const res = await api("GET", path, { token: ic.token });
      expectError(res, 400, "path");
    }
  });
});

describe("Idempotency-Key binds to its request", () => {
  it("answers 422 idempotency_key_reused for the same key with another body, writing nothing", async () => {
    const ref = await newIncident();
    const key = { "idempotency-key": `note-${ref}` };
    const first = await api("POST", `/api/v1/incidents/${ref}/timeline`, { token: ic.token, body: { body: "first" }, headers: key });
    expect(first.status).toBe(201);
    const seq = await lastSeq(ref);
    const audits = await auditCount();
    const second = await api("POST", `/api/v1/incidents/${ref}/timeline`, { token: ic.token, body: { body: "second" }, headers: key });
    expect(second.status).toBe(422);
    expect(second.body.error.code).toBe("idempotency_key_reused");
    expect(await lastSeq(ref)).toBe(seq);
    expect(await auditCount()).toBe(audits);
    // The same request again, keys in another order, replays the first answer.
    const declared = await declare(ic.token, { title: "Same", severity: "SEV3" }, { "idempotency-key": `declare-${ref}` });
    const again = await api("POST", "/api/v1/incidents", { token: ic.token, rawBody: '{"severity":"SEV3","title":"Same"}', headers: { "content-type": "application/json", "idempotency-key": `declare-${ref}` } });
    expect(again.status).toBe(201);
    expect(again.body.ref).toBe(declared.body.ref);
  });
});

describe("private data is never cached", () => {
  it("sends Cache-Control: private, no-store on authenticated API answers, errors included", async () => {
    const ref = await newIncident();
    for (const res of [
      await api("GET", `/api/v1/incidents/${ref}`, { token: ic.token }),
      await api("GET", "/api/v1/incidents", { token: ic.token }),
      await api("GET", "/api/v1/incidents/INC-999999", { token: ic.token }),
      await api("POST", `/api/v1/incidents/${ref}/timeline`, { token: ic.token, body: { body: "hello" } }),
      await api("GET", "/api/v1/incidents"),
    ]) {
      expect(res.headers.get("cache-control")).toBe("private, no-store");
    }
    // Plain http here: no HSTS.
    const page = await fetch(`${baseUrl()}/signin`);
    expect(page.headers.get("strict-transport-security")).toBeNull();
  });
});
