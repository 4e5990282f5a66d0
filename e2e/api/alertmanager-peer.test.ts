// Alerts in from a real Prometheus Alertmanager (Debian's prometheus-alertmanager, installed by .ci/run), started by
// this test with a real route: alerts posted to its API are grouped by it and delivered to Conn through its own
// webhook notifier (Bearer key in http_config.authorization) and its own Opsgenie notifier (api_url pointed at Conn,
// GenieKey). Nothing of either notifier is imitated: what reaches Conn is what Alertmanager sends.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertmanagerOpsgenieReceiver, alertmanagerReceiver, SENDERS, senderSnippets } from "@/lib/domain/alerts/snippets";
import { api, baseUrl, createOrg, testDb, type TestOrg, type TestUser, until } from "./factories";

const BINARY = "/usr/bin/prometheus-alertmanager";

let org: TestOrg;
let admin: TestUser;
let am: ChildProcess | null = null;
let amUrl = "";
let dir = "";
const services: Record<"webhook" | "opsgenie", { key: string; id: string; secret: string }> = {} as never;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function serviceWithKey(label: string) {
  const key = `SVC-AM${label.toUpperCase()}${Date.now().toString(36).toUpperCase()}`;
  const row = await testDb().service.create({ data: { orgId: org.id, key, name: `Alertmanager ${label}`, tier: 1 } });
  const made = await api("POST", `/api/v1/services/${key}/integration-keys`, { token: admin.token, body: { name: `Alertmanager ${label}` } });
  expect(made.status).toBe(201);
  return { key, id: row.id, secret: made.body.key as string };
}

/** Alerts into Alertmanager's own API, as Prometheus sends them. */
async function fire(alerts: { labels: Record<string, string>; summary: string; endsAt?: string }[]) {
  const res = await fetch(`${amUrl}/api/v2/alerts`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(
      alerts.map((a) => ({
        labels: a.labels,
        annotations: { summary: a.summary },
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        ...(a.endsAt ? { endsAt: a.endsAt } : {}),
        generatorURL: "http://prometheus.test/graph",
      })),
    ),
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  if (!existsSync(BINARY)) throw new Error(`${BINARY} is missing: install Debian's prometheus-alertmanager (.ci/run does)`);
  org = await createOrg();
  admin = await org.user("admin");
  services.webhook = await serviceWithKey("hook");
  services.opsgenie = await serviceWithKey("genie");

  const port = await freePort();
  amUrl = `http://127.0.0.1:${port}`;
  dir = mkdtempSync(path.join(tmpdir(), "conn-alertmanager-"));
  const conn = baseUrl();
  // group_wait and group_interval of a second: the real timings (30 s, 5 min) only make a test slow.
  // The receivers are the service page's own snippets (lib/domain/alerts/snippets.ts), as an admin would paste them.
  writeFileSync(
    path.join(dir, "alertmanager.yml"),
    `route:
  receiver: conn-webhook
  group_by: [alertname, service]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
  routes:
    - matchers: ['via="opsgenie"']
      receiver: conn-opsgenie
${alertmanagerReceiver({ origin: conn, secret: services.webhook.secret }, "conn-webhook")}${alertmanagerOpsgenieReceiver({ origin: conn, secret: services.opsgenie.secret }).replace(/^receivers:\n/, "")}`,
  );
  am = spawn(
    BINARY,
    [`--config.file=${path.join(dir, "alertmanager.yml")}`, `--storage.path=${path.join(dir, "data")}`, `--web.listen-address=127.0.0.1:${port}`, "--cluster.listen-address=", "--log.level=warn"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  am.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  await until("Alertmanager to be ready", async () => {
    if (am!.exitCode !== null) throw new Error(`Alertmanager exited: ${stderr}`);
    return (await fetch(`${amUrl}/-/ready`).catch(() => null))?.ok;
  }, 20_000).catch((error: Error) => {
    throw new Error(`${error.message}\n${stderr}`);
  });
});

afterAll(async () => {
  if (am && am.exitCode === null) {
    const exited = new Promise((r) => am!.once("exit", r));
    am.kill("SIGTERM");
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
  await testDb().$disconnect();
});

describe("a real Alertmanager", () => {
  it("through its webhook: a critical group opens one incident, a warning is recorded, and resolving in Alertmanager resolves the alerts (the incident stays open)", async () => {
    const service = services.webhook;
    await fire([
      { labels: { alertname: "CheckoutDown", service: "checkout", severity: "critical", instance: "web-1" }, summary: "Checkout down on web-1" },
      { labels: { alertname: "CheckoutDown", service: "checkout", severity: "critical", instance: "web-2" }, summary: "Checkout down on web-2" },
      { labels: { alertname: "DiskLow", service: "checkout", severity: "warning", instance: "db-1" }, summary: "Disk low on db-1" },
    ]);
    const alerts = await until("both groups in Conn", async () => {
      const rows = await testDb().alert.findMany({ where: { serviceId: service.id }, orderBy: { summary: "asc" } });
      return rows.length === 3 ? rows : null;
    });
    expect(alerts.map((a) => [a.summary, a.identityFrom, a.action, a.status])).toEqual([
      ["Checkout down on web-1", "fingerprint", "open", "firing"],
      ["Checkout down on web-2", "fingerprint", "open", "firing"],
      ["Disk low on db-1", "fingerprint", "record", "firing"],
    ]);
    expect(alerts[0]!.incidentId).toBe(alerts[1]!.incidentId);
    expect(alerts[2]!.incidentId).toBeNull();
    const incidentId = alerts[0]!.incidentId!;
    expect(await testDb().incident.count({ where: { services: { some: { serviceId: service.id } } } })).toBe(1);
    // Two groups (by alertname), so two deliveries; the CheckoutDown group's as Alertmanager sent it:
    const delivery = await testDb().alertDelivery.findFirstOrThrow({ where: { serviceId: service.id, body: { contains: "CheckoutDown" } }, orderBy: { receivedAt: "asc" } });
    expect(delivery.status).toBe(202);
    expect(JSON.parse(delivery.body)).toMatchObject({ version: "4", receiver: "conn-webhook", groupKey: expect.stringContaining("CheckoutDown") });

    // Resolve one in Alertmanager: its next flush sends the group with that alert resolved.
    await fire([{ labels: { alertname: "CheckoutDown", service: "checkout", severity: "critical", instance: "web-1" }, summary: "Checkout down on web-1", endsAt: new Date().toISOString() }]);
    await until("web-1 resolved in Conn", async () => (await testDb().alert.findFirstOrThrow({ where: { id: alerts[0]!.id } })).status === "resolved");
    expect((await testDb().alert.findFirstOrThrow({ where: { id: alerts[1]!.id } })).status).toBe("firing");
    const incident = await testDb().incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(incident.status).toBe("investigating");
    const refused = await testDb().alertDelivery.count({ where: { serviceId: service.id, status: { not: 202 } } });
    expect(refused).toBe(0);
  });

  it("through its Opsgenie notifier: the group is one alert by its alias (P1: an incident), and resolving the group in Alertmanager closes it", async () => {
    const service = services.opsgenie;
    const labels = { alertname: "QueueStuck", service: "billing", severity: "critical", via: "opsgenie" };
    await fire([{ labels, summary: "Billing queue stuck" }]);
    const alert = await until("the Opsgenie-style alert in Conn", async () => testDb().alert.findFirst({ where: { serviceId: service.id } }));
    expect(alert).toMatchObject({ source: "opsgenie", identityFrom: "alias", severity: "critical", action: "open", status: "firing" });
    expect(alert.labels).toMatchObject({ alertname: "QueueStuck", service: "billing" });
    expect(alert.incidentId).not.toBeNull();
    const created = await testDb().alertDelivery.findFirstOrThrow({ where: { serviceId: service.id } });
    expect(created.status).toBe(202);
    expect(JSON.parse(created.body)).toMatchObject({ alias: alert.identity, priority: "P1" });

    await fire([{ labels, summary: "Billing queue stuck", endsAt: new Date().toISOString() }]);
    await until("the close in Conn", async () => (await testDb().alert.findFirstOrThrow({ where: { id: alert.id } })).status === "resolved");
    expect(await testDb().alert.count({ where: { serviceId: service.id } })).toBe(1);
    expect(await testDb().alertDelivery.count({ where: { serviceId: service.id, status: { not: 202 } } })).toBe(0);
  });

  it("every 'Try it' command on the service page, run by a real shell and curl, is taken (202)", async () => {
    const { key, id, secret } = await serviceWithKey("curl");
    const runs = SENDERS.flatMap((sender) => senderSnippets(sender, { origin: baseUrl(), secret }).filter((s) => s.language === "shell").map((s) => ({ sender, command: s.text })));
    expect(runs.map((r) => r.sender)).toEqual(["alertmanager", "opsgenie", "events_v2", "events_v2", "generic"]);
    for (const run of runs) {
      const status = execFileSync("bash", ["-c", `${run.command} -o /dev/null -w '%{http_code}'`], { encoding: "utf8" });
      expect(status, run.sender).toBe("202");
    }
    expect(await testDb().alertDelivery.count({ where: { serviceId: id, status: 202 } })).toBe(5);
    // The change-event snippet is a change on the service, not an alert.
    expect(await testDb().change.findMany({ where: { serviceId: id }, select: { kind: true, summary: true, version: true, actorKind: true } })).toEqual([
      { kind: "deploy", summary: "Deployed from curl", version: "v0.0.1", actorKind: "automation" },
    ]);
    expect(key).toMatch(/^SVC-AMCURL/);
  });
});
