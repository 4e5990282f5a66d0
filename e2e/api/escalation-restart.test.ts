// Escalation across a crash: the next step is a durable job in Postgres, not a
// timer in memory. A server is killed (-9) while pages wait; a new server on the
// same data escalates the unacknowledged one on time, exactly once, and leaves
// the acknowledged one alone. The same server runs with a configured public URL
// (CONN_PUBLIC_URL) and without CONN_WEBHOOK_ALLOW_PRIVATE: links carry the public
// URL, and webhooks to private addresses are refused in every spelling. Last, a
// heartbeat made one minute before its deadline, then a kill -9: the new server
// (which never saw it made) raises its alert and pages on time, once. And Conn's own
// heartbeat (CONN_HEARTBEAT_URL): a loopback monitor hears from it at start and
// each minute, and not while a paging job is left overdue.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { poolConfigFromUrl } from "@/lib/server/db";
import { startTestServer, testPorts, type TestServer } from "../test-server";
import { api, createOrg, type TestUser, until } from "./factories";

const NAME = "escalation-restart";
const PUBLIC_URL = "https://conn.example.test";
const DELAY_MIN = 0.25; // 15 s: long enough to kill and restart the server inside it
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let server: TestServer;
let db: PrismaClient;

async function start(keepData: boolean, env: Record<string, string> = {}) {
  server = await startTestServer({ name: NAME, ...testPorts.restart, keepData, env: { CONN_PUBLIC_URL: PUBLIC_URL, ...env } });
  db = new PrismaClient({ adapter: new PrismaPg({ ...poolConfigFromUrl(server.databaseUrl), max: 2 }) });
}

beforeAll(async () => {
  await start(false);
}, 600_000);

afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
});

it("an unacknowledged page escalates after a kill -9 and restart, exactly once; an acknowledged one does not", { timeout: 180_000 }, async () => {
  const base = server.baseUrl;
  const org = await createOrg(db);
  const [admin, oncall, lead, declarer] = await Promise.all([org.user("admin"), org.user("responder"), org.user("responder"), org.user("responder")]);
  const call = (method: string, path: string, user: TestUser, body?: unknown) => api(method, path, { token: user.token, body, base });

  const schedule = await call("POST", "/api/v1/schedules", admin, {
    name: "Primary",
    timeZone: "America/Chicago",
    layers: [{ start: "2026-01-01T09:00", shift: { unit: "day", count: 1 }, participants: [oncall.handle] }],
  });
  expect(schedule.status).toBe(201);
  const policy = await call("POST", "/api/v1/escalation-policies", admin, {
    name: "Restart",
    steps: [
      { targets: [{ kind: "schedule", schedule: schedule.body.id }], delayMinutes: DELAY_MIN },
      { targets: [{ kind: "user", user: lead.handle }], delayMinutes: DELAY_MIN },
    ],
  });
  expect(policy.status).toBe(201);
  // Two services on one policy: two incidents on the same service would page once (the second notes the first's page).
  const service = await org.service("SVC-RESTART");
  const second = await org.service("SVC-RESTART-B");
  await db.service.updateMany({ where: { id: { in: [service.id, second.id] } }, data: { escalationPolicyId: policy.body.id } });

  const waiting = (await call("POST", "/api/v1/incidents", declarer, { title: "Left waiting", severity: "SEV1", services: [service.key] })).body.ref;
  const answered = (await call("POST", "/api/v1/incidents", declarer, { title: "Answered", severity: "SEV1", services: [second.key] })).body.ref;
  const pageOf = async (ref: string, user: TestUser) => ((await call("GET", `/api/v1/pages?incident=${ref}`, user)).body.items as any[]).find((p) => p.user.handle === user.handle);
  const first = await until("the first page", () => pageOf(waiting, oncall), 60_000);
  const other = await until("the other page", () => pageOf(answered, oncall), 60_000);
  expect((await call("POST", `/api/v1/pages/${other.id}/acknowledge`, oncall)).status).toBe(200);

  // kill -9 while the waiting page's step runs, then a new server on the same data.
  await db.$disconnect();
  await server.crash();
  await start(true);

  const escalated = await until("the lead's page after the restart", () => pageOf(waiting, lead), 60_000);
  const waited = new Date(escalated.createdAt).getTime() - new Date(first.createdAt).getTime();
  expect(waited).toBeGreaterThanOrEqual(DELAY_MIN * 60_000);
  expect(escalated).toMatchObject({ step: 1, open: true });

  // Exactly once: one page per step, one "paged" entry per step; and nothing for the answered incident.
  await sleep(2000);
  const pages = await db.page.findMany({ where: { incident: { number: Number(waiting.slice(4)), orgId: org.id } }, orderBy: { createdAt: "asc" } });
  expect(pages.map((p) => p.step)).toEqual([0, 1]);
  const timeline = (await call("GET", `/api/v1/incidents/${waiting}/timeline?after=0`, admin)).body.items as { kind: string }[];
  expect(timeline.filter((e) => e.kind === "paged")).toHaveLength(2);
  const answeredPages = await db.page.count({ where: { incident: { number: Number(answered.slice(4)), orgId: org.id } } });
  expect(answeredPages).toBe(1);
  expect((await call("GET", `/api/v1/incidents/${answered}/pages`, admin)).body.escalations[0].status).toBe("acknowledged");
});

it("by default refuses a webhook that is not https to a public host (the test server above runs without CONN_WEBHOOK_ALLOW_PRIVATE)", async () => {
  const org = await createOrg(db);
  const admin = await org.user("admin");
  for (const url of [
    "http://example.com/hook",
    "https://127.0.0.1/hook",
    "https://[::1]/hook",
    "https://169.254.169.254/latest",
    // Other spellings of loopback and private addresses
    "https://[::ffff:127.0.0.1]/",
    "https://[::ffff:7f00:1]/",
    "https://[64:ff9b::7f00:1]/",
    "https://[::127.0.0.1]/",
    "https://[::ffff:a9fe:a9fe]/latest",
    "https://[2002:7f00:1::]/",
    "https://[fd00::1]/",
    "https://2130706433/",
    "https://0x7f.1/",
    "https://127.1/",
    "https://0177.0.0.1/",
    "https://localhost/hook",
  ]) {
    const res = await api("POST", "/api/v1/notification-channels", { token: admin.token, body: { name: "Internal", url }, base: server.baseUrl });
    expect(res.status, url).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(["url"]);
  }
  expect(await db.notificationChannel.count({ where: { orgId: org.id } })).toBe(0);
});

it("links carry the configured public URL (CONN_PUBLIC_URL), not the address the server listens on", async () => {
  const org = await createOrg(db);
  const [admin, oncall] = await Promise.all([org.user("admin"), org.user("responder")]);
  const base = server.baseUrl;
  const schedule = await api("POST", "/api/v1/schedules", {
    token: admin.token,
    base,
    body: { name: "Links", timeZone: "UTC", layers: [{ start: "2026-01-01T00:00", shift: { unit: "day", count: 1 }, participants: [oncall.handle] }] },
  });
  expect(schedule.status).toBe(201);
  const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");
  for (const path of [`/api/v1/schedules/${schedule.body.id}/calendar.ics`, "/api/v1/users/me/shifts.ics"]) {
    const res = await fetch(`${base}${path}?token=${encodeURIComponent(oncall.token)}`);
    expect(res.status, path).toBe(200);
    const ics = unfold(await res.text());
    const urls = [...ics.matchAll(/^URL:(.*)$/gm)].map((m) => m[1]!.trim());
    expect(urls.length, path).toBeGreaterThan(0);
    for (const url of urls) expect(url).toBe(`${PUBLIC_URL}/schedules/${schedule.body.id}`);
    expect(ics).not.toContain("localhost");
  }

  const feed = await fetch(`${base}/api/v1/status/feed.atom`, { headers: { authorization: `Bearer ${admin.token}` } });
  const xml = await feed.text();
  expect(xml).toContain(`href="${PUBLIC_URL}/api/v1/status/feed.atom"`);
  expect(xml).not.toContain("localhost");

  const ref = (await api("POST", "/api/v1/incidents", { token: admin.token, base, body: { title: "Shared", severity: "SEV3" } })).body.ref;
  const link = await api("POST", `/api/v1/incidents/${ref}/share-links`, { token: admin.token, base, body: {} });
  expect(link.status).toBe(201);
  expect(link.body.url.startsWith(`${PUBLIC_URL}/share/`)).toBe(true);
});

it("sends Strict-Transport-Security when the public URL is https, on pages and API answers", async () => {
  for (const path of ["/signin", "/api/health", "/api/v1/incidents"]) {
    const res = await fetch(`${server.baseUrl}${path}`);
    expect(res.headers.get("strict-transport-security"), path).toBe("max-age=31536000; includeSubDomains");
  }
});

it("webhook pages' Acknowledge links carry the public URL (a job has no request); restarted with CONN_WEBHOOK_ALLOW_PRIVATE=1 for a loopback receiver", { timeout: 180_000 }, async () => {
  await db.$disconnect();
  await server.stop();
  await start(true, { CONN_WEBHOOK_ALLOW_PRIVATE: "1" });
  const received: any[] = [];
  const receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push(JSON.parse(body));
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
  try {
    const base = server.baseUrl;
    const org = await createOrg(db);
    const [admin, oncall, declarer] = await Promise.all([org.user("admin"), org.user("responder"), org.user("responder")]);
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const channel = await api("POST", "/api/v1/notification-channels", { token: admin.token, base, body: { name: "Slack", url } });
    expect(channel.status).toBe(201);
    const policy = await api("POST", "/api/v1/escalation-policies", {
      token: admin.token,
      base,
      body: { name: "Links", steps: [{ targets: [{ kind: "user", user: oncall.handle }], delayMinutes: 5 }] },
    });
    expect(policy.status).toBe(201);
    const service = await org.service("SVC-LINKS");
    await db.service.update({ where: { id: service.id }, data: { escalationPolicyId: policy.body.id } });
    const ref = (await api("POST", "/api/v1/incidents", { token: declarer.token, base, body: { title: "Links point where users are", severity: "SEV2", services: [service.key] } })).body.ref;
    const message = await until("the webhook delivery", async () => received.find((m) => m.conn?.page?.incident === ref), 30_000);
    const button = message.blocks.find((b: any) => b.type === "actions").elements[0];
    expect(button.url).toBe(`${PUBLIC_URL}/pages?page=${message.conn.page.id}`);
    expect(message.conn.page.url).toBe(button.url);
    expect(message.text).toContain(`Acknowledge: ${PUBLIC_URL}/pages?page=`);

    // The channel's test message (built in a request) says the same.
    const test = await api("POST", `/api/v1/notification-channels/${channel.body.id}/test`, { token: admin.token, base });
    expect(test.body).toMatchObject({ ok: true });
    expect(received.at(-1).blocks.at(-1).elements[0].url.startsWith(`${PUBLIC_URL}/pages?page=`)).toBe(true);
  } finally {
    await new Promise<void>((r) => receiver.close(() => r()));
  }
});

it("a silent heartbeat pages on time after a kill -9 and restart: the server that made it is gone, the new one raises it at its deadline; one alert, one incident, one page", { timeout: 180_000 }, async () => {
  const org = await createOrg(db);
  const [admin, oncall] = await Promise.all([org.user("admin"), org.user("responder")]);
  const call = (method: string, path: string, body?: unknown) => api(method, path, { token: admin.token, body, base: server.baseUrl });
  const policy = await call("POST", "/api/v1/escalation-policies", { name: "Heartbeats", steps: [{ targets: [{ kind: "user", user: oncall.handle }], delayMinutes: 5 }] });
  expect(policy.status).toBe(201);
  const service = await org.service("SVC-HB-RESTART");
  await db.service.update({ where: { id: service.id }, data: { escalationPolicyId: policy.body.id } });
  const made = await call("POST", `/api/v1/services/${service.key}/heartbeats`, { name: "nightly-backup", intervalMinutes: 1 });
  expect(made.status).toBe(201);
  const deadline = new Date(made.body.expiresAt).getTime();

  await db.$disconnect();
  await server.crash();
  const restarted = Date.now();
  await start(true);
  console.log(`heartbeat restart: the server was back ${((Date.now() - restarted) / 1000).toFixed(1)} s after the kill, ${((deadline - Date.now()) / 1000).toFixed(1)} s before the deadline`);

  const page = await until("the on-call's page", () => db.page.findFirst({ where: { orgId: org.id, userId: oncall.id } }), 120_000);
  const late = page.createdAt.getTime() - deadline;
  console.log(`heartbeat restart: paged ${(late / 1000).toFixed(1)} s after the deadline`);
  expect(late).toBeGreaterThanOrEqual(0);
  // On time: the job's run_at is the deadline; the worker polls every second or two, the first escalation step pages at once.
  expect(late).toBeLessThan(30_000);

  await sleep(3000);
  const alerts = await db.alert.findMany({ where: { serviceId: service.id } });
  expect(alerts.map((a) => [a.identity, a.status, a.source])).toEqual([["heartbeat:nightly-backup", "firing", "heartbeat"]]);
  expect(await db.incident.count({ where: { orgId: org.id } })).toBe(1);
  expect(await db.page.count({ where: { orgId: org.id } })).toBe(1);
  expect((await call("GET", `/api/v1/services/${service.key}/heartbeats`)).body.items[0]).toMatchObject({ name: "nightly-backup", down: true });
});

it("pings CONN_HEARTBEAT_URL at start and each minute while paging is healthy; not while a paging job is overdue; the URL's secret is never logged", { timeout: 180_000 }, async () => {
  const pings: { method: string; url: string; agent: string | undefined }[] = [];
  const monitor = http.createServer((req, res) => {
    pings.push({ method: req.method!, url: req.url!, agent: req.headers["user-agent"] });
    res.writeHead(200).end("OK");
  });
  await new Promise<void>((r) => monitor.listen(0, "127.0.0.1", () => r()));
  const secret = "5f3c1a0e-2b7d-4c1e-9a8f-heartbeat-secret";
  try {
    await db.$disconnect();
    await server.stop();
    await start(true, { CONN_HEARTBEAT_URL: `http://127.0.0.1:${(monitor.address() as AddressInfo).port}/ping/${secret}` });
    await until("the first ping", async () => pings.length > 0 || null, 30_000);
    expect(pings[0]).toEqual({ method: "GET", url: `/ping/${secret}`, agent: "Conn-Heartbeat/1" });
    // The next one is a minute on, and there is one pending heartbeat job, not one per start.
    const next = async () => db.$queryRaw<{ run_at: Date }[]>`SELECT run_at FROM graphile_worker.jobs WHERE key = 'conn.heartbeat'`;
    const pending = await until("the next heartbeat job", async () => ((await next()).length ? next() : null), 10_000);
    expect(pending).toHaveLength(1);
    const ahead = pending[0]!.run_at.getTime() - Date.now();
    expect(ahead).toBeGreaterThan(45_000);
    expect(ahead).toBeLessThanOrEqual(60_000);
    const runNow = () => db.$executeRaw`SELECT graphile_worker.add_job('conn.heartbeat', '{}'::json, job_key := 'conn.heartbeat', max_attempts := 1)`;

    // A paging job left overdue, as behind a wedged worker: its queue is held, so no worker takes it.
    await db.$executeRaw`SELECT graphile_worker.add_job('escalation.advance', '{"escalationId":"wedged","step":0,"round":0}'::json, queue_name := 'conn-test-wedged', run_at := now() + interval '1 hour', job_key := 'conn-test-wedged')`;
    await db.$executeRaw`UPDATE graphile_worker._private_job_queues SET locked_at = now(), locked_by = 'wedged-worker' WHERE queue_name = 'conn-test-wedged'`;
    await db.$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = now() - interval '5 minutes' WHERE key = 'conn-test-wedged'`;
    const before = pings.length;
    const logFile = path.join(path.dirname(server.dataDir), `${NAME}.log`);
    await runNow();
    await until("the skipped ping in the log", async () => fs.readFileSync(logFile, "utf8").includes("heartbeat: not pinged: 1 paging job overdue (the oldest due 5m ago)") || null, 15_000);
    expect(pings.length).toBe(before);

    // Taken care of: the next run pings again.
    await db.$executeRaw`SELECT graphile_worker.remove_job('conn-test-wedged')`;
    await runNow();
    await until("the ping after recovery", async () => pings.length > before || null, 15_000);
    const log = fs.readFileSync(logFile, "utf8");
    expect(log).toContain(`heartbeat: pinging http://127.0.0.1:${(monitor.address() as AddressInfo).port} each minute`);
    expect(log).not.toContain(secret);
  } finally {
    monitor.close();
  }
});
