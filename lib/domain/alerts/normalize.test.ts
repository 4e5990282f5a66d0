import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  alertmanagerWebhookSchema,
  eventsV2Errors,
  eventsV2Schema,
  labelIdentity,
  normalizeAlertmanager,
  normalizeEventV2,
  normalizeOpsgenie,
  normalizeOpsgenieAction,
  normalizeSeverity,
  opsgenieCreateSchema,
  opsgenieIdentifierSchema,
  parseAlertTime,
} from "./normalize";

const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(__dirname, "fixtures", name), "utf8"));
let counter = 0;
const newKey = () => `generated-${++counter}`;

describe("parseAlertTime", () => {
  it("reads what senders write: nanoseconds, offsets, +0000, and Alertmanager's zero time as no time", () => {
    expect(parseAlertTime("2021-01-07T08:38:00.032813093Z")).toBe("2021-01-07T08:38:00.032Z");
    expect(parseAlertTime("2017-10-21T15:50:17.16095407-02:00")).toBe("2017-10-21T17:50:17.160Z");
    expect(parseAlertTime("2015-07-17T08:42:58.315+0000")).toBe("2015-07-17T08:42:58.315Z");
    expect(parseAlertTime("2026-12-02T03:05:00+01:00")).toBe("2026-12-02T02:05:00.000Z");
    expect(parseAlertTime("0001-01-01T00:00:00Z")).toBeNull();
    expect(parseAlertTime(undefined)).toBeNull();
    expect(parseAlertTime("yesterday")).toBeNull();
  });
});

describe("Alertmanager webhook", () => {
  it("a real 0.21 body: one firing alert with its fingerprint, severity, summary and link", () => {
    const [alert, ...rest] = normalizeAlertmanager(alertmanagerWebhookSchema.parse(fixture("alertmanager-firing-v0.21-raw.json")));
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({
      source: "alertmanager",
      identity: "8a07086b74f3ba78",
      identityFrom: "fingerprint",
      action: "trigger",
      summary: "This is a demo",
      severity: "critical",
      startsAt: "2021-01-07T08:38:00.032Z",
      endsAt: null,
      groupKey: '{}:{alertname="DemoAlert"}',
      links: [{ label: "Source", url: "http://n3:9090/graph?g0.expr=sum%28prometheus_build_info%29+%3C+3&g0.tab=1" }],
    });
  });

  it("per-alert status is the truth: a firing group holds a resolved alert, and old senders have no fingerprint", () => {
    const alerts = normalizeAlertmanager(alertmanagerWebhookSchema.parse(fixture("alertmanager-mixed-firing-resolved.json")));
    expect(alerts.map((a) => a.action)).toEqual(["trigger", "resolve"]);
    expect(alerts.map((a) => a.identityFrom)).toEqual(["labels", "labels"]);
    // Two alerts, two identities, from their whole label sets (sorted).
    expect(alerts[0]!.identity).toBe('{alertname="ServerStop", env="prod", status="firing"}');
    expect(alerts[1]!.identity).toBe('{alertname="ServerStop", env="prod", instance="a1", status="resolved"}');
    expect(alerts[0]!.endsAt).toBeNull();
    expect(alerts[1]!.endsAt).toBe("2017-10-21T17:50:28.806Z");
    expect(alerts[0]!.summary).toBe("ServerStop");
    expect(alerts[0]!.links).toEqual([]); // an empty generatorURL is no link
  });

  it("a v4 group: common labels and annotations under each alert's own, runbook links, unknown fields kept", () => {
    const body = alertmanagerWebhookSchema.parse(fixture("alertmanager-v4-group.json"));
    expect(body.notification_reason).toBe("some alerts resolved"); // kept, not stripped
    const [firing, resolved] = normalizeAlertmanager(body);
    expect(firing).toMatchObject({ identity: "5a1f0e9c3b7d2a41", action: "trigger", severity: "critical", summary: "Checkout 5xx above 5% on checkout-7f9c" });
    expect(firing!.labels).toMatchObject({ env: "prod", instance: "checkout-7f9c", cluster: "eu-west-1" });
    expect(firing!.links.map((l) => l.label)).toEqual(["Source", "Runbook"]);
    expect(resolved).toMatchObject({ identity: "c44d08e1f2a9b736", action: "resolve", startsAt: "2026-12-02T01:58:41.120Z", endsAt: "2026-12-02T02:09:41.120Z" });
  });

  it("a minimal body (no version, groupKey or fingerprint; null annotations) is accepted; identity comes from the labels", () => {
    const alerts = normalizeAlertmanager(alertmanagerWebhookSchema.parse(fixture("alertmanager-minimal.json")));
    expect(alerts.map((a) => a.identity)).toEqual(['{alertname="DiskFull", instance="db-1"}', '{alertname="DiskFull", instance="db-2"}']);
    expect(alerts.every((a) => a.groupKey === null && a.severity === "warning")).toBe(true);
    expect(alerts[0]!.summary).toBe("DiskFull on db-1");
  });

  it("two alerts with one summary stay two (identity never comes from the text)", () => {
    const body = alertmanagerWebhookSchema.parse({
      alerts: [
        { status: "firing", labels: { alertname: "High", region: "eu" }, annotations: { summary: "Latency high" } },
        { status: "firing", labels: { alertname: "High", region: "us" }, annotations: { summary: "Latency high" } },
      ],
    });
    const [a, b] = normalizeAlertmanager(body);
    expect(a!.summary).toBe(b!.summary);
    expect(a!.identity).not.toBe(b!.identity);
  });

  it("refuses what is not a webhook: no alerts, a status that is neither firing nor resolved, a time that is no time", () => {
    expect(alertmanagerWebhookSchema.safeParse({ alerts: [] }).success).toBe(false);
    expect(alertmanagerWebhookSchema.safeParse({ alerts: [{ status: "pending", labels: {} }] }).success).toBe(false);
    expect(alertmanagerWebhookSchema.safeParse({ alerts: [{ status: "firing", labels: {}, startsAt: "noon" }] }).success).toBe(false);
    expect(alertmanagerWebhookSchema.safeParse({ alerts: [{ status: "firing", labels: { n: 1 } }] }).success).toBe(false);
  });
});

describe("Grafana webhook", () => {
  it("reads Grafana's extra fields: values (with nulls), dashboard and silence links", () => {
    const [alert] = normalizeAlertmanager(alertmanagerWebhookSchema.parse(fixture("grafana-webhook.json")), "grafana");
    expect(alert).toMatchObject({ source: "grafana", identity: "9e0b6c1d2f3a4b5c", severity: "error", summary: "Orders per minute below 200", startsAt: "2026-12-02T02:05:00.000Z" });
    expect(alert!.details).toEqual({ values: { A: 141.5, B: null } });
    expect(alert!.labels.impact).toBe("orders_per_min");
    expect(alert!.links.map((l) => l.label)).toEqual(["Source", "Dashboard", "Silence"]); // the empty panelURL is no link
  });
});

describe("Events API v2", () => {
  it("a trigger: the dedup key is the identity, the payload its summary, severity and labels", () => {
    const alert = normalizeEventV2(eventsV2Schema.parse(fixture("events-v2-trigger.json")), newKey);
    expect(alert).toMatchObject({
      source: "events_v2",
      identity: "checkout/eu-west-1/5xx",
      action: "trigger",
      summary: "Checkout 5xx above 5% in eu-west-1",
      severity: "critical",
      startsAt: "2026-12-02T03:02:11.483Z",
      labels: { source: "prometheus-eu-west-1", component: "checkout-api", group: "prod-checkout", class: "http" },
      details: { "error rate": "7.2%", "requests per second": 1840 },
    });
    expect(alert.links).toEqual([
      { label: "Checkout dashboard", url: "https://grafana.example.com/d/checkout" },
      { label: "Prometheus", url: "https://prometheus.example.com" },
    ]);
  });

  it("acknowledge and resolve carry no payload; a trigger without a dedup key gets one made up", () => {
    expect(normalizeEventV2(eventsV2Schema.parse(fixture("events-v2-acknowledge.json")), newKey)).toMatchObject({ action: "acknowledge", identity: "checkout/eu-west-1/5xx" });
    expect(normalizeEventV2(eventsV2Schema.parse(fixture("events-v2-resolve.json")), newKey)).toMatchObject({ action: "resolve", identity: "checkout/eu-west-1/5xx" });
    const body = fixture("events-v2-trigger.json") as Record<string, unknown>;
    delete body.dedup_key;
    const made = normalizeEventV2(eventsV2Schema.parse(body), () => "0f6f1ad0-1111-4c44-9a8e-000000000001");
    expect(made.identity).toBe("0f6f1ad0-1111-4c44-9a8e-000000000001");
  });

  it("an invalid event lists its errors by field, as PagerDuty's 400 does", () => {
    const cases: [unknown, RegExp][] = [
      [{ routing_key: "k", event_action: "trigger" }, /payload is required/],
      [{ routing_key: "k", event_action: "resolve" }, /dedup_key is required to resolve/],
      [{ routing_key: "k", event_action: "explode", dedup_key: "x" }, /event_action must be trigger, acknowledge or resolve/],
      [{ routing_key: "k", event_action: "trigger", payload: { summary: "s", source: "x", severity: "fatal" } }, /payload.severity must be/],
      [{ routing_key: "k", event_action: "trigger", payload: { summary: "s".repeat(1025), source: "x", severity: "info" } }, /at most 1024/],
      [{ routing_key: "k", event_action: "trigger", dedup_key: "d".repeat(256), payload: { summary: "s", source: "x", severity: "info" } }, /dedup_key is at most 255/],
    ];
    for (const [body, message] of cases) {
      const parsed = eventsV2Schema.safeParse(body);
      expect(parsed.success, JSON.stringify(body).slice(0, 80)).toBe(false);
      expect(eventsV2Errors(parsed.error!).join(" | ")).toMatch(message);
    }
  });
});

describe("Opsgenie create alert", () => {
  it("alias is the identity; key:value tags become labels; P1 is critical", () => {
    const alert = normalizeOpsgenie(opsgenieCreateSchema.parse(fixture("opsgenie-create.json")), newKey);
    expect(alert).toMatchObject({
      source: "opsgenie",
      identity: "checkout-eu-west-1-5xx",
      identityFrom: "alias",
      summary: "Checkout 5xx above 5% in eu-west-1",
      severity: "critical",
      labels: { env: "prod", "tag:checkout": "true", entity: "checkout-api", source: "Zabbix" },
      annotations: { description: "Error rate 7.2% for 5 minutes" },
      details: { region: "eu-west-1", errorRate: "7.2%" },
    });
  });

  it("no alias: each create is its own alert; no priority is P3 (a warning); message is required and at most 130", () => {
    const made = normalizeOpsgenie(opsgenieCreateSchema.parse({ message: "Disk 91%" }), () => "made-1");
    expect(made).toMatchObject({ identity: "made-1", severity: "warning" });
    expect(opsgenieCreateSchema.safeParse({ message: "" }).success).toBe(false);
    expect(opsgenieCreateSchema.safeParse({ message: "m".repeat(131) }).success).toBe(false);
    expect(opsgenieCreateSchema.safeParse({ message: "ok", priority: "P9" }).success).toBe(false);
    expect(opsgenieCreateSchema.safeParse({ message: "🔥".repeat(130) }).success).toBe(true);
    expect(opsgenieCreateSchema.safeParse({ message: "🔥".repeat(131) }).success).toBe(false);
    // Past Opsgenie's other limits text is cut, not refused (the sender would drop the alert).
    const long = opsgenieCreateSchema.parse({ message: "m", source: "s".repeat(300), tags: Array.from({ length: 30 }, (_, i) => `t${i}:${"v".repeat(80)}`) });
    expect(long.source).toHaveLength(100);
    expect(long.tags).toHaveLength(20);
    expect(long.tags!.every((t) => t.length === 50)).toBe(true);
  });

  it("text details become labels (Alertmanager's notifier puts the common labels there); tags, entity and source win", () => {
    const alert = normalizeOpsgenie(opsgenieCreateSchema.parse({ message: "m", details: { alertname: "Down", env: "staging", count: 3 }, tags: ["env:prod"] }), newKey);
    expect(alert.labels).toEqual({ alertname: "Down", env: "prod" });
    expect(alert.details).toEqual({ alertname: "Down", env: "staging", count: 3 });
  });

  it("close and acknowledge are the source's resolve and acknowledge of the alias; only identifierType=alias is known", () => {
    expect(normalizeOpsgenieAction("a-1", "close")).toMatchObject({ identity: "a-1", identityFrom: "alias", action: "resolve" });
    expect(normalizeOpsgenieAction("a-1", "acknowledge").action).toBe("acknowledge");
    expect(opsgenieIdentifierSchema.safeParse({ identifier: "a-1", identifierType: "alias" }).success).toBe(true);
    expect(opsgenieIdentifierSchema.safeParse({ identifier: "a-1", identifierType: "id" }).success).toBe(false);
    expect(opsgenieIdentifierSchema.safeParse({ identifier: "a-1" }).success).toBe(false);
  });
});

describe("labelIdentity and normalizeSeverity", () => {
  it("labels in any order are one identity; a value with a quote cannot forge another", () => {
    expect(labelIdentity({ b: "2", a: "1" })).toBe(labelIdentity({ a: "1", b: "2" }));
    expect(labelIdentity({ a: '1", b="2' })).not.toBe(labelIdentity({ a: "1", b: "2" }));
  });

  it("maps the senders' words to four severities; unknown words are warnings", () => {
    expect(["critical", "P1", "page", "SEV1"].map((w) => normalizeSeverity(w))).toEqual(["critical", "critical", "critical", "critical"]);
    expect(["error", "high", "P2"].map((w) => normalizeSeverity(w))).toEqual(["error", "error", "error"]);
    expect(["warning", "warn", "P3"].map((w) => normalizeSeverity(w))).toEqual(["warning", "warning", "warning"]);
    expect(["info", "low", "P5"].map((w) => normalizeSeverity(w))).toEqual(["info", "info", "info"]);
    expect(normalizeSeverity("spicy")).toBe("warning");
    expect(normalizeSeverity(undefined, "info")).toBe("info");
  });
});
