// Conn watches itself (issue 16): with CONN_HEARTBEAT_URL set, the job queue pings it each minute while the paging
// engine is healthy, so an outside monitor (healthchecks.io, Uptime Kuma's push monitor, Cronitor, another Conn's
// heartbeat) notices when Conn cannot page. A dead process, a database it cannot reach or a wedged queue stop the
// job itself; this is the rest: paging jobs left due (a queue that does not keep up) or escalation steps that keep
// failing. Pure: the rule. No I/O.
import { formatDuration } from "./time";

/** One ping a minute, as the issue asks. */
export const SELF_HEARTBEAT_EVERY_MS = 60_000;
/** Every paging task finishes in seconds: a job due longer than this means the queue is not keeping up. */
export const PAGING_LAG_LIMIT_MS = 2 * 60_000;
/** An escalation step failed this many times: its pages are not going out. */
export const FAILING_ATTEMPTS = 3;

export interface PagingQueueState {
  /** Paging jobs whose time came more than the limit ago and that have not finished. */
  overdue: number;
  /** The oldest of them: when it was due. */
  oldestDueAt: Date | null;
  /** Escalation jobs that have failed at least FAILING_ATTEMPTS times and are not done. */
  failing: number;
}

export type PagingHealth = { healthy: true } | { healthy: false; reason: string };

export function pagingHealth(state: PagingQueueState, now: Date): PagingHealth {
  const problems: string[] = [];
  if (state.overdue > 0) {
    const late = state.oldestDueAt ? ` (the oldest due ${formatDuration(now.getTime() - state.oldestDueAt.getTime())} ago)` : "";
    problems.push(`${state.overdue} paging job${state.overdue === 1 ? "" : "s"} overdue${late}`);
  }
  if (state.failing > 0) problems.push(`${state.failing} escalation job${state.failing === 1 ? "" : "s"} failing (${FAILING_ATTEMPTS} attempts or more)`);
  return problems.length ? { healthy: false, reason: problems.join("; ") } : { healthy: true };
}
