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
      // 10 attempts per email+IP per 15 minutes, 50 per IP, taken before the password is checked;
      // a success forgets its email's count and gives the address its attempt back.
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

// Normalized as the sign-in normalizes it (credentialsSchema: trim, lower case), or
// " Ann@x " would be a fresh budget of attempts at ann@x's password.
const signInKey = (email: string, ip: string | null) => `${email.trim().toLowerCase()}|${ip ?? "unknown"}`;
const ipKey = (ip: string | null) => ip ?? "unknown";

/**
 * Before a password is checked: takes one attempt from the email+address budget (10 per
 * 15 min) and then from the address's (50), each with one atomic upsert, so parallel
 * attempts cannot all slip past a read-then-check; 429 once either is spent (the right
 * password too). An attempt the email's budget refuses costs the address nothing, and one
 * the address refuses gives the email its attempt back. `signInSucceeded` returns it.
 */
export async function takeSignInAttempt(email: string, ip: string | null) {
  if (!env().CONN_RATE_LIMIT) return;
  const { signIn, signInPerIp } = limiters();
  await consume(signIn, signInKey(email, ip));
  try {
    await consume(signInPerIp, ipKey(ip));
  } catch (error) {
    await signIn.reward(signInKey(email, ip), 1).catch(() => {});
    throw error;
  }
}

/** After a good password: the email's failures are forgotten and the address gets its attempt back, so people who sign in often are never limited. */
export async function signInSucceeded(email: string, ip: string | null) {
  if (!env().CONN_RATE_LIMIT) return;
  await limiters().signIn.delete(signInKey(email, ip));
  await limiters().signInPerIp.reward(ipKey(ip), 1);
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
