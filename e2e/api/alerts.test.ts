// Alerts in (issue 16, step 4) against the real server: Alertmanager, Grafana and Events v2 bodies posted as their
// senders post them, authenticated by a service's integration key; the delivery is stored before the answer, alerts
// are deduplicated by identity, critical ones open one incident per outage (declared by the key, nobody in command)
// and the rest are recorded; the incident's timeline gets `alert` entries.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, baseUrl, createOrg, testDb, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let admin: TestUser;
let n = 0;

beforeAll(async () => {
  org = await createOrg();
  admin = await org.user("admin");
});

afterAll(async () => {
  await testDb().$disconnect();
});

/** A fresh service and key per test: nothing one test sends groups with another's. */
async function serviceWithKey() {
  const key = `SVC-AL${++n}${Date.now().toString(36).toUpperCase()}`;
  await testDb().service.create({ data: { orgId: org.id, key, name: `Alerting ${n}`, tier: 2 } });
  const made = await api("POST", `/api/v1/services/${key}/integration-keys`, { token: admin.token, body: { name: `Prometheus ${n}` } });
  expect(made.status).toBe(201);
  const service = await testDb().service.findFirstOrThrow({ where: { orgId: org.id, key } });
  return { key, secret: made.body.key as string, serviceId: service.id };
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl()}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, body: json, headers: res.headers };
}

const amAlert = (fingerprint: string, labels: Record<string, string>, status: "firing" | "resolved" = "firing", startsAt = "2026-12-02T03:00:00.123456789Z") => ({
  status,
  labels,
  annotations: { summary: `${labels.alertname} on ${labels.instance ?? "all"}` },
  startsAt,
  endsAt: status === "resolved" ? "2026-12-02T03:20:00Z" : "0001-01-01T00:00:00Z",
  generatorURL: "http://prometheus.example/graph",
  fingerprint,
});
const amBody = (groupKey: string, alerts: unknown[]) => ({ version: "4", groupKey, status: "firing", receiver: "conn", groupLabels: {}, commonLabels: {}, commonAnnotations: {}, externalURL: "http://am.example", truncatedAlerts: 0, alerts });

describe("alerts in", () => {
  it("refuses a missing, wrong or revoked key (401) and stores nothing", async () => {
    const { key, secret, serviceId } = await serviceWithKey();
    const body = amBody("{}:{}", [amAlert("f0", { alertname: "X", severity: "critical" })]);
    expect((await post("/api/v1/alerts/alertmanager", body)).status).toBe(401);
    expect((await post("/api/v1/alerts/alertmanager", body, { authorization: "Bearer conn_ik_nope" })).status).toBe(401);
    expect(await testDb().alertDelivery.count({ where: { serviceId } })).toBe(0);
    // Used (so the server holds it in memory), then revoked: refused at once.
    const warning = amBody("{}:{}", [amAlert("f1", { alertname: "X", severity: "warning" })]);
    expect((await post("/api/v1/alerts/alertmanager", warning, { authorization: `Bearer ${secret}` })).status).toBe(202);
    const keyRow = await testDb().integrationKey.findFirstOrThrow({ where: { serviceId } });
    await api("DELETE", `/api/v1/services/${key}/integration-keys/${keyRow.id}`, { token: admin.token });
    expect((await post("/api/v1/alerts/alertmanager", body, { authorization: `Bearer ${secret}` })).status).toBe(401);
    expect(await testDb().alertDelivery.count({ where: { serviceId } })).toBe(1);
  });

  it("an Alertmanager group with a critical alert opens one incident (no commander, the key as author), stores the body, and repeats change only a counter", async () => {
    const { secret, serviceId } = await serviceWithKey();
    const body = amBody('{}:{alertname="HighErrorRate"}', [
      amAlert("a1", { alertname: "HighErrorRate", severity: "critical", instance: "web-1" }),
      amAlert("a2", { alertname: "HighErrorRate", severity: "critical", instance: "web-2" }),
      amAlert("a3", { alertname: "DiskLow", severity: "warning", instance: "db-1" }),
    ]);
    const first = await post("/api/v1/alerts/alertmanager", body, { authorization: `Bearer ${secret}` });
    expect(first.status).toBe(202);
    expect(first.body.alerts).toBe(3);
    expect(first.body.incidents).toHaveLength(1);
    const ref = first.body.incidents[0] as string;

    const delivery = await testDb().alertDelivery.findFirstOrThrow({ where: { serviceId } });
    expect(delivery.body).toBe(JSON.stringify(body));
    expect(delivery.status).toBe(202);

    const alerts = await testDb().alert.findMany({ where: { serviceId }, orderBy: { identity: "asc" } });
    expect(alerts.map((a) => [a.identity, a.action, a.status, a.incidentId !== null])).toEqual([
      ["a1", "open", "firing", true],
      ["a2", "open", "firing", true],
      ["a3", "record", "firing", false],
    ]);
    expect(alerts[0]!.startsAt?.toISOString()).toBe("2026-12-02T03:00:00.123Z");
    expect(alerts[0]!.endsAt).toBeNull();

    const incident = await api("GET", `/api/v1/incidents/${ref}`, { token: admin.token });
    expect(incident.status).toBe(200);
    expect(incident.body).toMatchObject({ severity: "SEV2", title: "HighErrorRate on web-1" });
    expect(incident.body.roles.find((r: { role: string }) => r.role === "commander")).toBeUndefined();
    const timeline = await api("GET", `/api/v1/incidents/${ref}/timeline`, { token: admin.token });
    const kinds = timeline.body.items.map((e: { kind: string }) => e.kind);
    expect(kinds.slice(0, 2)).toEqual(["declared", "alert"]);
    const alertEntry = timeline.body.items.find((e: { kind: string }) => e.kind === "alert");
    expect(alertEntry).toMatchObject({ actorKind: "automation", author: null, data: { firing: 2, resolved: 0, via: [expect.stringMatching(/^Prometheus/)] } });

    // Alertmanager re-sends the group each group_interval: the same alerts, nothing new.
    const again = await post("/api/v1/alerts/alertmanager", body, { authorization: `Bearer ${secret}` });
    expect(again.status).toBe(202);
    expect(await testDb().alert.count({ where: { serviceId } })).toBe(3);
    expect((await testDb().alert.findFirstOrThrow({ where: { serviceId, identity: "a1" } })).occurrences).toBe(2);
    expect(await testDb().incident.count({ where: { services: { some: { serviceId } } } })).toBe(1);
    expect(await testDb().alertDelivery.count({ where: { serviceId } })).toBe(2);
  });

  it("ten copies of one delivery at once make one alert and one incident", async () => {
    const { secret, serviceId } = await serviceWithKey();
    const body = amBody('{}:{alertname="Down"}', [amAlert("c1", { alertname: "Down", severity: "critical" })]);
    const answers = await Promise.all(Array.from({ length: 10 }, () => post("/api/v1/alerts/alertmanager", body, { authorization: `Bearer ${secret}` })));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(202));
    expect(await testDb().alert.count({ where: { serviceId } })).toBe(1);
    expect((await testDb().alert.findFirstOrThrow({ where: { serviceId } })).occurrences).toBe(10);
    expect(await testDb().incident.count({ where: { services: { some: { serviceId } } } })).toBe(1);
    expect(await testDb().alertDelivery.count({ where: { serviceId } })).toBe(10);
  });

  it("a group's first alerts arriving together, as separate deliveries, make one incident", async () => {
    const { secret, serviceId } = await serviceWithKey();
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        post("/api/v1/alerts/alertmanager", amBody('{}:{alertname="Latency"}', [amAlert(`g${i}`, { alertname: "Latency", severity: "critical", instance: `web-${i}` })]), { authorization: `Bearer ${secret}` }),
      ),
    );
    expect(answers.every((a) => a.status === 202)).toBe(true);
    expect(new Set(answers.map((a) => a.body.incidents[0])).size).toBe(1);
    const alerts = await testDb().alert.findMany({ where: { serviceId } });
    expect(alerts).toHaveLength(8);
    expect(new Set(alerts.map((a) => a.incidentId)).size).toBe(1);
    expect(await testDb().incident.count({ where: { services: { some: { serviceId } } } })).toBe(1);
    // Eight deliveries within 30 s: one alert entry now, the rest gathered for one more.
    const incident = await testDb().incident.findFirstOrThrow({ where: { services: { some: { serviceId } } } });
    expect(await testDb().timelineEntry.count({ where: { incidentId: incident.id, kind: "alert" } })).toBe(1);
    const feed = await testDb().incidentAlertFeed.findUniqueOrThrow({ where: { incidentId: incident.id } });
    expect((feed.pending as { firing: number }).firing).toBe(7);
    // The durable job writes what gathered as one more entry once the 30 s are up.
    await expect
      .poll(async () => testDb().timelineEntry.findMany({ where: { incidentId: incident.id, kind: "alert" }, orderBy: { seq: "asc" }, select: { data: true } }), { timeout: 45_000, interval: 1000 })
      .toEqual([{ data: expect.objectContaining({ firing: 1 }) }, { data: expect.objectContaining({ firing: 7 }) }]);
    expect((await testDb().incidentAlertFeed.findUniqueOrThrow({ where: { incidentId: incident.id } })).pending).toBeNull();
  }, 60_000);

  it("per-alert status is the truth: a resolved alert in a firing group resolves only itself; a late copy of the episode opens nothing", async () => {
    const { secret, serviceId } = await serviceWithKey();
    const h = { authorization: `Bearer ${secret}` };
    await post("/api/v1/alerts/alertmanager", amBody("{}:{}", [amAlert("r1", { alertname: "A", severity: "critical" }), amAlert("r2", { alertname: "B", severity: "critical" })]), h);
    const mixed = await post("/api/v1/alerts/alertmanager", amBody("{}:{}", [amAlert("r1", { alertname: "A", severity: "critical" }, "resolved"), amAlert("r2", { alertname: "B", severity: "critical" })]), h);
    expect(mixed.status).toBe(202);
    const [r1, r2] = await Promise.all(["r1", "r2"].map((id) => testDb().alert.findFirstOrThrow({ where: { serviceId, identity: id } })));
    expect(r1!.status).toBe("resolved");
    expect(r1!.endsAt?.toISOString()).toBe("2026-12-02T03:20:00.000Z");
    expect(r2!.status).toBe("firing");
    // The incident stays open: alerts never resolve an incident.
    const incident = await testDb().incident.findUniqueOrThrow({ where: { id: r1!.incidentId! } });
    expect(incident.status).toBe("investigating");
  });

  it("the key may come as ?key= or as Basic auth's password; a bad body is a 400 naming the field, stored as refused", async () => {
    const { secret, serviceId } = await serviceWithKey();
    const ok = amBody("{}:{}", [amAlert("k1", { alertname: "Info", severity: "info" })]);
    expect((await post(`/api/v1/alerts/grafana?key=${encodeURIComponent(secret)}`, ok)).status).toBe(202);
    expect((await post("/api/v1/alerts/alertmanager", ok, { authorization: `Basic ${Buffer.from(`conn:${secret}`).toString("base64")}` })).status).toBe(202);
    expect((await testDb().alert.findFirstOrThrow({ where: { serviceId, identity: "k1" } })).occurrences).toBe(2);

    const bad = await post("/api/v1/alerts/alertmanager", { alerts: "none" }, { authorization: `Bearer ${secret}` });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toContain("alerts");
    const notJson = await post("/api/v1/alerts/alertmanager", "{", { authorization: `Bearer ${secret}` });
    expect(notJson.status).toBe(400);
    // Text Postgres cannot store (a NUL) is a 400 naming where it is, never a 500; the refused body is still kept.
    const nul = await post("/api/v1/alerts/alertmanager", amBody("{}:{}", [amAlert("k2", { alertname: "Nul\u0000", severity: "info" })]), { authorization: `Bearer ${secret}` });
    expect(nul.status).toBe(400);
    expect(Object.keys(nul.body.error.fields)).toEqual(["alerts.0.labels.alertname"]);
    // A raw NUL byte (no text column takes it): the body is kept with it as its escape, and refused like the one above.
    const rawNul = await post("/api/v1/alerts/alertmanager", `{"alerts":[],"x":"a\u0000b"}`, { authorization: `Bearer ${secret}` });
    expect(rawNul.status).toBe(400);
    const refused = await testDb().alertDelivery.findMany({ where: { serviceId, status: 400 }, orderBy: { receivedAt: "asc" } });
    expect(refused).toHaveLength(4);
    expect(refused[3]!.body).toBe('{"alerts":[],"x":"a\\u0000b"}');
    const eventNul = await post("/api/v1/alerts/events", { routing_key: secret, event_action: "trigger", payload: { summary: "a\u0000", source: "y", severity: "info" } });
    expect(eventNul).toMatchObject({ status: 400, body: { status: "invalid event", errors: [expect.stringContaining("payload.summary")] } });
  });

  it("a body over 5 MB is a 413 and stores nothing", async () => {
    const { secret, serviceId } = await serviceWithKey();
    const big = JSON.stringify(amBody("{}:{}", [{ ...amAlert("big", { alertname: "Big", severity: "info" }), annotations: { summary: "x".repeat(5 * 1024 * 1024) } }]));
    const res = await post("/api/v1/alerts/alertmanager", big, { authorization: `Bearer ${secret}` });
    expect(res.status).toBe(413);
    // Sent in chunks, without a Content-Length: refused too (the server keeps no more than 5 MB of it).
    const chunk = new TextEncoder().encode("x".repeat(1024 * 1024));
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const chunked = await fetch(`${baseUrl()}/api/v1/alerts/alertmanager`, { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body: endless, duplex: "half" } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await testDb().alertDelivery.count({ where: { serviceId } })).toBe(0);
  });

  it("alert answers carry the same security headers as every other response, and only POST is taken", async () => {
    const { secret } = await serviceWithKey();
    const res = await post("/api/v1/alerts/events", { routing_key: secret, event_action: "trigger", dedup_key: "headers", payload: { summary: "Headers", source: "t", severity: "info" } });
    expect(res.status).toBe(202);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-type")).toContain("application/json");
    expect((await fetch(`${baseUrl()}/api/v1/alerts/events`)).status).toBe(405);
  });

  describe("Events v2", () => {
    it("answers as PagerDuty does; trigger, repeat, acknowledge by source, resolve; unknown keys are dropped with a 202", async () => {
      const { secret, serviceId } = await serviceWithKey();
      const trigger = { routing_key: secret, event_action: "trigger", dedup_key: "disk-db-1", payload: { summary: "Disk 95% on db-1", source: "db-1", severity: "critical", timestamp: "2026-12-02T03:00:00.000+0000" } };
      const first = await post("/api/v1/alerts/events", trigger);
      expect(first).toMatchObject({ status: 202, body: { status: "success", message: "Event processed", dedup_key: "disk-db-1" } });
      expect((await post("/api/v1/alerts/events", trigger)).status).toBe(202);
      let alert = await testDb().alert.findFirstOrThrow({ where: { serviceId, identity: "disk-db-1" } });
      expect([alert.status, alert.occurrences, alert.action]).toEqual(["firing", 2, "open"]);

      expect((await post("/api/v1/alerts/events", { routing_key: secret, event_action: "acknowledge", dedup_key: "disk-db-1" })).status).toBe(202);
      alert = await testDb().alert.findUniqueOrThrow({ where: { id: alert.id } });
      expect(alert.status).toBe("acknowledged");
      expect(alert.sourceAcknowledgedAt).not.toBeNull();
      // The source's acknowledgement is not a person's: the incident's MTTA mark stays unset.
      expect((await testDb().incident.findUniqueOrThrow({ where: { id: alert.incidentId! } })).acknowledgedAt).toBeNull();

      expect((await post("/api/v1/alerts/events", { routing_key: secret, event_action: "resolve", dedup_key: "disk-db-1" })).status).toBe(202);
      expect((await testDb().alert.findUniqueOrThrow({ where: { id: alert.id } })).status).toBe("resolved");

      // The stored body never holds the key (only its hash is kept): it is masked as the key list shows it.
      const stored = await testDb().alertDelivery.findMany({ where: { serviceId } });
      expect(stored.length).toBeGreaterThan(0);
      for (const d of stored) {
        expect(d.body).not.toContain(secret);
        expect(d.body).toContain(`"routing_key":"${secret.slice(0, 12)}…"`);
      }
      const unknown = await post("/api/v1/alerts/events", { routing_key: secret, event_action: "resolve", dedup_key: "never-seen" });
      expect(unknown.status).toBe(202);
      const last = await testDb().alertDelivery.findFirstOrThrow({ where: { serviceId }, orderBy: { receivedAt: "desc" } });
      expect(last.outcome).toEqual([expect.objectContaining({ identity: "never-seen", transition: "drop" })]);
      expect(await testDb().alert.count({ where: { serviceId, identity: "never-seen" } })).toBe(0);
    });

    it("a trigger without a dedup key gets one (a UUID); a bad event is a 400 in PagerDuty's shape", async () => {
      const { secret } = await serviceWithKey();
      const res = await post("/api/v1/alerts/events", { routing_key: secret, event_action: "trigger", payload: { summary: "Warn", source: "x", severity: "warning" } });
      expect(res.status).toBe(202);
      expect(res.body.dedup_key).toMatch(/^[0-9a-f-]{36}$/);
      const bad = await post("/api/v1/alerts/events", { routing_key: secret, event_action: "trigger", payload: { summary: "x", source: "y", severity: "fatal" } });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ status: "invalid event", message: "Event object is invalid" });
      expect(bad.body.errors.join(" ")).toMatch(/severity/);
      const noKey = await post("/api/v1/alerts/events", { event_action: "trigger" });
      expect(noKey).toMatchObject({ status: 400, body: { status: "invalid event" } });
      const wrongKey = await post("/api/v1/alerts/events", { routing_key: "conn_ik_wrong", event_action: "trigger", payload: { summary: "x", source: "y", severity: "info" } });
      expect(wrongKey.status).toBe(400);
    });

    it("an event over 512 KB is a 413", async () => {
      const { secret } = await serviceWithKey();
      const res = await post("/api/v1/alerts/events", { routing_key: secret, event_action: "trigger", payload: { summary: "x", source: "y", severity: "info", custom_details: { blob: "x".repeat(600 * 1024) } } });
      expect(res.status).toBe(413);
    });
  });

  describe("PagerDuty change events", () => {
    it("a pipeline's change event is a change on the key's service, by automation, listed by /changes; answered as PagerDuty does", async () => {
      const { key, secret, serviceId } = await serviceWithKey();
      const event = JSON.parse(readFileSync("lib/domain/alerts/fixtures/events-v2-change.json", "utf8"));
      event.routing_key = secret;
      const res = await post("/api/v1/alerts/events/change", event);
      expect(res).toMatchObject({ status: 202, body: { status: "success", message: "Change event processed" } });

      const listed = await api("GET", `/api/v1/changes?service=${key}`, { token: admin.token });
      expect(listed.status).toBe(200);
      expect(listed.body.items).toEqual([
        expect.objectContaining({
          service: expect.objectContaining({ key }),
          kind: "other",
          summary: event.payload.summary,
          at: "2026-11-30T21:14:07.482Z",
          link: "https://ci.example.test/checkout/builds/418",
          version: "9f3c2e1",
          author: null,
          actorKind: "automation",
        }),
      ]);
      // A change pages nobody and opens nothing: no alert, no incident.
      expect(await testDb().alert.count({ where: { serviceId } })).toBe(0);
      // It is a delivery on the service page like any sender's, its key masked in the stored body.
      const deliveries = await api("GET", `/api/v1/services/${key}/alert-deliveries`, { token: admin.token });
      expect(deliveries.body.items).toEqual([expect.objectContaining({ source: "events_v2_change", status: 202, alerts: 0 })]);
      const stored = await testDb().alertDelivery.findFirstOrThrow({ where: { serviceId } });
      expect(stored.body).not.toContain(secret);
    });

    it("a bad change event is a 400 in PagerDuty's shape, kept with why; nothing is recorded", async () => {
      const { secret, serviceId } = await serviceWithKey();
      const noSummary = await post("/api/v1/alerts/events/change", { routing_key: secret, payload: { source: "ci" } });
      expect(noSummary).toMatchObject({ status: 400, body: { status: "invalid event", message: "Event object is invalid", errors: ["payload.summary is required"] } });
      const ahead = await post("/api/v1/alerts/events/change", { routing_key: secret, payload: { summary: "x", timestamp: new Date(Date.now() + 3_600_000).toISOString() } });
      expect(ahead).toMatchObject({ status: 400, body: { errors: ["payload.timestamp: must not be more than 5 minutes in the future"] } });
      const wrongKey = await post("/api/v1/alerts/events/change", { routing_key: "conn_ik_wrong", payload: { summary: "x" } });
      expect(wrongKey).toMatchObject({ status: 400, body: { errors: ["routing_key is not a valid integration key"] } });
      expect(await testDb().change.count({ where: { serviceId } })).toBe(0);
      const refused = await testDb().alertDelivery.findMany({ where: { serviceId }, orderBy: { receivedAt: "asc" } });
      expect(refused.map((d) => [d.source, d.status, d.error])).toEqual([
        ["events_v2_change", 400, "payload.summary is required"],
        ["events_v2_change", 400, "payload.timestamp: must not be more than 5 minutes in the future"],
      ]);
    });
  });

  describe("Opsgenie's alert API", () => {
    const opsgenie = "/api/v1/alerts/opsgenie/v2/alerts";

    it("create answers as Opsgenie does; the alias dedups; P1 opens an incident; close resolves it (source's word, the incident stays open)", async () => {
      const { secret, serviceId } = await serviceWithKey();
      const genie = { authorization: `GenieKey ${secret}` };
      const body = { message: "Checkout 5xx above 5%", alias: "checkout-5xx", priority: "P1", tags: ["env:prod"], details: { alertname: "Checkout5xx" }, source: "" };
      const first = await post(opsgenie, body, genie);
      expect(first.status).toBe(202);
      expect(first.body).toEqual({ result: "Request will be processed", took: expect.any(Number), requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect((await post(opsgenie, body, genie)).status).toBe(202);
      const alert = await testDb().alert.findFirstOrThrow({ where: { serviceId }, include: { incident: true } });
      expect(alert).toMatchObject({ identity: "checkout-5xx", identityFrom: "alias", severity: "critical", occurrences: 2, action: "open" });
      expect(alert.labels).toMatchObject({ env: "prod", alertname: "Checkout5xx" });
      expect(alert.incident?.status).toBe("investigating");

      const ack = await post(`${opsgenie}/checkout-5xx/acknowledge?identifierType=alias`, { source: "Alertmanager", user: "bot" }, genie);
      expect(ack.status).toBe(202);
      expect((await testDb().alert.findUniqueOrThrow({ where: { id: alert.id } })).status).toBe("acknowledged");
      // Alertmanager's notifier closes with a body of only {"source": ""}.
      const close = await post(`${opsgenie}/checkout-5xx/close?identifierType=alias`, { source: "" }, genie);
      expect(close.status).toBe(202);
      const closed = await testDb().alert.findUniqueOrThrow({ where: { id: alert.id }, include: { incident: true } });
      expect(closed.status).toBe("resolved");
      expect(closed.incident?.status).toBe("investigating");
      expect(await testDb().alert.count({ where: { serviceId } })).toBe(1);
    });

    it("close of an unknown alias is dropped (202, recorded); an empty close body is fine; a non-alias identifier and bad fields are 400s naming the field", async () => {
      const { secret, serviceId } = await serviceWithKey();
      const genie = { authorization: `GenieKey ${secret}` };
      const res = await fetch(`${baseUrl()}${opsgenie}/never-seen/close?identifierType=alias`, { method: "POST", headers: genie });
      expect(res.status).toBe(202);
      const delivery = await testDb().alertDelivery.findFirstOrThrow({ where: { serviceId } });
      expect(delivery.outcome).toEqual([expect.objectContaining({ identity: "never-seen", transition: "drop" })]);

      const byId = await post(`${opsgenie}/abc/close`, {}, genie);
      expect(byId.status).toBe(400);
      expect(byId.body.error.fields).toHaveProperty("identifierType");
      const noMessage = await post(opsgenie, { alias: "x", priority: "P2" }, genie);
      expect(noMessage.status).toBe(400);
      expect(noMessage.body.error.fields).toHaveProperty("message");
      const long = await post(opsgenie, { message: "m".repeat(131) }, genie);
      expect(long.body.error.fields).toHaveProperty("message");
      // 130 characters, emoji among them (Alertmanager truncates to 130 runes), are taken.
      expect((await post(opsgenie, { message: "🔥".repeat(130) }, genie)).status).toBe(202);
      const badPriority = await post(opsgenie, { message: "ok", priority: "P9" }, genie);
      expect(badPriority.body.error.fields).toHaveProperty("priority");
      expect((await post(`${opsgenie}/x/snooze?identifierType=alias`, {}, genie)).status).toBe(404);
      expect((await post(opsgenie, { message: "no key" })).status).toBe(401);
      const refused = await testDb().alertDelivery.count({ where: { serviceId, status: 400 } });
      expect(refused).toBe(4);
    });
  });

  describe("the generic route", () => {
    it("reads any JSON through the key's JSONPath mapping, several alerts per body with items", async () => {
      const { key, secret, serviceId } = await serviceWithKey();
      const keyRow = await testDb().integrationKey.findFirstOrThrow({ where: { serviceId } });
      const mapping = { items: "$.events[*]", summary: "$.check.title", dedupKey: "$.id", status: "$.state", severity: "$.level", labels: "$.tags" };
      const set = await api("PATCH", `/api/v1/services/${key}/integration-keys/${keyRow.id}`, { token: admin.token, body: { mapping } });
      expect(set.status).toBe(200);
      expect(set.body.mapping).toEqual(mapping);

      const body = { events: [{ id: "dns-1", check: { title: "DNS failing" }, state: "alerting", level: "critical", tags: { env: "prod" } }, { id: 7, check: { title: "Cert expires" }, state: "alerting", level: "low" }] };
      const res = await post("/api/v1/alerts/generic", body, { authorization: `Bearer ${secret}` });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ status: "accepted", alerts: 2, incidents: [expect.stringMatching(/^INC-/)] });
      const alerts = await testDb().alert.findMany({ where: { serviceId }, orderBy: { identity: "asc" } });
      expect(alerts.map((a) => [a.identity, a.summary, a.severity, a.action, a.source])).toEqual([
        ["7", "Cert expires", "info", "record", "generic"],
        ["dns-1", "DNS failing", "critical", "open", "generic"],
      ]);
      expect(alerts[1]!.labels).toEqual({ env: "prod" });

      const resolved = await post("/api/v1/alerts/generic", { events: [{ id: "dns-1", state: "OK" }] }, { authorization: `Bearer ${secret}` });
      expect(resolved.status).toBe(202);
      expect((await testDb().alert.findFirstOrThrow({ where: { serviceId, identity: "dns-1" } })).status).toBe("resolved");

      const empty = await post("/api/v1/alerts/generic", { events: [] }, { authorization: `Bearer ${secret}` });
      expect(empty.status).toBe(400);
      expect(empty.body.error.fields).toEqual({ "$.events[*]": "no alerts at this path" });
      expect(await testDb().alertDelivery.count({ where: { serviceId, status: 400 } })).toBe(1);

      // Cleared, the defaults apply: { summary, dedup_key, status, severity }.
      await api("PATCH", `/api/v1/services/${key}/integration-keys/${keyRow.id}`, { token: admin.token, body: { mapping: null } });
      const plain = await post(`/api/v1/alerts/generic?key=${secret}`, { summary: "Plain", dedup_key: "p-1", severity: "warning" });
      expect(plain.status).toBe(202);
      expect(await testDb().alert.count({ where: { serviceId, identity: "p-1", summary: "Plain" } })).toBe(1);
    });

    it("a mapping with a filter or script, or a path not from $, is a 400 naming the field, and nothing changes", async () => {
      const { key, serviceId } = await serviceWithKey();
      const keyRow = await testDb().integrationKey.findFirstOrThrow({ where: { serviceId } });
      const filter = await api("PATCH", `/api/v1/services/${key}/integration-keys/${keyRow.id}`, { token: admin.token, body: { mapping: { items: "$.alerts[?(@.on)]" } } });
      expect(filter.status).toBe(400);
      expect(filter.body.error.fields["mapping.items"]).toMatch(/filters and scripts are off/);
      const relative = await api("POST", `/api/v1/services/${key}/integration-keys`, { token: admin.token, body: { name: "x", mapping: { summary: "title" } } });
      expect(relative.status).toBe(400);
      expect(relative.body.error.fields).toHaveProperty("mapping.summary");
      expect((await testDb().integrationKey.findUniqueOrThrow({ where: { id: keyRow.id } })).mapping).toBeNull();
      expect(await testDb().integrationKey.count({ where: { serviceId } })).toBe(1);
    });
  });

  describe("Grafana's HMAC signature", () => {
    const sign = (secret: string, body: string, timestamp?: string) => createHmac("sha256", secret).update(timestamp ? `${timestamp}:${body}` : body).digest("hex");

    it("a key with a signing secret takes only deliveries signed with it, the timestamp within 5 minutes; the secret is never shown back", async () => {
      const { key, secret, serviceId } = await serviceWithKey();
      const keyRow = await testDb().integrationKey.findFirstOrThrow({ where: { serviceId } });
      const hmac = "grafana-shared-secret-0123456789";
      const set = await api("PATCH", `/api/v1/services/${key}/integration-keys/${keyRow.id}`, { token: admin.token, body: { signingSecret: hmac } });
      expect(set.status).toBe(200);
      expect(set.body.signed).toBe(true);
      expect(JSON.stringify(set.body)).not.toContain(hmac);
      const listed = await api("GET", `/api/v1/services/${key}/integration-keys`, { token: admin.token });
      expect(JSON.stringify(listed.body)).not.toContain(hmac);

      const body = JSON.stringify(amBody('{}:{alertname="Signed"}', [amAlert("s1", { alertname: "Signed", severity: "warning" })]));
      const auth = { authorization: `Bearer ${secret}` };
      const unsigned = await post("/api/v1/alerts/grafana", body, auth);
      expect(unsigned.status).toBe(401);
      expect(unsigned.body.error.message).toMatch(/signed/);
      const wrong = await post("/api/v1/alerts/grafana", body, { ...auth, "x-grafana-alerting-signature": sign("another-secret-0123456789", body) });
      expect(wrong.status).toBe(401);
      const now = String(Math.floor(Date.now() / 1000));
      const stale = String(Math.floor(Date.now() / 1000) - 301);
      const old = await post("/api/v1/alerts/grafana", body, { ...auth, "x-grafana-alerting-signature": sign(hmac, body, stale), "x-grafana-alerting-signature-timestamp": stale });
      expect(old.status).toBe(401);
      expect(await testDb().alert.count({ where: { serviceId } })).toBe(0);
      expect(await testDb().alertDelivery.count({ where: { serviceId, status: 401 } })).toBe(3);

      const bodyOnly = await post("/api/v1/alerts/grafana", body, { ...auth, "x-grafana-alerting-signature": sign(hmac, body) });
      expect(bodyOnly.status).toBe(202);
      const timed = await post("/api/v1/alerts/grafana", body, { ...auth, "x-grafana-alerting-signature": sign(hmac, body, now), "x-grafana-alerting-signature-timestamp": now });
      expect(timed.status).toBe(202);
      // A timestamp the signature did not cover is a mismatch.
      const moved = await post("/api/v1/alerts/grafana", body, { ...auth, "x-grafana-alerting-signature": sign(hmac, body), "x-grafana-alerting-signature-timestamp": now });
      expect(moved.status).toBe(401);
      expect((await testDb().alert.findFirstOrThrow({ where: { serviceId } })).occurrences).toBe(2);

      await api("PATCH", `/api/v1/services/${key}/integration-keys/${keyRow.id}`, { token: admin.token, body: { signingSecret: null } });
      expect((await post("/api/v1/alerts/grafana", body, auth)).status).toBe(202);
      const short = await api("PATCH", `/api/v1/services/${key}/integration-keys/${keyRow.id}`, { token: admin.token, body: { signingSecret: "short" } });
      expect(short.status).toBe(400);
      expect(short.body.error.fields).toHaveProperty("signingSecret");
    });
  });

  it("an Alertmanager body a real Alertmanager sent (fixture) is taken as it is", async () => {
    const { secret, serviceId } = await serviceWithKey();
    const fixtures = new URL("../../lib/domain/alerts/fixtures/", import.meta.url);
    const { readdirSync } = await import("node:fs");
    const file = readdirSync(fixtures).find((f) => f.startsWith("alertmanager") && f.endsWith(".json"))!;
    const body = readFileSync(new URL(file, fixtures), "utf8");
    const res = await post("/api/v1/alerts/alertmanager", body, { authorization: `Bearer ${secret}` });
    expect(res.status).toBe(202);
    expect(await testDb().alert.count({ where: { serviceId } })).toBeGreaterThan(0);
  });
});
