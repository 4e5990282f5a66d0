import "server-only";
// One Prisma client per process, shared through globalThis: Next bundles route
// handlers separately from the custom server entry, and both must use one pool.
// Created lazily so `next build` works without DATABASE_URL.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

const globalForDb = globalThis as unknown as { __connPrisma?: PrismaClient; __connWrites?: number };

/** Discrete pool fields from a URL (see STACK.md: a connectionString misroutes the shadow pool). */
export function poolConfigFromUrl(databaseUrl: string) {
  const url = new URL(databaseUrl);
  const ssl = url.searchParams.get("sslmode");
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.slice(1)) || "postgres",
    ssl: ssl && ssl !== "disable" ? { rejectUnauthorized: ssl === "verify-full" } : undefined,
    max: Number(process.env.CONN_DB_POOL ?? 10),
  };
}

export function db(): PrismaClient {
  if (!globalForDb.__connPrisma) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set (the server sets it after starting the database)");
    globalForDb.__connPrisma = new PrismaClient({ adapter: new PrismaPg(poolConfigFromUrl(url)) });
  }
  return globalForDb.__connPrisma;
}

/**
 * A write transaction in progress, counted until it settles: shutdown waits for these, not only for open responses —
 * a sender that hung up (a timeout, a benchmark's end) leaves its handler running, and the pool must not close
 * under its transaction.
 */
export async function trackWrite<T>(work: () => Promise<T>): Promise<T> {
  globalForDb.__connWrites = (globalForDb.__connWrites ?? 0) + 1;
  try {
    return await work();
  } finally {
    globalForDb.__connWrites! -= 1;
  }
}

export const writesInProgress = () => globalForDb.__connWrites ?? 0;

/** Closes the pool; a client that does not let go within 5 s is left to the database's own stop. */
export async function disconnectDb() {
  const client = globalForDb.__connPrisma;
  globalForDb.__connPrisma = undefined;
  if (!client) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([client.$disconnect(), new Promise((r) => (timer = setTimeout(r, 5_000)))]);
  clearTimeout(timer);
}

export type { PrismaClient };
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** A unique index refused a write (Prisma P2002): the caller answers it as a 409 of its own. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
