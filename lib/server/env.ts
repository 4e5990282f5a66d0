// Environment, validated once with zod. Every variable Conn reads is here and in README "Configuration".
import path from "node:path";
import { z } from "zod";

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  CONN_DATA_DIR: z.string().default("./.conn-data"),
  CONN_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  CONN_DEMO: flag,
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  /** The address users reach Conn at, for every absolute link (calendar feeds, webhooks, share links, the Atom feed). Default: NEXTAUTH_URL. */
  CONN_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Behind a reverse proxy: keep and believe X-Forwarded-* (server.ts strips them otherwise). */
  CONN_TRUST_PROXY: flag,
  CONN_SESSION_HOURS: z.coerce.number().min(0.01).max(24 * 30).default(12),
  CONN_ALLOWED_ORIGINS: z.string().optional(),
  CONN_RATE_LIMIT: flag.default(true),
  /** How often the server re-checks nudges (update overdue, escalation due…) when nobody writes. */
  CONN_NUDGE_TICK_MS: z.coerce.number().int().min(200).max(600_000).default(15_000),
  /** Webhook channels may use http and private/loopback addresses (an on-premises receiver, tests). Off: https to public hosts only. */
  CONN_WEBHOOK_ALLOW_PRIVATE: flag,
  /** Conn's own heartbeat: fetched (GET) each minute while the paging engine is healthy, for an outside monitor. */
  CONN_HEARTBEAT_URL: z.url({ protocol: /^https?$/ }).optional().or(z.literal("").transform(() => undefined)),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default("Single sign-on"),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  cached = parsed.data;
  return cached;
}

export function dataDir(): string {
  return path.resolve(env().CONN_DATA_DIR);
}

export function oidcEnabled(): boolean {
  const e = env();
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
}

/** Origins allowed to open a socket: the app's own URL plus CONN_ALLOWED_ORIGINS. */
export function allowedOrigins(): string[] {
  const e = env();
  const own = [e.CONN_PUBLIC_URL, e.NEXTAUTH_URL].filter((u): u is string => Boolean(u)).map((u) => new URL(u).origin);
  const local = [`http://localhost:${e.PORT}`, `http://127.0.0.1:${e.PORT}`];
  const extra = (e.CONN_ALLOWED_ORIGINS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return [...new Set([...own, ...local, ...extra])];
}
