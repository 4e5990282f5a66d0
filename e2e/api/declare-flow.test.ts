// The 3 AM declare flow against the real server and job queue: the declare form's
// options say who each service pages now; open incidents on the same services or
// with a similar title are offered as possible duplicates; a second incident on a
// service whose on-call was already paged notes that page instead of paging again;
// acknowledging a page joins the incident as a responder (one transaction, one
// entry the client reducer applies); one person can be paged by hand; and
// mitigating or resolving posts its CAN update in the same write.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEntries, type IncidentView } from "@/lib/domain/incident-view";
import { api, createOrg, declare, testDb, type TestOrg, type TestUser, until } from "./factories";

let org: TestOrg;
let admin: TestUser;
let oncall: TestUser;
let declarer: TestUser;
let specialist: TestUser;
let viewer: TestUser;
let outsider: TestUser;
let checkoutKey: string;
let ledgerKey: string;
let payoutsKey: string;

const view = async (ref: string, token = admin.token) => (await api<IncidentView>("GET", `/api/v1/incidents/${ref}`, { token })).body;
const entries = async (ref: string, after = 0) =>
  (await api("GET", `/api/v1/incidents/${ref}/timeline?after=${after}`, { token: admin.token })).body.items as { kind: string; seq: number; data: any }[];
const escalations = async (ref: string) => (await api("GET", `/api/v1/incidents/${ref}/pages`, { token: admin.token })).body.escalations as any[];
const myOpenPages = async (user: TestUser) => (await api("GET", "/api/v1/pages?open=true", { token: user.token })).body.items as any[];

beforeAll(async () => {
  org = await createOrg();
  [admin, oncall, declarer, specialist, viewer, outsider] = await Promise.all([
    org.user("admin"),
    org.user("responder"),
    org.user("responder"),
    org.user("responder"),
    org.user("viewer"),
    org.user("responder"),
  ]);
  const team = await api("POST", "/api/v1/teams", { token: admin.token, body: { key: "payments", name: "Payments" } });
  expect(team.status).toBe(201);
  expect((await api("POST", "/api/v1/teams/payments/members", { token: admin.token, body: { user: declarer.handle } })).status).toBeLessThan(300);
  const schedule = await api("POST", "/api/v1/schedules", {
    token: admin.token,
    body: { name: "Payments primary", timeZone: "UTC", layers: [{ start: "2026-01-01T00:00", shift: { unit: "week", count: 1 }, participants: [oncall.handle] }] },
  });
  expect(schedule.status).toBe(201);
  const policy = await api("POST", "/api/v1/escalation-policies", {
    token: admin.token,
    body: { name: "Payments", steps: [{ targets: [{ kind: "schedule", schedule: schedule.body.id }], delayMinutes: 30 }], repeat: 0 },
  });
  expect(policy.status).toBe(201);
  const payouts = await api("POST", "/api/v1/escalation-policies", {
    token: admin.token,
    body: { name: "Payouts", steps: [{ targets: [{ kind: "schedule", schedule: schedule.body.id }], delayMinutes: 30 }], repeat: 0 },
  });
  expect(payouts.status).toBe(201);
  const suffix = org.id.slice(-6).toUpperCase();
  checkoutKey = `SVC-CHECKOUT${suffix}`;
  ledgerKey = `SVC-LEDGER${suffix}`;
  payoutsKey = `SVC-PAYOUTS${suffix}`;
  for (const [key, name] of [
    [checkoutKey, `Checkout ${suffix}`],
    [ledgerKey, `Ledger ${suffix}`],
    [payoutsKey, `Payouts ${suffix}`],
  ] as const) {
    const svc = await org.service(key);
    const teamRow = await testDb().team.findFirstOrThrow({ where: { orgId: org.id, key: "payments" } });
    await testDb().service.update({ where: { id: svc.id }, data: { name, teamId: teamRow.id, escalationPolicyId: { [checkoutKey]: policy.body.id, [payoutsKey]: payouts.body.id }[key] ?? null } });
  }
});

afterAll(async () => {
  await testDb().$disconnect();
});

describe("declare options", () => {
  it("list each service with its team and who declaring on it pages now; the declarer's teams", async () => {
    const res = await api("GET", "/api/v1/incidents/declare-options", { token: declarer.token });
    expect(res.status).toBe(200);
    const byKey = Object.fromEntries(res.body.services.map((s: any) => [s.key, s]));
    expect(byKey[checkoutKey]).toMatchObject({ team: { key: "payments", name: "Payments" }, policy: "Payments", pages: [{ handle: oncall.handle }] });
    expect(byKey[ledgerKey]).toMatchObject({ team: { key: "payments" }, policy: null, pages: [] });
    expect(res.body.myTeams).toEqual(["payments"]);
  });

  it("are for people who can declare: a viewer gets 403", async () => {
    expect((await api("GET", "/api/v1/incidents/declare-options", { token: viewer.token })).status).toBe(403);
  });
});

describe("possible duplicates", () => {
  let open: string;
  let resolved: string;
  let secret: string;

  beforeAll(async () => {
    open = (await declare(admin.token, { title: "Checkout returns 502 for EU customers", services: [ledgerKey] })).body.ref;
    const r = await declare(admin.token, { title: "Checkout returns 502 for EU customers again" });
    resolved = r.body.ref;
    const v = await view(resolved);
    const patch = await api("PATCH", `/api/v1/incidents/${resolved}`, {
      token: admin.token,
      body: { version: v.version, status: "resolved", reason: "fixed", resolution: { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true } },
    });
    expect(patch.status, JSON.stringify(patch.body)).toBe(200);
    secret = (await declare(admin.token, { title: "Checkout returns 502 for EU customers (security)", private: true })).body.ref;
    await declare(admin.token, { title: "Checkout returns 502 for EU customers — game day", drill: true });
  });

  it("are open incidents with a similar title, most alike first, and never resolved ones or drills", async () => {
    const res = await api("GET", `/api/v1/incidents/similar?title=${encodeURIComponent("checkout 502 EU")}`, { token: outsider.token });
    expect(res.status).toBe(200);
    const refs = res.body.items.map((i: any) => i.ref);
    expect(refs).toContain(open);
    expect(refs).not.toContain(resolved);
    expect(res.body.items.find((i: any) => i.ref === open)).toMatchObject({ because: ["title"], status: "investigating", services: [ledgerKey] });
  });

  it("never show a private incident to someone who is not on it", async () => {
    const outside = await api("GET", `/api/v1/incidents/similar?title=${encodeURIComponent("Checkout returns 502 for EU customers")}`, { token: outsider.token });
    expect(outside.body.items.map((i: any) => i.ref)).not.toContain(secret);
    const member = await api("GET", `/api/v1/incidents/similar?title=${encodeURIComponent("Checkout returns 502 for EU customers")}`, { token: admin.token });
    expect(member.body.items.map((i: any) => i.ref)).toContain(secret);
  });

  it("include open incidents on a chosen service whatever their title", async () => {
    const res = await api("GET", `/api/v1/incidents/similar?title=zzzz&services=${ledgerKey.toLowerCase()}`, { token: declarer.token });
    expect(res.body.items).toEqual([expect.objectContaining({ ref: open, because: ["service"] })]);
  });

  it("say nothing for a title too short to compare", async () => {
    const res = await api("GET", "/api/v1/incidents/similar?title=ch", { token: declarer.token });
    expect(res.body.items).toEqual([]);
  });

  it("refuse a query that is not one, naming the field", async () => {
    const res = await api("GET", `/api/v1/incidents/similar?title=${"x".repeat(201)}`, { token: declarer.token });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(["title"]);
  });
});

describe("paging once per outage", () => {
  it("a second incident on a service whose on-call was paged notes that page and pages nobody again", async () => {
    const first = (await declare(declarer.token, { title: "Checkout down", severity: "SEV1", services: [checkoutKey] })).body.ref;
    await until("the first page", async () => (await myOpenPages(oncall)).some((p) => p.incident.ref === first));
    const second = (await declare(declarer.token, { title: "Checkout errors in US", severity: "SEV2", services: [checkoutKey] })).body.ref;
    const skipped = await until("the note of the earlier page", async () => (await entries(second)).find((e) => e.kind === "page_skipped"));
    expect(skipped.data).toMatchObject({ policy: "Payments", pagedFor: first });
    expect(skipped.data.reason).toContain(`@${oncall.handle}`);
    expect(await escalations(second)).toEqual([]);
    expect((await myOpenPages(oncall)).filter((p) => [first, second].includes(p.incident.ref)).map((p) => p.incident.ref)).toEqual([first]);
  });

  it("but pages again when the open incident is private: it is never named on another", async () => {
    const hidden = (await declare(declarer.token, { title: "Payouts fraud suspected", services: [payoutsKey], private: true })).body.ref;
    await until("the private incident's page", async () => (await myOpenPages(oncall)).some((p) => p.incident.ref === hidden));
    const next = (await declare(declarer.token, { title: "Payouts slow", services: [payoutsKey] })).body.ref;
    await until("the second page", async () => (await myOpenPages(oncall)).some((p) => p.incident.ref === next));
    expect(JSON.stringify(await entries(next))).not.toContain(hidden);
    // Out of the way of the next test: the private one is mitigated (its paging ends).
    const v = await view(hidden, declarer.token);
    expect((await api("PATCH", `/api/v1/incidents/${hidden}`, { token: declarer.token, body: { version: v.version, status: "mitigated", reason: "blocked" } })).status).toBe(200);
    const w = await view(next);
    expect((await api("PATCH", `/api/v1/incidents/${next}`, { token: declarer.token, body: { version: w.version, status: "mitigated", reason: "ok" } })).status).toBe(200);
  });
});

describe("acknowledging joins the incident", () => {
  it("as a responder, in the acknowledgement's own write; the live view follows by replay", async () => {
    const ref = (await declare(declarer.token, { title: "Payouts stuck", services: [payoutsKey, ledgerKey], private: true })).body.ref;
    // Private: until paged, the on-call cannot see it; being paged makes them a member, acknowledging a responder.
    const page = await until("the page", async () => (await myOpenPages(oncall)).find((p) => p.incident?.ref === ref));
    // The declarer and the on-call are its only members.
    // A note from the declarer is not an acknowledgement either: MTTA waits for the paged person.
    expect((await api("POST", `/api/v1/incidents/${ref}/timeline`, { token: declarer.token, body: { body: "looking" } })).status).toBe(201);
    const before = await view(ref, declarer.token);
    expect(before.responders).toEqual([]);
    expect(before.acknowledgedAt).toBeNull();

    const ack = await api("POST", `/api/v1/pages/${page.id}/acknowledge`, { token: oncall.token });
    expect(ack.status).toBe(200);
    const after = await view(ref, oncall.token);
    expect(after.responders).toEqual([{ user: { handle: oncall.handle, name: expect.any(String) }, since: ack.body.acknowledgedAt }]);
    expect(after.acknowledgedAt).toBe(ack.body.acknowledgedAt);
    const after2 = (await api("GET", `/api/v1/incidents/${ref}/timeline?after=${before.lastSeq}`, { token: declarer.token })).body.items as { kind: string; data: any }[];
    expect(after2.find((e) => e.kind === "page_acknowledged")!.data).toMatchObject({ user: oncall.handle, joined: true });
    const replayed = applyEntries(before, after2 as never);
    expect(replayed.gap).toBe(false);
    expect(replayed.view).toEqual(await view(ref, declarer.token));
  });
});

describe("paging one person by hand", () => {
  let ref: string;
  beforeAll(async () => {
    ref = (await declare(declarer.token, { title: "Replica lag on the ledger", services: [ledgerKey] })).body.ref;
  });

  it("pages them at once with the note saying why, as its own escalation", async () => {
    const send = () =>
      api("POST", `/api/v1/incidents/${ref}/pages`, { token: declarer.token, body: { user: `@${specialist.handle}`, note: "Need a DBA for replica lag" }, headers: { "Idempotency-Key": `page-${ref}` } });
    const res = await send();
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // A retry with the same key (a lost response) pages nobody twice.
    const retry = await send();
    expect(retry.status).toBe(201);
    expect(retry.body.escalations).toHaveLength(1);
    expect(res.body.escalations).toHaveLength(1);
    expect(res.body.escalations[0]).toMatchObject({ policy: `Paged by @${declarer.handle}`, status: "active" });
    expect(res.body.escalations[0].pages).toEqual([expect.objectContaining({ user: expect.objectContaining({ handle: specialist.handle }), notes: [expect.objectContaining({ body: "Need a DBA for replica lag" })] })]);
    const paged = (await entries(ref)).find((e) => e.kind === "paged")!;
    expect(paged.data.users).toEqual([specialist.handle]);
    expect((await myOpenPages(specialist)).map((p) => p.incident.ref)).toContain(ref);
  });

  it("refuses a second page to someone still being paged (409), a viewer or yourself (400 on user)", async () => {
    const again = await api("POST", `/api/v1/incidents/${ref}/pages`, { token: declarer.token, body: { user: specialist.handle } });
    expect(again.status).toBe(409);
    for (const user of [viewer.handle, declarer.handle, "nobody-here"]) {
      const res = await api("POST", `/api/v1/incidents/${ref}/pages`, { token: declarer.token, body: { user } });
      expect(res.status, user).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual(["user"]);
    }
    expect((await api("POST", `/api/v1/incidents/${ref}/pages`, { token: declarer.token, body: {} })).body.error.fields).toEqual({ user: expect.any(String) });
  });

  it("is for responders, and only while investigating", async () => {
    expect((await api("POST", `/api/v1/incidents/${ref}/pages`, { token: viewer.token, body: { user: specialist.handle } })).status).toBe(403);
    const v = await view(ref);
    const mitigated = await api("PATCH", `/api/v1/incidents/${ref}`, { token: declarer.token, body: { version: v.version, status: "mitigated", reason: "failed over" } });
    expect(mitigated.status).toBe(200);
    const res = await api("POST", `/api/v1/incidents/${ref}/pages`, { token: declarer.token, body: { user: oncall.handle } });
    expect(res.status).toBe(409);
  });
});

describe("mitigating and resolving carry their update", () => {
  const ALL = { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true };

  it("in the same write: one status entry with the update, the latest update follows, the cadence with it", async () => {
    const ref = (await declare(declarer.token, { title: "Cart totals wrong" })).body.ref;
    const start = await view(ref);
    const mitigated = await api("PATCH", `/api/v1/incidents/${ref}`, {
      token: declarer.token,
      body: { version: start.version, status: "mitigated", reason: "Feature flag off", update: { condition: "Totals are right again for new carts", action: "Turned the pricing flag off" } },
    });
    expect(mitigated.status, JSON.stringify(mitigated.body)).toBe(200);
    expect(mitigated.body.entry).toMatchObject({ kind: "status_changed", data: { to: "mitigated", update: { condition: "Totals are right again for new carts", action: "Turned the pricing flag off", need: "", audience: "internal" } } });
    let now = await view(ref);
    expect(now.lastSeq).toBe(start.lastSeq + 1);
    expect(now.latestUpdate).toMatchObject({ condition: "Totals are right again for new carts", seq: start.lastSeq + 1, author: { handle: declarer.handle } });
    expect(now.nextUpdateDueAt).not.toBeNull();

    const resolved = await api("PATCH", `/api/v1/incidents/${ref}`, {
      token: declarer.token,
      body: { version: now.version, status: "resolved", reason: "Fix deployed", resolution: ALL, update: { condition: "Resolved: totals are right for everyone", action: "Shipped the rounding fix" } },
    });
    expect(resolved.status).toBe(200);
    now = await view(ref);
    expect(now.latestUpdate).toMatchObject({ condition: "Resolved: totals are right for everyone", nextUpdateDueAt: null });
    expect(now.latestUpdateByAudience.internal).toEqual(now.latestUpdate);
    expect(now.nextUpdateDueAt).toBeNull();
    expect(applyEntries(start, (await entries(ref, start.lastSeq)) as never).view).toEqual(now);
  });

  it("only with mitigating or resolving, never with a severity move; the update's fields are named; nothing is written", async () => {
    const ref = (await declare(declarer.token, { title: "Search slow" })).body.ref;
    const v = await view(ref);
    const update = { condition: "Fine", action: "Nothing" };
    const cases: [Record<string, unknown>, string][] = [
      [{ version: v.version, title: "Search slow everywhere", update }, "update"],
      [{ version: v.version, status: "mitigated", reason: "x", severity: "SEV1", update }, "update"],
      [{ version: v.version, status: "mitigated", reason: "x", update: { condition: "", action: "a" } }, "update.condition"],
      [{ version: v.version, status: "mitigated", reason: "x", update: { condition: "c" } }, "update.action"],
    ];
    for (const [body, field] of cases) {
      const res = await api("PATCH", `/api/v1/incidents/${ref}`, { token: declarer.token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body.error.fields)).toContain(field);
    }
    const after = await view(ref);
    expect(after.lastSeq).toBe(v.lastSeq);
    expect(after.latestUpdate).toBeNull();
  });
});

describe("open for", () => {
  it("refuses an impact start in the future, naming the field, and declares nothing", async () => {
    const before = await testDb().incident.count({ where: { orgId: org.id } });
    const res = await declare(declarer.token, { title: "Clock skew", startedAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ startedAt: "The impact cannot start in the future" });
    expect(await testDb().incident.count({ where: { orgId: org.id } })).toBe(before);
    const past = await declare(declarer.token, { title: "Clock fine", startedAt: new Date(Date.now() - 600_000).toISOString() });
    expect(past.status).toBe(201);
  });
});
