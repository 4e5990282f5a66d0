// npm run bench:alerts — how many alerts a second Conn takes, and how fast it answers.
//
// autocannon posts PagerDuty Events v2 triggers (60 % new dedup keys, 40 % repeats of ones already sent; one in five
// critical, so incidents open and alerts join them) to Conn's /api/v1/alerts/events for 30 s, against the real server
// (production build, fresh embedded Postgres), over 5 integration keys on 5 services. In the same run, the baseline:
// a bare Node HTTP server on the same machine that stores the same body in the same Postgres (one INSERT) and answers
// 202 — what taking an alert costs at the least, so Conn's own cost shows.
//
// Targets (issue 16): ≥ 300 alerts/s, p99 ≤ 250 ms, throughput ≥ 0.3× the baseline, 0 errors.
// BENCH_SECONDS (default 30) sets each run's length, BENCH_CRITICAL (default 0.2) the critical share, and BENCH_PROBE=1
// adds two runs that show where the time goes: GET /api/health (Next's own cost per request) and Events v2 with an
// unknown key (the route up to the key lookup, answered 400).
// A benchmark, not a test: it prints its figures and whether each target is met, and exits 0 unless something broke
// (1), or 130 when interrupted. Both servers are stopped at the end, on error and on Ctrl-C.
import http from "node:http";
import os from "node:os";
import { randomUUID } from "node:crypto";
import autocannon from "autocannon";
import { Pool } from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { startTestServer } from "@/e2e/test-server";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { poolConfigFromUrl } from "@/lib/server/db";
import { hashToken } from "@/lib/server/tokens";

const HOST = "127.0.0.1";
// Away from the ports CI's test servers (3101, 3102, 54401, 54402) and bench:realtime (3200, 3201, 54420) use.
const CONN_PORT = 3210;
const PG_PORT = 54430;
const BARE_PORT = 3211;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 30);
const CONNECTIONS = 16;
const KEYS = 5;
const NEW_SHARE = 0.6;
const CRITICAL_SHARE = Number(process.env.BENCH_CRITICAL ?? 0.2);

const TARGET_RATE = 300;
const TARGET_P99_MS = 250;
const TARGET_RATIO = 0.3;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

const cleanups: Array<() => Promise<void>> = [];
let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const stop of cleanups.splice(0).reverse()) await stop().catch((error: unknown) => console.error(`bench: cleanup: ${message(error)}`));
  })();
  return cleaning;
}
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error(`\nbench: ${signal}, stopping the servers…`);
    void cleanup().finally(() => process.exit(130));
  });
}

/** An organization with KEYS services, one integration key each. */
async function seed(databaseUrl: string): Promise<string[]> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ ...poolConfigFromUrl(databaseUrl), max: 2 }) });
  try {
    const suffix = randomUUID().slice(0, 8);
    const org = await prisma.organization.create({ data: { slug: `bench-${suffix}`, name: `Bench ${suffix}` } });
    const secrets: string[] = [];
    for (let k = 0; k < KEYS; k++) {
      const service = await prisma.service.create({ data: { orgId: org.id, key: `SVC-BENCH${k}`, name: `Bench ${k}`, tier: 2 } });
      const secret = `conn_ik_bench_${randomUUID()}`;
      await prisma.integrationKey.create({ data: { orgId: org.id, serviceId: service.id, name: `bench ${k}`, keyHash: hashToken(secret), prefix: secret.slice(0, 12) } });
      secrets.push(secret);
    }
    return secrets;
  } finally {
    await prisma.$disconnect();
  }
}

/** The baseline: read the body, one INSERT of it, answer 202. */
async function startBare(databaseUrl: string): Promise<string> {
  const pool = new Pool({ ...poolConfigFromUrl(databaseUrl), max: 10 });
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_bare_delivery (id bigserial PRIMARY KEY, body text NOT NULL, received_at timestamptz NOT NULL DEFAULT now())`);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      pool.query("INSERT INTO bench_bare_delivery (body) VALUES ($1)", [Buffer.concat(chunks).toString("utf8")]).then(
        () => {
          res.writeHead(202, { "content-type": "application/json" });
          res.end('{"status":"success"}');
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(BARE_PORT, HOST, resolve));
  cleanups.push(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await pool.end();
  });
  return `http://${HOST}:${BARE_PORT}`;
}

/** 60 % new dedup keys, 40 % repeats of sent ones; deterministic, so both servers get the same stream. */
function eventStream(secrets: string[]) {
  let n = 0;
  const sent: string[] = [];
  return () => {
    n++;
    const secret = secrets[n % secrets.length]!;
    const repeat = sent.length > 0 && (n * 0.618) % 1 >= NEW_SHARE;
    const dedup = repeat ? sent[(n * 7919) % sent.length]! : `bench-${n}`;
    if (!repeat) sent.push(dedup);
    const severity = (n * 0.377) % 1 < CRITICAL_SHARE ? "critical" : (["warning", "info", "error"] as const)[n % 3]!;
    return JSON.stringify({ routing_key: secret, event_action: "trigger", dedup_key: dedup, payload: { summary: `Bench alert ${dedup}`, source: `host-${n % 40}`, severity, custom_details: { n } } });
  };
}

interface Run {
  rate: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
}

async function load(url: string, secrets: string[]): Promise<Run> {
  const next = eventStream(secrets);
  const result = await autocannon({
    url: `${url}/api/v1/alerts/events`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        setupRequest: (req) => ({ ...req, body: next() }),
      },
    ],
  });
  return { rate: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts, non2xx: result.non2xx, total: result.requests.total };
}

const line = (name: string, r: Run) => `${name.padEnd(28)} ${r.rate.toFixed(0).padStart(6)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   ${r.total} requests, ${r.errors} errors, ${r.non2xx} non-2xx`;

async function main() {
  console.log(`starting Conn on ${HOST}:${CONN_PORT} (production build — built first if stale — and a fresh embedded Postgres on ${PG_PORT})…`);
  const server = await startTestServer({ name: "bench-alerts", port: CONN_PORT, pgPort: PG_PORT });
  cleanups.push(() => server.stop());
  const secrets = await seed(server.databaseUrl);
  const bare = await startBare(server.databaseUrl);
  console.log(`Conn ready (log: .conn-test-data/bench-alerts.log); bare HTTP + INSERT on ${bare}`);
  console.log(`${DURATION_S} s each, ${CONNECTIONS} connections, Events v2 triggers: ${NEW_SHARE * 100} % new, ${100 - NEW_SHARE * 100} % repeats, ${CRITICAL_SHARE * 100} % critical, over ${KEYS} keys\n`);

  // A short warm-up of each (JIT, pools, Next's first compile of the route): not counted.
  const warm = eventStream(secrets);
  for (let i = 0; i < 50; i++) {
    await fetch(`http://${HOST}:${CONN_PORT}/api/v1/alerts/events`, { method: "POST", headers: { "content-type": "application/json" }, body: warm() });
    await fetch(`${bare}/api/v1/alerts/events`, { method: "POST", body: warm() });
  }
  const baseline = await load(bare, secrets);
  console.log(line("bare HTTP + INSERT", baseline));
  const conn = await load(`http://${HOST}:${CONN_PORT}`, secrets);
  console.log(line("Conn /api/v1/alerts/events", conn));

  if (process.env.BENCH_PROBE) {
    // Where the time goes: Next's own cost per request (GET /api/health reads the database once), and the route
    // up to the key lookup (an unknown routing_key: body read, parsed, one indexed read, 400).
    const health = await autocannon({ url: `http://${HOST}:${CONN_PORT}/api/health`, connections: CONNECTIONS, duration: 10 });
    console.log(`GET /api/health: ${health.requests.average.toFixed(0)} req/s p99 ${health.latency.p99} ms`);
    const unknown = await load(`http://${HOST}:${CONN_PORT}`, ["conn_ik_unknown"]);
    console.log(line("events, unknown key (400)", unknown));
  }
  const ratio = conn.rate / baseline.rate;
  const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
  console.log("");
  console.log(`alerts/s: ${conn.rate.toFixed(0)} (target ≥ ${TARGET_RATE}) — ${verdict(conn.rate >= TARGET_RATE)}`);
  console.log(`p99: ${conn.p99} ms (target ≤ ${TARGET_P99_MS} ms) — ${verdict(conn.p99 <= TARGET_P99_MS)}`);
  console.log(`throughput vs baseline: ${ratio.toFixed(2)}× (target ≥ ${TARGET_RATIO}×) — ${verdict(ratio >= TARGET_RATIO)}`);
  console.log(`errors: ${conn.errors + conn.non2xx} (target 0) — ${verdict(conn.errors + conn.non2xx === 0)}`);
  console.log(`\nmachine: ${os.cpus().length} CPU(s), node ${process.version}; stopping the servers…`);
  await cleanup();
}

main().then(
  () => {
    if (!interrupted) process.exit(0);
  },
  async (error: unknown) => {
    if (interrupted) return;
    console.error(`bench: ${message(error)}`);
    console.error("(Conn's server log: .conn-test-data/bench-alerts.log)");
    await cleanup();
    process.exit(1);
  },
);
