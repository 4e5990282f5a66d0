// Owners see their action items on the war room (GET /api/v1/dashboard
// `myActionItems`: open and in progress, mine only, overdue first) and the
// review nudges (`reviewNudges`: my overdue items; SEV0/1 reviews without a
// "prevent" item), against the real server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, createOrg, declare, testDb, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let owner: TestUser;
let other: TestUser;

beforeAll(async () => {
  org = await createOrg();
  [owner, other] = await Promise.all([org.user("responder"), org.user("responder")]);
});

afterAll(async () => {
  await testDb().$disconnect();
});

const ALL_CRITERIA = { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true };
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString();

async function reviewed(severity: string): Promise<string> {
  const declared = await declare(owner.token, { title: `${severity} review`, severity });
  const ref = declared.body.ref as string;
  const resolved = await api("PATCH", `/api/v1/incidents/${ref}`, { token: owner.token, body: { version: declared.body.version, status: "resolved", reason: "ok", resolution: ALL_CRITERIA } });
  expect(resolved.status).toBe(200);
  expect((await api("POST", `/api/v1/incidents/${ref}/postmortem`, { token: owner.token, body: {} })).status).toBe(201);
  return ref;
}

async function item(token: string, body: Record<string, unknown>) {
  const res = await api("POST", "/api/v1/action-items", { token, body: { kind: "detect", ...body } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number };
}

describe("my action items on the war room", () => {
  it("lists my open and in-progress items, overdue first, with nudges for overdue items and a SEV1 review without a prevent item", async () => {
    const sev1 = await reviewed("SEV1");
    const sev3 = await reviewed("SEV3");
    const future = await item(owner.token, { title: "Due next week", owner: owner.handle, dueAt: day(7), incident: sev1 });
    const late = await item(owner.token, { title: "Two days late", owner: owner.handle, dueAt: day(-2), incident: sev1 });
    const veryLate = await item(owner.token, { title: "Ten days late", owner: owner.handle, dueAt: day(-10), incident: sev3 });
    const started = await api("PATCH", `/api/v1/action-items/${veryLate.id}`, { token: owner.token, body: { version: veryLate.version, status: "in_progress" } });
    expect(started.status).toBe(200);
    const done = await item(owner.token, { title: "Already done", owner: owner.handle, dueAt: day(-5) });
    expect((await api("PATCH", `/api/v1/action-items/${done.id}`, { token: owner.token, body: { version: done.version, status: "done" } })).status).toBe(200);
    await item(owner.token, { title: "Someone else's", owner: other.handle, dueAt: day(-3), incident: sev1 });

    const dash = await api("GET", "/api/v1/dashboard", { token: owner.token });
    expect(dash.status).toBe(200);
    expect(dash.body.myActionItems.map((i: { title: string; overdue: boolean; status: string }) => [i.title, i.overdue, i.status])).toEqual([
      ["Ten days late", true, "in_progress"],
      ["Two days late", true, "open"],
      ["Due next week", false, "open"],
    ]);
    expect(dash.body.myActionItems[1]).toMatchObject({ id: late.id, incident: { ref: sev1 }, owner: { handle: owner.handle } });
    expect(dash.body.myActionItems[2].id).toBe(future.id);

    const kinds = dash.body.reviewNudges.map((n: { key: string; level: string }) => [n.key, n.level]);
    expect(kinds).toEqual([
      [`action_item_overdue:${veryLate.id}`, "critical"],
      [`action_item_overdue:${late.id}`, "warning"],
      [`missing_prevent_item:${sev1}`, "warning"],
    ]);

    // The other person sees only what they owe; a prevent item clears the SEV1 nudge for everyone.
    const theirs = await api("GET", "/api/v1/dashboard", { token: other.token });
    expect(theirs.body.myActionItems.map((i: { title: string }) => i.title)).toEqual(["Someone else's"]);
    await item(other.token, { title: "Chain check in the pipeline", owner: other.handle, dueAt: day(14), kind: "prevent", incident: sev1 });
    const after = await api("GET", "/api/v1/dashboard", { token: owner.token });
    expect(after.body.reviewNudges.map((n: { kind: string }) => n.kind)).toEqual(["action_item_overdue", "action_item_overdue"]);
  });

  it("hides a private incident's review nudges from a non-member; giving them an item makes them a member, so they see it", async () => {
    const declared = await declare(owner.token, { title: "Private SEV0", severity: "SEV0", private: true });
    const ref = declared.body.ref as string;
    expect((await api("PATCH", `/api/v1/incidents/${ref}`, { token: owner.token, body: { version: declared.body.version, status: "resolved", reason: "ok", resolution: ALL_CRITERIA } })).status).toBe(200);
    expect((await api("POST", `/api/v1/incidents/${ref}/postmortem`, { token: owner.token, body: {} })).status).toBe(201);
    await item(owner.token, { title: "Secret follow-up", owner: owner.handle, dueAt: day(-1), incident: ref });
    const mine = await api("GET", "/api/v1/dashboard", { token: owner.token });
    expect(mine.body.reviewNudges.map((n: { key: string }) => n.key)).toContain(`missing_prevent_item:${ref}`);
    const theirs = await api("GET", "/api/v1/dashboard", { token: other.token });
    expect(theirs.body.myActionItems.map((i: { title: string }) => i.title)).not.toContain("Secret follow-up");
    expect(JSON.stringify(theirs.body.reviewNudges)).not.toContain(ref);

    // The owner of an item must be able to see it: assigning one shares the incident with them.
    await item(owner.token, { title: "Their secret follow-up", owner: other.handle, dueAt: day(-1), incident: ref });
    const now = await api("GET", "/api/v1/dashboard", { token: other.token });
    expect(now.body.myActionItems.map((i: { title: string }) => i.title)).toContain("Their secret follow-up");
    expect(now.body.myActionItems.map((i: { title: string }) => i.title)).not.toContain("Secret follow-up");
    expect((await api("GET", `/api/v1/incidents/${ref}`, { token: other.token })).status).toBe(200);
  });
});
