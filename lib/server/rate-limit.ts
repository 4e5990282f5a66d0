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
    globalForLimits.__connLimitPool = pool;
    const base = { storeClient: pool, storeType: "pool", tableName: "rate_limits", tableCreated: true, clearExpiredByTimeout: false };
    globalForLimits.__connLimiters = {
      // 10 attempts per email+IP per 15 minutes, 50 per IP.
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
    if (result instanceof RateLimiterRes) {
      const seconds = Math.ceil(result.msBeforeNext / 1000);
      throw new AppError("rate_limited", `Too many requests. Try again in ${seconds} s.`, { details: { retryAfterSeconds: seconds } });
    }
    throw result;
  }
}

export async function limitSignIn(email: string, ip: string | null) {
  if (!env().CONN_RATE_LIMIT) return;
  await consume(limiters().signInPerIp, ip ?? "unknown");
  // Normalized as the sign-in normalizes it (credentialsSchema: trim, lower case), or
  // " Ann@x " would be a fresh budget of attempts at ann@x's password.
  await consume(limiters().signIn, `${email.trim().toLowerCase()}|${ip ?? "unknown"}`);
}

export async function limitWrite(userId: string) {
  if (!env().CONN_RATE_LIMIT) return;
  await consume(limiters().write, userId);
}
