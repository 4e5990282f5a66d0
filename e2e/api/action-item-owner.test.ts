// The owner of an action item from a private incident's postmortem becomes a
// member of the incident (as reviewers, role holders and workstream leads do):
// otherwise the item would be invisible to the one person who must do it. Against
// the real server: created, re-assigned, by incident ref or postmortem id; a
// public incident's membership is untouched; non-members still cannot assign.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, createOrg, declare, testDb, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let ic: TestUser;
let owner: TestUser;
let nextOwner: TestUser;
let outsider: TestUser;

const ALL_CRITERIA = { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true };

beforeAll(async () => {
  org = await createOrg();
  [ic, owner, nextOwner, outsider] = await Promise.all([org.user("responder"), org.user("responder"), org.user("responder"), org.user("responder")]);
});

afterAll(async () => {
  await testDb().$disconnect();
});

async function reviewedIncident(body: Record<string, unknown>): Promise<{ ref: string; incidentId: string; postmortemId: string }> {
  const declared = await declare(ic.token, { title: "Leaked signing key", severity: "SEV1", ...body });
  const ref = declared.body.ref as string;
  expect((await api("PATCH", `/api/v1/incidents/${ref}`, { token: ic.token, body: { version: declared.body.version, status: "resolved", reason: "rotated", resolution: ALL_CRITERIA } })).status).toBe(200);
  const pm = await api("POST", `/api/v1/incidents/${ref}/postmortem`, { token: ic.token, body: {} });
  expect(pm.status).toBe(201);
  const incident = await testDb().incident.findFirstOrThrow({ where: { orgId: org.id, number: Number(ref.slice(4)) }, select: { id: true } });
  return { ref, incidentId: incident.id, postmortemId: pm.body.id };
}

const isMember = async (incidentId: string, userId: string) =>
  (await testDb().incidentMember.findUnique({ where: { incidentId_userId: { incidentId, userId } } })) !== null;

describe("action item owners on a private incident", () => {
  it("become members when given an item, so they can see it, find it on their list and close it", async () => {
    const { ref, incidentId } = await reviewedIncident({ private: true });
    expect(await isMember(incidentId, owner.id)).toBe(false);
    expect((await api("GET", `/api/v1/incidents/${ref}`, { token: owner.token })).status).toBe(404);

    const item = await api("POST", "/api/v1/action-items", { token: ic.token, body: { title: "Move signing keys to the HSM", owner: owner.handle, dueAt: "2030-01-01", kind: "prevent", incident: ref } });
    expect(item.status, JSON.stringify(item.body)).toBe(201);
    expect(await isMember(incidentId, owner.id)).toBe(true);
    expect((await api("GET", `/api/v1/incidents/${ref}`, { token: owner.token })).status).toBe(200);
    const mine = await api("GET", "/api/v1/action-items?owner=me", { token: owner.token });
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([item.body.id]);
    const done = await api("PATCH", `/api/v1/action-items/${item.body.id}`, { token: owner.token, body: { version: 1, status: "done" } });
    expect(done.status).toBe(200);

    const audit = await testDb().auditLog.findFirst({ where: { orgId: org.id, action: "action_item.create", targetId: item.body.id } });
    expect(audit?.data).toMatchObject({ owner: owner.handle, ownerAddedAsMember: true });

    // Handing it to someone else shares the incident with them too (the previous owner stays a member).
    expect(await isMember(incidentId, nextOwner.id)).toBe(false);
    const handed = await api("PATCH", `/api/v1/action-items/${item.body.id}`, { token: owner.token, body: { version: 2, owner: nextOwner.handle } });
    expect(handed.status).toBe(200);
    expect(handed.body.owner.handle).toBe(nextOwner.handle);
    expect(await isMember(incidentId, nextOwner.id)).toBe(true);
    expect(await isMember(incidentId, owner.id)).toBe(true);
    expect((await api("GET", "/api/v1/action-items?owner=me", { token: nextOwner.token })).body.items.map((i: { id: string }) => i.id)).toEqual([item.body.id]);
    const patchAudit = await testDb().auditLog.findFirst({ where: { orgId: org.id, action: "action_item.update", targetId: item.body.id, data: { path: ["owner"], equals: nextOwner.handle } } });
    expect(patchAudit?.data).toMatchObject({ ownerAddedAsMember: true });
  });

  it("works the same through the postmortem's id, and a non-member can neither assign nor see", async () => {
    const { incidentId, postmortemId } = await reviewedIncident({ private: true });
    const refused = await api("POST", "/api/v1/action-items", { token: outsider.token, body: { title: "x", owner: outsider.handle, dueAt: "2030-01-01", kind: "detect", postmortem: postmortemId } });
    expect(refused.status).toBe(404);
    expect(await isMember(incidentId, outsider.id)).toBe(false);

    const item = await api("POST", "/api/v1/action-items", { token: ic.token, body: { title: "Alert on key use outside CI", owner: owner.email, dueAt: "2030-01-01", kind: "detect", postmortem: postmortemId } });
    expect(item.status, JSON.stringify(item.body)).toBe(201);
    expect(item.body.postmortem).toMatchObject({ id: postmortemId, type: "incident_review" });
    expect(await isMember(incidentId, owner.id)).toBe(true);
    const listed = await api("GET", `/api/v1/action-items?postmortem=${postmortemId}`, { token: owner.token });
    expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual([item.body.id]);
    expect((await api("GET", `/api/v1/action-items?postmortem=${postmortemId}`, { token: outsider.token })).body.items).toEqual([]);

    const both = await api("POST", "/api/v1/action-items", { token: ic.token, body: { title: "x", owner: owner.handle, dueAt: "2030-01-01", kind: "detect", postmortem: postmortemId, incident: "INC-1" } });
    expect(both.status).toBe(400);
    expect(both.body.error.fields).toHaveProperty("postmortem");
  });

  it("leave a public incident's member list alone", async () => {
    const { ref, incidentId } = await reviewedIncident({});
    const before = await testDb().incidentMember.count({ where: { incidentId } });
    const item = await api("POST", "/api/v1/action-items", { token: ic.token, body: { title: "Add a canary", owner: outsider.handle, dueAt: "2030-01-01", kind: "prevent", incident: ref } });
    expect(item.status).toBe(201);
    expect(await testDb().incidentMember.count({ where: { incidentId } })).toBe(before);
    expect(await isMember(incidentId, outsider.id)).toBe(false);
  });
});
