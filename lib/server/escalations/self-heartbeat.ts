import "server-only";
// Conn's own heartbeat (issue 16): with CONN_HEARTBEAT_URL set, a `conn.heartbeat` job on the durable queue runs each
// minute on whichever node takes it (one pending job, job_key `conn.heartbeat`: several nodes ping once a minute, not
// once each), schedules its successor first, then pings the URL only if the paging engine is healthy
// (lib/domain/paging-health.ts). The URL is logged by its origin only: such URLs carry their monitor's secret.
import { PAGING_LAG_LIMIT_MS, FAILING_ATTEMPTS, SELF_HEARTBEAT_EVERY_MS, pagingHealth, type PagingQueueState } from "@/lib/domain/paging-health";
import { db } from "../db";
import { env } from "../env";
import { enqueue, removeJob, type JobTask } from "../jobs";

const JOB_KEY = "conn.heartbeat";
/** The tasks a page depends on; a timeline flush or a webhook to a channel of the team's own is not among them. */
const PAGING_TASKS: JobTask[] = ["escalation.start", "escalation.advance", "page.deliver", "heartbeats.expire", "alerts.release"];
const ESCALATION_TASKS: JobTask[] = ["escalation.start", "escalation.advance"];
const log = (line: string) => console.log(`[conn] heartbeat: ${line}`);

/** At start-up: the first ping now (then each minute), or, with no URL, no pending heartbeat job left from before. */
export async function startSelfHeartbeat() {
  const url = env().CONN_HEARTBEAT_URL;
  if (url) await enqueue(db(), "conn.heartbeat", {}, { key: JOB_KEY, maxAttempts: 1 });
  else await removeJob(db(), JOB_KEY);
  if (url) log(`pinging ${new URL(url).origin} each minute while paging is healthy`);
}

/** The queue as the health rule reads it, in one query. */
async function pagingQueueState(): Promise<PagingQueueState> {
  const [row] = await db().$queryRaw<{ overdue: bigint; oldest: Date | null; failing: bigint }[]>`
    SELECT
      count(*) FILTER (WHERE task_identifier = ANY(${PAGING_TASKS}) AND run_at < now() - make_interval(secs => ${PAGING_LAG_LIMIT_MS / 1000}) AND attempts < max_attempts) AS overdue,
      min(run_at) FILTER (WHERE task_identifier = ANY(${PAGING_TASKS}) AND run_at < now() - make_interval(secs => ${PAGING_LAG_LIMIT_MS / 1000}) AND attempts < max_attempts) AS oldest,
      count(*) FILTER (WHERE task_identifier = ANY(${ESCALATION_TASKS}) AND attempts >= ${FAILING_ATTEMPTS} AND last_error IS NOT NULL AND updated_at > now() - interval '1 hour') AS failing
    FROM graphile_worker.jobs`;
  return { overdue: Number(row?.overdue ?? 0), oldestDueAt: row?.oldest ?? null, failing: Number(row?.failing ?? 0) };
}

/** Job `conn.heartbeat`. */
export async function selfHeartbeat() {
  const url = env().CONN_HEARTBEAT_URL;
  if (!url) return;
  // The successor first: a failed check or ping must not end the minute-by-minute pings.
  await enqueue(db(), "conn.heartbeat", {}, { key: JOB_KEY, runAt: new Date(Date.now() + SELF_HEARTBEAT_EVERY_MS), maxAttempts: 1 });
  const health = pagingHealth(await pagingQueueState(), new Date());
  const origin = new URL(url).origin;
  if (!health.healthy) return log(`not pinged: ${health.reason}`);
  try {
    const res = await fetch(url, { headers: { "user-agent": "Conn-Heartbeat/1" }, redirect: "follow", signal: AbortSignal.timeout(10_000) });
    await res.body?.cancel();
    if (!res.ok) log(`${origin} answered ${res.status}`);
  } catch (error) {
    log(`${origin} not reached: ${(error as Error).name === "TimeoutError" ? "no answer in 10 s" : (error as Error).message}`);
  }
}
