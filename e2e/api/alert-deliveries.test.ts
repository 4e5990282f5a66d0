// What a service's senders sent (issue 16), for the admin setting them up: the last 100 deliveries with what each did
// or why it was refused, one delivery's body as it came, and a test alert through a key's own path. Admins only; a
// private incident the admin is not on is never named.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, baseUrl, createOrg, declare, testDb, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let admin: TestUser;
let otherAdmin: TestUser;
let responder: TestUser;
let n = 0;

beforeAll(async () => {
  org = await createOrg();
  [admin, otherAdmin, responder] = await Promise.all([org.user("admin"), org.user("admin"), org.user("responder")]);
});

afterAll(async () => {
  await testDb().$disconnect();
});

async function serviceWithKey() {
  const key = `SVC-DL${++n}${Date.now().toString(36).toUpperCase()}`;
  const service = await org.service(key);
  const made = await api("POST", `/api/v1/services/${key}/integration-keys`, { token: admin.token, body: { name: `Sender ${n}` } });
  return { key, serviceId: service.id, secret: made.body.key as string, keyId: made.body.id as string };
}

const send = (path: string, secret: string, body: unknown) =>
  fetch(`${baseUrl()}${path}`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${secret}` }, body: typeof body === "string" ? body : JSON.stringify(body) });

describe("alert deliveries", () => {
  it("lists the last deliveries newest first with what each did, refused ones with why; one shows its body as it came", async () => {
    const { key, secret } = await serviceWithKey();
    expect((await send("/api/v1/alerts/generic", secret, { summary: "Queue stuck", dedup_key: "q", severity: "critical" })).status).toBe(202);
    expect((await send("/api/v1/alerts/generic", secret, { summary: "Queue stuck", dedup_key: "q", severity: "critical" })).status).toBe(202);
    expect((await send("/api/v1/alerts/alertmanager", secret, "{not json")).status).toBe(400);

    const list = await api("GET", `/api/v1/services/${key}/alert-deliveries`, { token: admin.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((d: { status: number; opened: number; repeated: number; source: string }) => [d.source, d.status, d.opened, d.repeated])).toEqual([
      ["alertmanager", 400, 0, 0],
      ["generic", 202, 0, 1],
      ["generic", 202, 1, 0],
    ]);
    expect(list.body.items[0]).toMatchObject({ error: "body: not valid JSON", bytes: 9, key: `Sender ${n}` });
    expect(list.body.items[2].incidents).toEqual([expect.stringMatching(/^INC-\d+$/)]);
    expect(list.body.items[0]).not.toHaveProperty("body");

    const one = await api("GET", `/api/v1/services/${key}/alert-deliveries/${list.body.items[2].id}`, { token: admin.token });
    expect(one.status).toBe(200);
    expect(one.body.body).toBe(JSON.stringify({ summary: "Queue stuck", dedup_key: "q", severity: "critical" }));
    expect(one.body.alertsDone).toEqual([{ identity: "q", transition: "open", action: "open", incident: list.body.items[2].incidents[0] }]);

    expect((await api("GET", `/api/v1/services/${key}/alert-deliveries`, { token: responder.token })).status).toBe(403);
    const elsewhere = await serviceWithKey();
    expect((await api("GET", `/api/v1/services/${elsewhere.key}/alert-deliveries/${list.body.items[2].id}`, { token: admin.token })).status).toBe(404);
  });

  it("keeps only the last 100 in the list", async () => {
    const { key, serviceId, keyId } = await serviceWithKey();
    await testDb().alertDelivery.createMany({
      data: Array.from({ length: 105 }, (_, i) => ({ orgId: org.id, serviceId, integrationKeyId: keyId, source: "generic", body: "{}", status: 202, receivedAt: new Date(Date.now() - (105 - i) * 1000) })),
    });
    const list = await api("GET", `/api/v1/services/${key}/alert-deliveries`, { token: admin.token });
    expect(list.body.items).toHaveLength(100);
  });

  it("never names a private incident the admin is not on", async () => {
    const { key, secret } = await serviceWithKey();
    const declared = await declare(otherAdmin.token, { title: "Private outage", severity: "SEV2", services: [key], private: true });
    expect(declared.status).toBe(201);
    // A critical alert on the service joins the open incident a person declared there.
    expect((await send("/api/v1/alerts/generic", secret, { summary: "Down", dedup_key: "p", severity: "critical" })).status).toBe(202);
    const mine = await api("GET", `/api/v1/services/${key}/alert-deliveries`, { token: otherAdmin.token });
    expect(mine.body.items[0].incidents).toEqual([declared.body.ref]);
    const theirs = await api("GET", `/api/v1/services/${key}/alert-deliveries`, { token: admin.token });
    expect(theirs.body.items[0].incidents).toEqual([]);
    const detail = await api("GET", `/api/v1/services/${key}/alert-deliveries/${theirs.body.items[0].id}`, { token: admin.token });
    expect(detail.body.alertsDone[0].incident).toBeNull();
  });

  it("the test button sends an info alert through the key's path: recorded by the defaults, shown in the deliveries", async () => {
    const { key, keyId, serviceId } = await serviceWithKey();
    const test = await api("POST", `/api/v1/services/${key}/integration-keys/${keyId}/test`, { token: admin.token });
    expect(test.status).toBe(202);
    expect(test.body).toMatchObject({ alerts: 1, opened: 1, action: "record", incidents: [] });
    const alert = await testDb().alert.findFirstOrThrow({ where: { serviceId } });
    expect(alert).toMatchObject({ severity: "info", action: "record", incidentId: null });
    expect(alert.summary).toContain(`@${admin.handle}`);
    const list = await api("GET", `/api/v1/services/${key}/alert-deliveries`, { token: admin.token });
    expect(list.body.items).toHaveLength(1);
    expect((await api("POST", `/api/v1/services/${key}/integration-keys/${keyId}/test`, { token: responder.token })).status).toBe(403);
    await api("DELETE", `/api/v1/services/${key}/integration-keys/${keyId}`, { token: admin.token });
    expect((await api("POST", `/api/v1/services/${key}/integration-keys/${keyId}/test`, { token: admin.token })).status).toBe(404);
  });
});
