// Starts the real server (production build, embedded Postgres in its own data
// directory and port) for integration and browser tests, and stops it.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");

/**
 * Test servers listen on fixed ports plus `CONN_TEST_PORT_OFFSET` (default 0), so
 * two checkouts on one machine can run their suites side by side.
 */
export const TEST_PORT_OFFSET = Number(process.env.CONN_TEST_PORT_OFFSET ?? 0);
export const testPorts = {
  integration: { port: 3101 + TEST_PORT_OFFSET, pgPort: 54401 + TEST_PORT_OFFSET },
  /** A second server the restart tests start, kill and start again on the same data. */
  restart: { port: 3103 + TEST_PORT_OFFSET, pgPort: 54403 + TEST_PORT_OFFSET },
  e2e: { port: 3102 + TEST_PORT_OFFSET, pgPort: 54402 + TEST_PORT_OFFSET },
};

export interface TestServer {
  baseUrl: string;
  databaseUrl: string;
  dataDir: string;
  stop(): Promise<void>;
  /** kill -9: no shutdown at all (its embedded Postgres keeps running, as after a crash). */
  crash(): Promise<void>;
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`test server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`test server at ${url} not healthy after ${timeoutMs} ms`);
}

export async function startTestServer(opts: { name: string; port: number; pgPort: number; env?: Record<string, string>; keepData?: boolean }): Promise<TestServer> {
  const dataDir = path.join(ROOT, ".conn-test-data", opts.name);
  if (!opts.keepData) fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const child = spawn(process.execPath, [...(process.env.CONN_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.CONN_PROFILE_DIR}`] : []), "--import", "tsx", "server.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: "",
      PORT: String(opts.port),
      HOST: "127.0.0.1",
      CONN_DATA_DIR: dataDir,
      CONN_PG_PORT: String(opts.pgPort),
      NEXTAUTH_URL: `http://localhost:${opts.port}`,
      TSX_TSCONFIG_PATH: "tsconfig.server.json",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logFile = fs.createWriteStream(path.join(ROOT, ".conn-test-data", `${opts.name}.log`), { flags: opts.keepData ? "a" : "w" });
  child.stdout!.pipe(logFile);
  child.stderr!.pipe(logFile);
  const baseUrl = `http://localhost:${opts.port}`;
  await waitForHealth(baseUrl, child, 10 * 60_000);
  const password = fs.readFileSync(path.join(dataDir, "pg-password"), "utf8").trim();
  return {
    baseUrl,
    dataDir,
    databaseUrl: `postgresql://conn:${password}@127.0.0.1:${opts.pgPort}/conn`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 15_000)))]);
      clearTimeout(timer);
      if (child.exitCode === null) child.kill("SIGKILL");
      logFile.end();
    },
    async crash() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGKILL");
      await exited;
      logFile.end();
    },
  };
}
