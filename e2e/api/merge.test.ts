// Merging incidents (issue 16) against the real server: an outage monitoring opened (INC-A, its alert and its page)
// and the same outage a person declared (INC-B) become one: A's alerts, pages, services and people move to B, A is
// resolved as merged into B (left out of the recently-resolved lists, not to be reopened), each gets a `merged` entry,
// and A's dedup keys and alert group point at B, so the next alerts join B. Refusals name their field.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, baseUrl, createOrg, testDb, until, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let admin: TestUser;
let oncall: TestUser;
let responder: TestUser;
let viewer: TestUser;
let n = 0;

beforeAll(async () => {
  org = await createOrg();
  [admin, oncall, responder, viewer] = await Promise.all([org.user("admin"), org.user("responder"), org.user("responder"), org.user("viewer")]);
});

afterAll(async () => {
  await testDb().$disconnect();
});

const call = (method: string, path: string, user: TestUser, body?: unknown) => api(method, path, { token: user.token, body });
const amAlert = (alertname: string) => ({ status: "firing", labels: { alertname, severity: "critical" }, annotations: { summary: `${alertname} on checkout` }, startsAt: "2026-12-03T03:00:00Z", endsAt: "0001-01-01T00:00:00Z", fingerprint: `fp-${alertname}` });
const amBody = (alerts: unknown[]) => ({ version: "4", groupKey: `{}:{alertname="${n}"}`, status: "firing", receiver: "conn", groupLabels: {}, commonLabels: {}, commonAnnotations: {}, externalURL: "http://am.example", truncatedAlerts: 0, alerts });

/** INC-A opened by an alert on a paging service (its on-call paged), INC-B declared by a person on another service. */
async function twoIncidents() {
  const suffix = `${++n}${Date.now().toString(36).toUpperCase()}`;
  const policy = await call("POST", "/api/v1/escalation-policies", admin, { name: `Merge ${suffix}`, steps: [{ targets: [{ kind: "user", user: oncall.handle }], delayMinutes: 5 }] });
  expect(policy.status).toBe(201);
  const paging = await testDb().service.create({ data: { orgId: org.id, key: `SVC-MA${suffix}`, name: "Checkout", tier: 1, escalationPolicyId: policy.body.id }, select: { id: true, key: true } });
  const other = await org.service(`SVC-MB${suffix}`);
  const key = (await call("POST", `/api/v1/services/${paging.key}/integration-keys`, admin, { name: "Prometheus" })).body.key as string;
  const send = async (alerts: unknown[]) => {
    const res = await fetch(`${baseUrl()}/api/v1/alerts/alertmanager`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(amBody(alerts)) });
    expect(res.status).toBe(202);
    return (await res.json()) as { incidents: string[] };
  };
  const opened = await send([amAlert("CheckoutDown")]);
  const a = opened.incidents[0]!;
  await until("the on-call's page on A", async () => ((await call("GET", `/api/v1/pages?incident=${a}&user=all`, admin)).body.items as unknown[]).length > 0 || null, 30_000);
  const b = (await call("POST", "/api/v1/incidents", responder, { title: "Checkout failing for customers", severity: "SEV2", services: [other.key] })).body.ref as string;
  return { a, b, paging, other, send };
}

const versionOf = async (ref: string, user = admin) => (await call("GET", `/api/v1/incidents/${ref}`, user)).body.version as number;

describe("merging incidents", () => {
  it("moves A's alerts, pages, services and people to B, resolves A as merged, and the next alerts of A's keys join B", async () => {
    const { a, b, paging, send } = await twoIncidents();
    const merged = await call("POST", `/api/v1/incidents/${a}/merge`, responder, { into: b, version: await versionOf(a), reason: "same outage" });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body).toMatchObject({ ref: a, mergedInto: b, alerts: 1, pages: 1 });

    const left = (await call("GET", `/api/v1/incidents/${a}`, admin)).body;
    expect(left).toMatchObject({ status: "resolved", mergedInto: b, nextUpdateDueAt: null });
    const stays = (await call("GET", `/api/v1/incidents/${b}`, admin)).body;
    expect(stays.status).toBe("investigating");
    expect(stays.services.map((s: { key: string }) => s.key)).toContain(paging.key);
    // Each side's entry, and the live view moved by it (the reducer's `set` agrees with the snapshot).
    const last = async (ref: string) => ((await call("GET", `/api/v1/incidents/${ref}/timeline?after=0`, admin)).body.items as any[]).at(-1);
    expect(await last(a)).toMatchObject({ kind: "merged", data: { direction: "into", other: b, alerts: 1, pages: 1, reason: "same outage", set: { status: "resolved", mergedInto: b } } });
    expect(await last(b)).toMatchObject({ kind: "merged", data: { direction: "from", other: a, otherTitle: expect.any(String), alerts: 1, pages: 1 } });

    // The page and the alert are B's now; the on-call who was paged for A is on B.
    const pages = (await call("GET", `/api/v1/pages?incident=${b}&user=all`, admin)).body.items as any[];
    expect(pages.map((p) => p.user.handle)).toEqual([oncall.handle]);
    const alert = await testDb().alert.findFirstOrThrow({ where: { serviceId: paging.id } });
    expect(alert.incidentId).toBe((await testDb().incident.findFirstOrThrow({ where: { orgId: org.id, number: Number(b.slice(4)) } })).id);
    expect((await call("GET", `/api/v1/incidents/${a}/pages`, admin)).body.escalations).toEqual([]);

    // Its dedup key and its group point at B: a repeat, and a new alert of the same group, both land on B.
    expect((await send([amAlert("CheckoutDown")])).incidents).toEqual([b]);
    expect((await send([amAlert("CheckoutDown"), amAlert("CheckoutLatency")])).incidents).toEqual([b]);
    expect(await testDb().alert.count({ where: { serviceId: paging.id } })).toBe(2);

    // Not an outage of its own: left out of the recently resolved; not reopened.
    const dashboard = (await call("GET", "/api/v1/dashboard", admin)).body;
    expect(dashboard.recentlyResolved.map((i: { ref: string }) => i.ref)).not.toContain(a);
    const status = (await call("GET", "/api/v1/status", admin)).body;
    expect(JSON.stringify(status)).not.toContain(`"${a}"`);
    const reopen = await call("PATCH", `/api/v1/incidents/${a}`, admin, { version: await versionOf(a), status: "investigating", reason: "try" });
    expect(reopen.status).toBe(409);
    expect(Object.keys(reopen.body.error.fields)).toEqual(["status"]);
    const again = await call("POST", `/api/v1/incidents/${a}/merge`, responder, { into: b, version: await versionOf(a) });
    expect(again.status).toBe(409);
  });

  it("refuses a stale version (409), itself, a bad body and an unknown survivor (400/404 naming into), and a viewer (403); nothing moves", async () => {
    const { a, b } = await twoIncidents();
    const version = await versionOf(a);
    const refused = [
      [responder, { into: b, version: version + 5 }, 409, null],
      [responder, { into: a, version }, 400, "into"],
      [responder, { into: "7", version }, 400, "into"],
      [responder, { into: b }, 400, "version"],
      [responder, { into: "INC-999999", version }, 404, "into"],
      [viewer, { into: b, version }, 403, null],
    ] as const;
    for (const [user, body, code, field] of refused) {
      const res = await call("POST", `/api/v1/incidents/${a}/merge`, user, body);
      expect(res.status, JSON.stringify(body)).toBe(code);
      if (field) expect(Object.keys(res.body.error.fields ?? {}), JSON.stringify(body)).toContain(field);
    }
    expect((await call("GET", `/api/v1/incidents/${a}`, admin)).body).toMatchObject({ status: "investigating", mergedInto: null, version });
    expect((await call("GET", `/api/v1/pages?incident=${a}&user=all`, admin)).body.items).toHaveLength(1);
  });

  it("private merges only with private, and an incident the caller is not on does not exist for them", async () => {
    const hidden = (await call("POST", "/api/v1/incidents", admin, { title: "Credential leak", severity: "SEV1", private: true })).body.ref as string;
    const open = (await call("POST", "/api/v1/incidents", admin, { title: "Login errors", severity: "SEV2" })).body.ref as string;
    const intoPublic = await call("POST", `/api/v1/incidents/${hidden}/merge`, admin, { into: open, version: await versionOf(hidden) });
    expect(intoPublic.status).toBe(400);
    expect(intoPublic.body.error.fields.into).toMatch(/private/);
    // Nor a public one into a private one: its timeline would name the private incident.
    const intoPrivate = await call("POST", `/api/v1/incidents/${open}/merge`, admin, { into: hidden, version: await versionOf(open) });
    expect(intoPrivate.status).toBe(400);
    expect(intoPrivate.body.error.fields.into).toBe(`${hidden} is private: only a private incident merges into it.`);
    // A responder who is not on the private incident: neither side of a merge can be it.
    expect((await call("POST", `/api/v1/incidents/${open}/merge`, responder, { into: hidden, version: await versionOf(open) })).status).toBe(404);
    expect((await call("POST", `/api/v1/incidents/${hidden}/merge`, responder, { into: open, version: 1 })).status).toBe(404);
    // Two private ones merge; the merged one's members can see the survivor.
    const other = (await call("POST", "/api/v1/incidents", oncall, { title: "Leaked token reused", severity: "SEV1", private: true })).body.ref as string;
    const merged = await call("POST", `/api/v1/incidents/${other}/merge`, oncall, { into: hidden, version: await versionOf(other, oncall) });
    expect(merged.status).toBe(404); // oncall is not on `hidden`
    await call("PUT", `/api/v1/incidents/${hidden}/roles/sme`, admin, { user: oncall.handle });
    const now = await call("POST", `/api/v1/incidents/${other}/merge`, oncall, { into: hidden, version: await versionOf(other, oncall) });
    expect(now.status, JSON.stringify(now.body)).toBe(200);
    // The on-call sees the survivor; the admin, never on the merged one, still does not see it.
    expect((await call("GET", `/api/v1/incidents/${hidden}`, oncall)).status).toBe(200);
    expect((await call("GET", `/api/v1/incidents/${other}`, admin)).status).toBe(404);
    for (const r of [open, hidden]) {
      const cur = (await call("GET", `/api/v1/incidents/${r}`, admin)).body;
      await call("PATCH", `/api/v1/incidents/${r}`, admin, { version: cur.version, status: "resolved", reason: "test done", resolution: { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true } });
    }
  });
});
