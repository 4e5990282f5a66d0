import "server-only";
// Rate limits for sign-in and people's writes, stored in Postgres so they hold
// across restarts and across several servers. Alert webhooks are never limited:
// their senders drop a refused alert.
import { Pool } from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "@/lib/domain/errors";
import { poolConfigFromUrl } from "./db";
import { env } from "./env";

interface Limiters {
  signIn: RateLimiterPostgres;
  signInPerIp: RateLimiterPostgres;
  write: RateLimiterPostgres;
}

const globalForLimits = globalThis as unknown as { __connLimiters?: Limiters; __connLimitPool?: Pool };

function limiters(): Limiters {
  if (!globalForLimits.__connLimiters) {
    const pool = new Pool({ ...poolConfigFromUrl(process.env.DATABASE_URL!), max: 3 });
    // An idle client the database drops (a restart, the shutdown) must not crash the process;
    // the pool replaces it on the next query.
    pool.on("error", () => {});
    globalForLimits.__connLimitPool = pool;
    const base = { storeClient: pool, storeType: "pool", tableName: "rate_limits", tableCreated: true, clearExpiredByTimeout: false };
    globalForLimits.__connLimiters = {
      // 10 failed attempts per email+IP per 15 minutes, 50 per IP; a success clears its email's count.
      signIn: new RateLimiterPostgres({ ...base, keyPrefix: "signin", points: 10, duration: 15 * 60 }),
      signInPerIp: new RateLimiterPostgres({ ...base, keyPrefix: "signin-ip", points: 50, duration: 15 * 60 }),
      // 120 writes per minute per user: far above a person's pace, a stop for a runaway script.
      write: new RateLimiterPostgres({ ...base, keyPrefix: "write", points: 120, duration: 60 }),
    };
  }
  return globalForLimits.__connLimiters;
}

async function consume(limiter: RateLimiterPostgres, key: string) {
  try {
    await limiter.consume(key);
  } catch (result) {
    if (result instanceof RateLimiterRes) throw rateLimited(result.msBeforeNext);
    throw result;
  }
}

function rateLimited(msBeforeNext: number): AppError {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new AppError("rate_limited", `Too many requests. Try again in ${seconds} s.`, { details: { retryAfterSeconds: seconds } });
}

/** Refuses (429) while an address or an email at it has used up its failed attempts; counts nothing. */
async function refuseWhenSpent(limiter: RateLimiterPostgres, key: string) {
  const res = await limiter.get(key);
  if (res && res.consumedPoints >= limiter.points) throw rateLimited(res.msBeforeNext);
}

// Normalized as the sign-in normalizes it (credentialsSchema: trim, lower case), or
// " Ann@x " would be a fresh budget of attempts at ann@x's password.
const signInKey = (email: string, ip: string | null) => `${email.trim().toLowerCase()}|${ip ?? "unknown"}`;

/**
 * Before a password is checked: 429 once too many attempts failed. Only failures
 * count (see `recordSignIn`), so people who sign in often are never locked out,
 * while guessing a password stops after 10 tries per email and 50 per address.
 */
export async function limitSignIn(email: string, ip: string | null) {
  if (!env().CONN_RATE_LIMIT) return;
  await refuseWhenSpent(limiters().signInPerIp, ip ?? "unknown");
  await refuseWhenSpent(limiters().signIn, signInKey(email, ip));
}

/** After a credentials sign-in: a failure uses up an attempt; a success forgets the email's failures. */
export async function recordSignIn(email: string, ip: string | null, succeeded: boolean) {
  if (!env().CONN_RATE_LIMIT) return;
  if (succeeded) {
    await limiters().signIn.delete(signInKey(email, ip));
    return;
  }
  await limiters().signInPerIp.penalty(ip ?? "unknown", 1);
  await limiters().signIn.penalty(signInKey(email, ip), 1);
}

export async function limitWrite(userId: string) {
  if (!env().CONN_RATE_LIMIT) return;
  await consume(limiters().write, userId);
}

/** Closes the limiters' pool (shutdown, before the database stops). */
export async function closeRateLimits() {
  const pool = globalForLimits.__connLimitPool;
  globalForLimits.__connLimiters = undefined;
  globalForLimits.__connLimitPool = undefined;
  await pool?.end().catch(() => {});
}
