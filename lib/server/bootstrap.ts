// Start-up of everything below the web server: the database (embedded when
// DATABASE_URL is unset), pending migrations, demo data on an empty database,
// the session secret, and a production build of the current sources.
// Used by server.ts and by the scripts; plain Node, no Next.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedDb } from "./embedded-postgres";
import { dataDir, env } from "./env";
import { migrateJobs } from "./jobs";

const ROOT = process.cwd();
const log = (line: string) => console.log(`[conn] ${line}`);

function run(command: string, args: string[], extraEnv: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...extraEnv } });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args.join(" ")} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);

/** The session secret: NEXTAUTH_SECRET, or one generated once into the data directory. */
export function ensureSessionSecret() {
  if (process.env.NEXTAUTH_SECRET) return;
  const file = path.join(dataDir(), "nextauth-secret");
  fs.mkdirSync(dataDir(), { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  process.env.NEXTAUTH_SECRET = fs.readFileSync(file, "utf8").trim();
}

export interface Database {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** Connect to DATABASE_URL, or start the embedded Postgres and point DATABASE_URL at it. */
export async function startDatabase(opts: { reuseRunning?: boolean } = {}): Promise<Database> {
  const e = env();
  if (e.DATABASE_URL) return { url: e.DATABASE_URL, embedded: false, stop: async () => {} };
  const started = Date.now();
  const embedded: EmbeddedDb = await startEmbeddedPostgres({ dataDir: dataDir(), port: e.CONN_PG_PORT, reuseRunning: opts.reuseRunning, log });
  process.env.DATABASE_URL = embedded.url;
  log(`embedded Postgres ready on 127.0.0.1:${e.CONN_PG_PORT} (${Date.now() - started} ms, data in ${dataDir()})`);
  return { url: embedded.url, embedded: true, stop: embedded.stop };
}

function migrationNames(): string[] {
  const dir = path.join(ROOT, "prisma", "migrations");
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const u = new URL(url);
  const client = new pg.Client({
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function pendingMigrations(client: pg.Client): Promise<string[]> {
  const exists = await client.query(`SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS ok`);
  const applied = new Set<string>();
  if (exists.rows[0].ok) {
    const rows = await client.query(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`);
    for (const row of rows.rows) applied.add(row.migration_name);
  }
  return migrationNames().filter((name) => !applied.has(name));
}

/**
 * Apply pending migrations (prisma migrate deploy, ~11 s, only when something is
 * pending) and seed demo data into an empty database when asked. An advisory
 * lock keeps two servers starting at once from doing it twice.
 */
export async function prepareDatabase(url: string, opts: { seedDemo: boolean }) {
  await withClient(url, async (client) => {
    await client.query(`SELECT pg_advisory_lock(727274)`);
    try {
      const pending = await pendingMigrations(client);
      if (pending.length) {
        log(`applying ${pending.length} migration(s): ${pending.join(", ")}`);
        await run(bin("prisma"), ["migrate", "deploy"], { DATABASE_URL: url });
      }
      // The job queue's own tables (graphile-worker manages them; quick when up to date).
      await migrateJobs(url, log);
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM "Organization"`);
      if (rows[0].n === 0 && opts.seedDemo) {
        log("empty database: seeding demo data (sign in as admin@example.com / conn-demo)");
        const { seedDemo } = await import("@/prisma/seed");
        const { db } = await import("./db");
        await seedDemo(db());
      } else if (rows[0].n === 0) {
        log("empty database and no demo data (set CONN_DEMO=1 for it): create the first admin with `npm run user -- --email you@example.com --admin`");
      }
    } finally {
      await client.query(`SELECT pg_advisory_unlock(727274)`);
    }
  });
}

// ─── Production build freshness ─────────────────────────────────────────────

const BUILD_INPUTS = ["app", "components", "lib", "public", "prisma/schema.prisma", "next.config.ts", "postcss.config.mjs", "package-lock.json", "tsconfig.json"];
const STAMP = path.join(ROOT, ".next", "conn-source-hash");

function hashInputs(): string {
  const hash = createHash("sha256");
  const visit = (p: string) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) if (name !== "node_modules" && !name.startsWith(".")) visit(path.join(p, name));
    } else if (!/\.test\.tsx?$/.test(p)) {
      hash.update(path.relative(ROOT, p)).update("\0").update(fs.readFileSync(p)).update("\0");
    }
  };
  for (const input of BUILD_INPUTS) visit(path.join(ROOT, input));
  return hash.digest("hex");
}

/** Build the app when there is no production build of the current sources. */
export async function ensureProductionBuild() {
  const current = hashInputs();
  const built = fs.existsSync(path.join(ROOT, ".next", "BUILD_ID")) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8") === current;
  if (built) return;
  log("building the app (no production build of the current sources yet)…");
  const started = Date.now();
  await run(bin("next"), ["build"], { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });
  fs.writeFileSync(STAMP, current);
  log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
}
