// Heartbeats (issue 16) against the real server: made by an admin with their own key, pinged by id (Bearer or
// ?key=) or Opsgenie-style by name (GenieKey); a deadline passing with no ping raises an alert through the service's
// rules (by the defaults a critical one opens an incident); the next ping resolves it. Here the deadline is brought
// forward in the database (the durable job is the same one; e2e/api/escalation-restart.test.ts waits a real minute
// across a kill -9).
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { heartbeatSnippets } from "@/lib/domain/alerts/snippets";
import { api, baseUrl, createOrg, testDb, until, type TestOrg, type TestUser } from "./factories";

let org: TestOrg;
let admin: TestUser;
let responder: TestUser;
let n = 0;

beforeAll(async () => {
  org = await createOrg();
  [admin, responder] = await Promise.all([org.user("admin"), org.user("responder")]);
});

afterAll(async () => {
  await testDb().$disconnect();
});

async function serviceWithHeartbeat(body: Record<string, unknown> = {}) {
  const key = `SVC-HB${++n}${Date.now().toString(36).toUpperCase()}`;
  const service = await testDb().service.create({ data: { orgId: org.id, key, name: `Heartbeat ${n}`, tier: 2 }, select: { id: true } });
  const made = await api("POST", `/api/v1/services/${key}/heartbeats`, { token: admin.token, body: { name: "nightly-backup", intervalMinutes: 60, ...body } });
  expect(made.status).toBe(201);
  return { key, serviceId: service.id, heartbeat: made.body as { id: string; key: string; name: string; pingPath: string; expiresAt: string } };
}

const ping = (path: string, headers: Record<string, string> = {}, method = "POST") => fetch(`${baseUrl()}${path}`, { method, headers });

/** As if the deadline had passed now: the pending job and the row both say so. */
async function passDeadline(id: string) {
  await testDb().heartbeat.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  await testDb().$executeRaw`SELECT graphile_worker.add_job('heartbeats.expire', json_build_object('heartbeatId', ${id}::text), run_at := now(), job_key := ${`heartbeats.expire:${id}`}::text)`;
}

describe("heartbeats", () => {
  it("an admin makes one (its key shown once), everyone lists it; bad input is a 400 naming the field, a second of one name a 409", async () => {
    const { key, heartbeat } = await serviceWithHeartbeat();
    expect(heartbeat.key).toMatch(/^conn_ik_/);
    expect(heartbeat.pingPath).toBe(`/api/v1/heartbeats/${heartbeat.id}/ping`);
    const expires = Date.parse(heartbeat.expiresAt) - Date.now();
    expect(expires).toBeGreaterThan(59 * 60_000);
    expect(expires).toBeLessThanOrEqual(60 * 60_000);

    const listed = await api("GET", `/api/v1/services/${key}/heartbeats`, { token: responder.token });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ name: "nightly-backup", intervalMinutes: 60, severity: "critical", lastPingAt: null, down: false })]);
    expect(JSON.stringify(listed.body)).not.toContain(heartbeat.key);
    // Its key is among the service's keys, named as the heartbeat's own.
    const keys = await api("GET", `/api/v1/services/${key}/integration-keys`, { token: admin.token });
    expect(keys.body.items.map((k: { name: string; heartbeat: string | null }) => [k.name, k.heartbeat])).toEqual([["Heartbeat nightly-backup", "nightly-backup"]]);

    expect((await api("POST", `/api/v1/services/${key}/heartbeats`, { token: responder.token, body: { name: "x", intervalMinutes: 5 } })).status).toBe(403);
    const bad = await api("POST", `/api/v1/services/${key}/heartbeats`, { token: admin.token, body: { name: "no spaces", intervalMinutes: 0 } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["intervalMinutes", "name"]);
    const tooLong = await api("POST", `/api/v1/services/${key}/heartbeats`, { token: admin.token, body: { name: "monthly", intervalMinutes: 43_201 } });
    expect(tooLong.body.error.fields).toEqual({ intervalMinutes: "At most 30 days (43,200 minutes)" });
    const again = await api("POST", `/api/v1/services/${key}/heartbeats`, { token: admin.token, body: { name: "nightly-backup", intervalMinutes: 5 } });
    expect(again.status).toBe(409);
    expect(await testDb().heartbeat.count({ where: { service: { key } } })).toBe(1);
  });

  it("a ping with its key moves the deadline on (Bearer, ?key=, GET or POST); Opsgenie's ping by name with GenieKey; wrong keys and names are refused", async () => {
    const { key, heartbeat } = await serviceWithHeartbeat({ intervalMinutes: 10 });
    const first = await ping(heartbeat.pingPath, { authorization: `Bearer ${heartbeat.key}` });
    expect(first.status).toBe(202);
    const body = await first.json();
    expect(body).toMatchObject({ status: "pong", name: "nightly-backup" });
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(9 * 60_000);
    expect((await ping(`${heartbeat.pingPath}?key=${encodeURIComponent(heartbeat.key)}`, {}, "GET")).status).toBe(202);
    const row = await testDb().heartbeat.findUniqueOrThrow({ where: { id: heartbeat.id } });
    expect(row.lastPingAt).not.toBeNull();

    const opsgenie = await ping(`/api/v1/alerts/opsgenie/v2/heartbeats/nightly-backup/ping`, { authorization: `GenieKey ${heartbeat.key}` }, "GET");
    expect(opsgenie.status).toBe(202);
    expect(await opsgenie.json()).toMatchObject({ result: "PONG - Heartbeat received", took: expect.any(Number), requestId: expect.any(String) });
    // Any key of the service pings by name; a key of another service does not see it.
    const senderKey = await api("POST", `/api/v1/services/${key}/integration-keys`, { token: admin.token, body: { name: "Opsgenie SDK" } });
    expect((await ping(`/api/v1/alerts/opsgenie/v2/heartbeats/nightly-backup/ping`, { authorization: `GenieKey ${senderKey.body.key}` })).status).toBe(202);
    const other = await serviceWithHeartbeat({ name: "other" });
    expect((await ping(`/api/v1/alerts/opsgenie/v2/heartbeats/nightly-backup/ping`, { authorization: `GenieKey ${other.heartbeat.key}` })).status).toBe(404);
    expect((await ping(`/api/v1/alerts/opsgenie/v2/heartbeats/never-made/ping`, { authorization: `GenieKey ${heartbeat.key}` })).status).toBe(404);

    expect((await ping(heartbeat.pingPath)).status).toBe(401);
    expect((await ping(heartbeat.pingPath, { authorization: "Bearer conn_ik_wrong" })).status).toBe(401);
    // Another key of the service is not this heartbeat's own: by id, only its own key pings.
    expect((await ping(heartbeat.pingPath, { authorization: `Bearer ${senderKey.body.key}` })).status).toBe(404);
    expect((await ping(`/api/v1/heartbeats/${encodeURIComponent("../x y")}/ping`, { authorization: `Bearer ${heartbeat.key}` })).status).toBe(404);
  });

  it("the ping commands the service page shows with a new heartbeat, run by a real shell and curl, each move its deadline on", async () => {
    const { heartbeat } = await serviceWithHeartbeat({ name: "shell-job", intervalMinutes: 30 });
    const snippets = heartbeatSnippets({ origin: baseUrl(), secret: heartbeat.key, id: heartbeat.id, name: heartbeat.name });
    const shell = snippets.filter((s) => s.language === "shell");
    expect(shell).toHaveLength(2);
    let last = 0;
    for (const s of shell) {
      expect(execFileSync("bash", ["-c", `${s.text} -o /dev/null -w '%{http_code}'`], { encoding: "utf8" }), s.title).toBe("202");
      const row = await testDb().heartbeat.findUniqueOrThrow({ where: { id: heartbeat.id } });
      expect(row.lastPingAt!.getTime(), s.title).toBeGreaterThan(last);
      last = row.lastPingAt!.getTime();
    }
    // The crontab line runs the job first and pings only when it succeeded (&&).
    expect(snippets.find((s) => s.title.startsWith("crontab"))!.text).toMatch(/^0 2 \* \* \* \S+ && curl -fsS /);
  });

  it("silent past its deadline it raises a critical alert through the rules (an incident opens), exactly once; a ping resolves it; deleting it revokes its key", async () => {
    const { key, serviceId, heartbeat } = await serviceWithHeartbeat({ intervalMinutes: 5 });
    await passDeadline(heartbeat.id);
    const alert = await until("the heartbeat's alert", async () => testDb().alert.findFirst({ where: { serviceId, identity: "heartbeat:nightly-backup" } }));
    expect(alert).toMatchObject({ source: "heartbeat", status: "firing", severity: "critical", action: "open" });
    expect(alert.summary).toBe("No ping from heartbeat nightly-backup within 5m");
    expect((alert.annotations as { description: string }).description).toMatch(/^Expected a ping at least every 5m; it has not been pinged since it was set up /);
    expect(alert.incidentId).not.toBeNull();
    expect((await testDb().heartbeat.findUniqueOrThrow({ where: { id: heartbeat.id } })).down).toBe(true);
    const listed = await api("GET", `/api/v1/services/${key}/heartbeats`, { token: responder.token });
    expect(listed.body.items[0].down).toBe(true);

    // The same expiry run again (a retry after a crash) raises nothing more.
    await passDeadline(heartbeat.id);
    await new Promise((r) => setTimeout(r, 2500));
    expect(await testDb().alert.count({ where: { serviceId } })).toBe(1);
    expect((await testDb().alert.findUniqueOrThrow({ where: { id: alert.id } })).occurrences).toBe(1);

    // The next ping resolves it (the incident stays open: alerts never resolve one).
    expect((await ping(heartbeat.pingPath, { authorization: `Bearer ${heartbeat.key}` })).status).toBe(202);
    expect((await testDb().alert.findUniqueOrThrow({ where: { id: alert.id } })).status).toBe("resolved");
    expect((await testDb().heartbeat.findUniqueOrThrow({ where: { id: heartbeat.id } })).down).toBe(false);
    expect((await testDb().incident.findUniqueOrThrow({ where: { id: alert.incidentId! } })).status).not.toBe("resolved");
    // Its deliveries are on the service page: the silence and the ping that ended it.
    const deliveries = await testDb().alertDelivery.findMany({ where: { serviceId }, orderBy: { receivedAt: "asc" } });
    expect(deliveries.map((d) => [d.source, (d.outcome as { transition: string }[])[0]?.transition])).toEqual([
      ["heartbeat", "open"],
      ["heartbeat", "resolve"],
    ]);

    expect((await api("DELETE", `/api/v1/services/${key}/heartbeats/${heartbeat.id}`, { token: responder.token })).status).toBe(403);
    expect((await api("DELETE", `/api/v1/services/${key}/heartbeats/${heartbeat.id}`, { token: admin.token })).status).toBe(200);
    expect((await ping(heartbeat.pingPath, { authorization: `Bearer ${heartbeat.key}` })).status).toBe(401);
    expect(await testDb().heartbeat.count({ where: { id: heartbeat.id } })).toBe(0);
  });

  it("a warning heartbeat is recorded by the default rules, opening nothing; deleting one that is down resolves its alert", async () => {
    const { key, serviceId, heartbeat } = await serviceWithHeartbeat({ name: "queue-consumer", intervalMinutes: 1, severity: "warning" });
    await passDeadline(heartbeat.id);
    const alert = await until("the warning", async () => testDb().alert.findFirst({ where: { serviceId, identity: "heartbeat:queue-consumer" } }));
    expect(alert).toMatchObject({ severity: "warning", action: "record", incidentId: null });
    expect((await api("DELETE", `/api/v1/services/${key}/heartbeats/${heartbeat.id}`, { token: admin.token })).status).toBe(200);
    expect((await testDb().alert.findUniqueOrThrow({ where: { id: alert.id } })).status).toBe("resolved");
  });
});
