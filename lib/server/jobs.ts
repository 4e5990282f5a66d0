import "server-only";
// Durable jobs in Postgres (graphile-worker): escalation steps and webhook
// deliveries. A job is added inside the transaction of the write that needs it
// (`enqueue(tx, …)`), so it exists exactly when that write committed, and it
// survives a restart or a kill -9: the next server picks it up. The job is a
// trigger, not the truth — each task re-reads its rows under a lock and does
// nothing when the world moved on (an acknowledged page, a resolved incident).
import { Logger, run, runMigrations, type LogFunctionFactory, type Runner, type TaskList } from "graphile-worker";
import { Pool } from "pg";
import { poolConfigFromUrl, type Tx } from "./db";

export const JOB_TASKS = ["escalation.start", "escalation.advance", "page.deliver", "alerts.flush", "alerts.release", "heartbeats.expire", "handover.expire", "conn.heartbeat"] as const;
export type JobTask = (typeof JOB_TASKS)[number];

/**
 * A job locked for longer than this belongs to a worker that died (kill -9, OOM):
 * every Conn task finishes in seconds. graphile-worker itself would wait 4 hours.
 */
export const STALE_LOCK_MS = 2 * 60_000;

type LogLine = (line: string) => void;

function logger(log: LogLine): Logger {
  const factory: LogFunctionFactory = (scope) => (level, message) => {
    // Task failures and worker errors matter; the rest is chatter. Messages never carry payloads.
    if (level === "error" || level === "warning") log(`jobs ${level}${scope.taskIdentifier ? ` (${scope.taskIdentifier})` : ""}: ${message}`);
  };
  return new Logger(factory);
}

/** A client dropped by the database (it stopped, it restarted) must not crash the process: log it, the pool reconnects. */
function guarded(pool: Pool, log: LogLine): Pool {
  const report = (error: Error) => log(`jobs: database client error: ${error.message}`);
  pool.on("error", report);
  pool.on("connect", (client) => client.on("error", report));
  return pool;
}

/** Installs or upgrades the job tables (schema `graphile_worker`). Called at start-up, after Conn's migrations. */
export async function migrateJobs(databaseUrl: string, log: LogLine) {
  const pool = guarded(new Pool(poolConfigFromUrl(databaseUrl)), log);
  try {
    await runMigrations({ pgPool: pool, logger: logger(log) });
  } finally {
    await pool.end();
  }
}

export interface EnqueueOptions {
  /** Not before this instant (default: now). */
  runAt?: Date;
  /** One pending job per key: adding again replaces it (graphile-worker `job_key`). */
  key?: string;
  maxAttempts?: number;
}

/** Adds a job in the caller's transaction: it runs only if that transaction commits. */
export async function enqueue(tx: Tx, task: JobTask, payload: Record<string, unknown>, opts: EnqueueOptions = {}) {
  await tx.$executeRaw`SELECT graphile_worker.add_job(
    ${task}::text,
    ${JSON.stringify(payload)}::json,
    run_at := ${opts.runAt ?? null}::timestamptz,
    max_attempts := ${opts.maxAttempts ?? 25}::int,
    job_key := ${opts.key ?? null}::text
  )`;
}

/** Removes the pending job with this key, in the caller's transaction. */
export async function removeJob(tx: Tx, key: string) {
  await tx.$executeRaw`SELECT graphile_worker.remove_job(${key}::text)`;
}

/** Releases jobs held by workers that died, so they run now rather than in 4 hours. */
async function unlockStale(pool: Pool) {
  const { rows } = await pool.query<{ locked_by: string }>(
    `SELECT DISTINCT locked_by FROM graphile_worker.jobs WHERE locked_by IS NOT NULL AND locked_at < now() - make_interval(secs => $1)`,
    [STALE_LOCK_MS / 1000],
  );
  if (rows.length) await pool.query(`SELECT graphile_worker.force_unlock_workers($1::text[])`, [rows.map((r) => r.locked_by)]);
  return rows.length;
}

export interface JobRunner {
  stop(): Promise<void>;
}

/** Starts the workers of this process. Stop it before closing the database. */
export async function startJobs(opts: { databaseUrl: string; tasks: TaskList; log: LogLine; pollIntervalMs?: number }): Promise<JobRunner> {
  const pool = guarded(new Pool({ ...poolConfigFromUrl(opts.databaseUrl), max: 4 }), opts.log);
  const released = await unlockStale(pool);
  if (released) opts.log(`jobs: released ${released} worker lock(s) left by a stopped server`);
  const runner: Runner = await run({
    pgPool: pool,
    taskList: opts.tasks,
    concurrency: 2,
    noHandleSignals: true,
    pollInterval: opts.pollIntervalMs ?? 1000,
    logger: logger(opts.log),
  });
  const sweep = setInterval(() => {
    unlockStale(pool).catch((error: Error) => opts.log(`jobs: stale-lock sweep failed: ${error.message}`));
  }, 30_000);
  sweep.unref();
  let stopped = false;
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(sweep);
      await runner.stop().catch(() => {});
      await pool.end().catch(() => {});
    },
  };
}
