// npm run bench:realtime — how long a write takes to reach the people watching.
//
// Measures write→deliver latency (POST a note → `incident.timeline.entry_added`
// arrives on each socket) for 1, 100 and 500 socket.io viewers of one incident,
// against the real server (production build, fresh embedded Postgres). In the
// same run, a bare socket.io server (scripts/bench-bare-socketio.ts: no auth,
// no database) broadcasts an event of the same shape and size to as many
// sockets: the baseline that tells Conn's own cost from socket.io's.
//
// Target: p99 at 500 viewers ≤ 150 ms and ≤ 3× the bare baseline.
// A benchmark, not a test: it prints its figures and whether the target is met,
// and exits 0 unless something broke (1), or 130 when interrupted.
//
// All traffic stays on 127.0.0.1. Both servers are stopped at the end, on error
// and on Ctrl-C; if this process is killed outright, Conn's server stops when it
// sees its parent gone and the bare server when its stdin closes.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import { io, type Socket } from "socket.io-client";
import { startTestServer } from "@/e2e/test-server";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { EntryAddedEvent } from "@/lib/realtime/events";
import { poolConfigFromUrl } from "@/lib/server/db";
import { generateToken } from "@/lib/server/tokens";

const ROOT = path.resolve(__dirname, "..");
const HOST = "127.0.0.1";
// Away from the ports CI's test servers use (3101, 3102, 54401, 54402).
const CONN_PORT = 3200;
const PG_PORT = 54420;
const BARE_PORT = 3201;

const LEVELS = [1, 100, 500] as const;
const WARMUP_WRITES = 5; // JIT, connection pools, Prisma's first queries: not counted
const WRITES = 40; // counted writes per level and system
const PAUSE_MS = 50; // between writes, so one write's fan-out never overlaps the next
const DELIVERY_TIMEOUT_MS = 5_000; // a socket that has not got a write by then counts as a loss
const VIEWER_USERS = 5; // sockets are spread over these (presence lists them by person)
const CONNECT_BATCH = 50; // concurrent handshakes: each is an auth query on Conn's side
const HANDSHAKE_TIMEOUT_MS = 15_000;
const QUIET_MS = 300; // joins broadcast presence to the room: wait for that storm to pass
const QUIET_LIMIT_MS = 10_000;
const CLOSE_SETTLE_MS = 1_000; // leaves broadcast presence too: let the server drain them
const RUN_LIMIT_MS = 5 * 60_000; // once the servers are up, the whole measurement must fit in this

const TARGET_P99_MS = 150;
const TARGET_RATIO = 3;

const ENTRY_ADDED = "incident.timeline.entry_added";
const PRESENCE_CHANGED = "incident.presence.changed";

type JoinAck = { ok: true; lastSeq: number } | { ok: false; error: { code: string; message: string } };

// ---------------------------------------------------------------------------
// Cleanup: everything started registers how to stop it; run once, in reverse.

const cleanups: Array<() => Promise<void>> = [];
let cleaning: Promise<void> | undefined;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const stop of cleanups.splice(0).reverse()) {
      await stop().catch((error: unknown) => console.error(`bench: cleanup: ${message(error)}`));
    }
  })();
  return cleaning;
}

let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    // A second signal means "now": the servers still stop on their own (parent gone / stdin closed).
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error(`\nbench: ${signal}, stopping the servers…`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------
// Small helpers.

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** True if `promise` settled within `ms`; never leaves a timer behind. */
async function within(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------
// The bare socket.io baseline, in its own process so that, like Conn, its
// event loop is not the one the viewers' sockets run on.

async function startBare(port: number): Promise<{ url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "bench-bare-socketio.ts"), String(port)], {
    cwd: ROOT,
    stdio: ["pipe", "pipe", "inherit"],
  });
  cleanups.push(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.stdin?.end(); // its cue to stop
    await Promise.race([exited, sleep(5_000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  const ready = new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      if (/^ready \d+$/m.test(out)) resolve();
    });
    child.once("exit", (code) => reject(new Error(`bare socket.io server exited with ${code} before it was ready`)));
    child.once("error", reject);
  });
  if (!(await within(ready, 30_000))) throw new Error("bare socket.io server not ready after 30 s");
  return { url: `http://${HOST}:${port}` };
}

// ---------------------------------------------------------------------------
// Test data, straight in the database (as e2e/api/factories.ts does).

async function seed(databaseUrl: string): Promise<{ responderToken: string; viewerTokens: string[] }> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ ...poolConfigFromUrl(databaseUrl), max: 2 }) });
  try {
    const suffix = randomUUID().slice(0, 8);
    const org = await prisma.organization.create({ data: { slug: `bench-${suffix}`, name: `Bench ${suffix}` } });
    const user = async (role: "responder" | "viewer", n: number): Promise<string> => {
      const handle = `bench-${role}-${n}-${suffix}`;
      const created = await prisma.user.create({
        data: { handle, email: `${handle}@bench.example`, name: `Bench ${role} ${n}`, memberships: { create: { orgId: org.id, role } } },
      });
      const { token, hash, prefix } = generateToken();
      await prisma.apiToken.create({ data: { orgId: org.id, userId: created.id, name: "bench", tokenHash: hash, prefix } });
      return token;
    };
    const responderToken = await user("responder", 0);
    const viewerTokens: string[] = [];
    for (let n = 1; n <= VIEWER_USERS; n++) viewerTokens.push(await user("viewer", n));
    return { responderToken, viewerTokens };
  } finally {
    await prisma.$disconnect();
  }
}

async function declareIncident(baseUrl: string, token: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/incidents`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ title: "Realtime benchmark", severity: "SEV2" }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await res.json()) as { ref?: unknown };
  if (res.status !== 201 || typeof body.ref !== "string") throw new Error(`declare: ${res.status} ${JSON.stringify(body)}`);
  return body.ref;
}

// ---------------------------------------------------------------------------
// Viewers: N sockets joined to the incident, each stamping when a write arrives.

/** One write in flight: which tag to look for, and when each socket got it. */
interface Round {
  tag: string;
  arrivals: Float64Array; // performance.now() per socket; NaN until delivered
  received: number;
  complete: () => void;
  done: Promise<void>;
}

class Viewers {
  readonly sockets: Socket[] = [];
  round: Round | undefined;
  /** The first real event seen: the template for the baseline's payload. */
  firstEvent: EntryAddedEvent | undefined;
  /** Last time any socket saw non-measured traffic (presence). */
  lastChatter = performance.now();

  constructor(readonly size: number) {}

  add(index: number, socket: Socket) {
    this.sockets.push(socket);
    socket.on(ENTRY_ADDED, (event: EntryAddedEvent) => {
      // Stamp first: everything after is bookkeeping, not delivery.
      const at = performance.now();
      this.firstEvent ??= event;
      const round = this.round;
      if (!round || event.entry?.data?.body !== round.tag || !Number.isNaN(round.arrivals[index])) return;
      round.arrivals[index] = at;
      if (++round.received === this.size) round.complete();
    });
    socket.on(PRESENCE_CHANGED, () => (this.lastChatter = performance.now()));
  }

  begin(tag: string): Round {
    let complete = () => {};
    const done = new Promise<void>((resolve) => (complete = resolve));
    const round: Round = { tag, arrivals: new Float64Array(this.size).fill(Number.NaN), received: 0, complete, done };
    this.round = round;
    return round;
  }

  /** Until no presence broadcast has arrived for QUIET_MS (bounded). */
  async quiet() {
    const deadline = performance.now() + QUIET_LIMIT_MS;
    while (performance.now() - this.lastChatter < QUIET_MS && performance.now() < deadline) await sleep(50);
  }

  close() {
    openViewers.delete(this);
    for (const socket of this.sockets) socket.close();
  }
}

const openViewers = new Set<Viewers>();
cleanups.push(async () => {
  for (const viewers of [...openViewers]) viewers.close();
});

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("socket handshake timed out")), HANDSHAKE_TIMEOUT_MS);
    socket.once("connect", () => (clearTimeout(timer), resolve()));
    socket.once("connect_error", (error: Error) => (clearTimeout(timer), reject(error)));
  });
}

async function openViewersOf(url: string, size: number, ref: string, tokens: readonly string[] | null): Promise<Viewers> {
  const viewers = new Viewers(size);
  openViewers.add(viewers);
  try {
    for (let start = 0; start < size; start += CONNECT_BATCH) {
      const batch: Promise<void>[] = [];
      for (let index = start; index < Math.min(size, start + CONNECT_BATCH); index++) {
        const token = tokens?.[index % tokens.length];
        const socket = io(url, {
          transports: ["websocket"],
          auth: token ? { token } : {},
          forceNew: true,
          reconnection: false,
        });
        viewers.add(index, socket);
        batch.push(
          (async () => {
            await connected(socket);
            const ack = (await socket.timeout(HANDSHAKE_TIMEOUT_MS).emitWithAck("incident:join", { ref })) as JoinAck;
            if (!ack.ok) throw new Error(`join ${ref}: ${ack.error.code} ${ack.error.message}`);
          })(),
        );
      }
      await Promise.all(batch);
    }
    await viewers.quiet();
    return viewers;
  } catch (error) {
    viewers.close();
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Measuring one level of one system.

/** Sends one write carrying `tag`; returns when the request started and when its response was read. */
type Send = (tag: string) => Promise<{ t0: number; t1: number }>;

interface LevelResult {
  latencies: number[]; // one per (socket, write) delivered
  lost: number; // (socket, write) pairs not delivered within DELIVERY_TIMEOUT_MS
  http: number[]; // per write: request round trip
  first: number[]; // per write: first socket's latency
  last: number[]; // per write: last socket's latency (delivered ones)
}

// One counter for both systems, so every write has a tag of the same length and is unique.
let writeCount = 0;
const nextTag = () => `bench ${String(++writeCount).padStart(6, "0")}`;

async function measure(viewers: Viewers, send: Send): Promise<LevelResult> {
  const result: LevelResult = { latencies: [], lost: 0, http: [], first: [], last: [] };
  for (let i = 0; i < WARMUP_WRITES + WRITES; i++) {
    const round = viewers.begin(nextTag());
    const { t0, t1 } = await send(round.tag);
    await within(round.done, DELIVERY_TIMEOUT_MS);
    viewers.round = undefined; // late arrivals of this write are ignored, it is already counted as lost
    if (i >= WARMUP_WRITES) {
      let first = Infinity;
      let last = -Infinity;
      for (const at of round.arrivals) {
        if (Number.isNaN(at)) {
          result.lost++;
          continue;
        }
        const latency = at - t0;
        result.latencies.push(latency);
        first = Math.min(first, latency);
        last = Math.max(last, latency);
      }
      result.http.push(t1 - t0);
      if (round.received > 0) {
        result.first.push(first);
        result.last.push(last);
      }
    }
    await sleep(PAUSE_MS);
  }
  return result;
}

function connSender(baseUrl: string, ref: string, token: string): Send {
  const url = `${baseUrl}/api/v1/incidents/${ref}/timeline`;
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  return async (tag) => {
    const body = JSON.stringify({ body: tag });
    const t0 = performance.now();
    const res = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(10_000) });
    const text = await res.text();
    const t1 = performance.now();
    if (res.status !== 201) throw new Error(`POST timeline: ${res.status} ${text.slice(0, 300)}`);
    return { t0, t1 };
  };
}

function bareSender(baseUrl: string, template: EntryAddedEvent): Send {
  const url = `${baseUrl}/broadcast`;
  const headers = { "content-type": "application/json" };
  let seq = template.entry.seq;
  return async (tag) => {
    // The real event with this write's body and seq: same shape, same size.
    const event: EntryAddedEvent = { ...template, entry: { ...template.entry, seq: ++seq, data: { ...template.entry.data, body: tag } } as EntryAddedEvent["entry"] };
    const body = JSON.stringify(event);
    const t0 = performance.now();
    const res = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer();
    const t1 = performance.now();
    if (res.status !== 201) throw new Error(`POST bare broadcast: ${res.status}`);
    return { t0, t1 };
  };
}

async function runLevel(url: string, size: number, ref: string, tokens: readonly string[] | null, send: (viewers: Viewers) => Send) {
  const viewers = await openViewersOf(url, size, ref, tokens);
  try {
    return { result: await measure(viewers, send(viewers)), firstEvent: viewers.firstEvent };
  } finally {
    viewers.close();
    await sleep(CLOSE_SETTLE_MS);
  }
}

/** Round trips of a read request, to split a write's request time into HTTP/Next, auth and the write itself. */
async function probe(url: string, headers: Record<string, string>, count = 20): Promise<Summary> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
    times.push(performance.now() - t0);
  }
  return summarize(times.slice(3)); // the first few pay for cold paths
}

// ---------------------------------------------------------------------------
// Figures.

interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of a sorted list. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: percentile(sorted, 100) };
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : "–");
const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : "–");

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(" | ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...rows.map(line)].join("\n");
}

// ---------------------------------------------------------------------------

async function main() {
  const cpus = os.cpus();
  console.log("Conn realtime benchmark: write → deliver latency (POST a note → entry_added on every viewer's socket)");
  console.log(`machine: ${cpus.length} CPU(s) (${cpus[0]?.model.trim() ?? "unknown"}), node ${process.version}, ${os.platform()} ${os.release()}`);
  console.log(`per level: ${WARMUP_WRITES} warm-up + ${WRITES} counted writes, one at a time, ${PAUSE_MS} ms apart; a delivery not seen within ${DELIVERY_TIMEOUT_MS} ms counts as lost`);
  console.log("rate limits are OFF for this run (CONN_RATE_LIMIT=0): the 120 writes/min/user limit would otherwise throttle the bench");
  console.log(`starting Conn on ${HOST}:${CONN_PORT} (production build — built first if stale — and a fresh embedded Postgres on ${PG_PORT})…`);

  const server = await startTestServer({ name: "bench", port: CONN_PORT, pgPort: PG_PORT, env: { CONN_RATE_LIMIT: "0" } });
  cleanups.push(() => server.stop());
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${RUN_LIMIT_MS / 1000} s of measuring; giving up`);
    void cleanup().finally(() => process.exit(1));
  }, RUN_LIMIT_MS);
  watchdog.unref();

  const bare = await startBare(BARE_PORT);
  const connUrl = `http://${HOST}:${CONN_PORT}`;
  const { responderToken, viewerTokens } = await seed(server.databaseUrl);
  const ref = await declareIncident(connUrl, responderToken);
  console.log(`Conn ready (log: .conn-test-data/bench.log), incident ${ref}; bare socket.io on ${HOST}:${BARE_PORT}\n`);

  const results: Array<{ size: number; conn: LevelResult; bare: LevelResult }> = [];
  let template: EntryAddedEvent | undefined;
  // Levels interleave Conn and bare, so both see the machine in the same state.
  for (const size of LEVELS) {
    const conn = await runLevel(connUrl, size, ref, viewerTokens, () => connSender(connUrl, ref, responderToken));
    template ??= conn.firstEvent;
    if (!template) throw new Error("no entry_added event reached any socket: nothing to model the baseline on");
    const baseline = template;
    const bareRun = await runLevel(bare.url, size, ref, null, () => bareSender(bare.url, baseline));
    results.push({ size, conn: conn.result, bare: bareRun.result });
    const c = summarize(conn.result.latencies);
    const b = summarize(bareRun.result.latencies);
    console.log(`  ${String(size).padStart(3)} viewer(s): conn p99 ${ms(c.p99)} ms, bare p99 ${ms(b.p99)} ms`);
  }
  // With no viewers connected: what a request costs before any write or fan-out.
  const health = await probe(`${connUrl}/api/health`, {});
  const read = await probe(`${connUrl}/api/v1/incidents/${ref}/timeline?limit=1`, { authorization: `Bearer ${responderToken}` });
  clearTimeout(watchdog);

  const payloadBytes = template ? Buffer.byteLength(JSON.stringify(template)) : 0;
  console.log(`\nlatency, ms (event payload ≈ ${payloadBytes} bytes of JSON; one sample per socket and write)`);
  console.log(
    table(
      ["viewers", "conn p50", "p95", "p99", "max", "bare p50", "p95", "p99", "max", "p99 conn/bare"],
      results.map(({ size, conn, bare }) => {
        const c = summarize(conn.latencies);
        const b = summarize(bare.latencies);
        return [String(size), ms(c.p50), ms(c.p95), ms(c.p99), ms(c.max), ms(b.p50), ms(b.p95), ms(b.p99), ms(b.max), times(c.p99 / b.p99)];
      }),
    ),
  );

  console.log("\nwhere the time goes, per write (medians, ms): request = the POST's round trip; first/last = first and last socket to get it");
  console.log(
    table(
      ["viewers", "system", "samples", "lost", "request", "first", "last", "last − first"],
      results.flatMap(({ size, conn, bare }) =>
        (
          [
            ["conn", conn],
            ["bare", bare],
          ] as const
        ).map(([name, r]) => {
          const spreads = r.last.map((last, i) => last - (r.first[i] ?? last));
          return [String(size), name, String(r.latencies.length), String(r.lost), ms(summarize(r.http).p50), ms(summarize(r.first).p50), ms(summarize(r.last).p50), ms(summarize(spreads).p50)];
        }),
      ),
    ),
  );

  console.log(
    `\nreference, no viewers (p50, ms): GET /api/health (HTTP + Next + SELECT 1) ${ms(health.p50)}; ` +
      `GET timeline (+ token auth + read) ${ms(read.p50)} — the POST's extra is the write transaction and its commit`,
  );

  const top = results.find((r) => r.size === 500);
  if (top) {
    const p99 = summarize(top.conn.latencies).p99;
    const ratio = p99 / summarize(top.bare.latencies).p99;
    const lost = top.conn.lost + top.bare.lost;
    console.log("");
    console.log(`p99 at 500 viewers: ${ms(p99)} ms (target ≤ ${TARGET_P99_MS} ms) — ${p99 <= TARGET_P99_MS ? "met" : "NOT met"}`);
    console.log(`ratio: ${times(ratio)} (target ≤ ${TARGET_RATIO}×) — ${ratio <= TARGET_RATIO ? "met" : "NOT met"}`);
    if (lost > 0) console.log(`note: ${lost} deliveries lost at 500 viewers (not in the percentiles above)`);
  }
  console.log(`\nmachine: ${cpus.length} CPU(s), node ${process.version}; stopping the servers…`);
  await cleanup();
}

main().then(
  () => {
    if (!interrupted) process.exit(0);
  },
  async (error: unknown) => {
    if (interrupted) return; // the signal handler is already stopping and exiting
    console.error(`bench: ${message(error)}`);
    if (process.env.CONN_DEBUG) console.error(error);
    console.error("(Conn's server log: .conn-test-data/bench.log)");
    await cleanup();
    process.exit(1);
  },
);
