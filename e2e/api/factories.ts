// Test data for the API tests: each test builds its own organization, people
// and tokens straight in the real database, so tests never see each other's data.
import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { io, type Socket } from "socket.io-client";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { generateToken } from "@/lib/server/tokens";
import { poolConfigFromUrl } from "@/lib/server/db";

let client: PrismaClient | undefined;

export function testDb(): PrismaClient {
  client ??= new PrismaClient({ adapter: new PrismaPg({ ...poolConfigFromUrl(inject("databaseUrl")), max: 4 }) });
  return client;
}

export const baseUrl = () => inject("baseUrl");

export type Role = "admin" | "responder" | "viewer";

export interface TestUser {
  id: string;
  handle: string;
  email: string;
  token: string;
}

export interface TestOrg {
  id: string;
  user(role: Role, opts?: { automation?: boolean; password?: string }): Promise<TestUser>;
  service(key: string): Promise<{ id: string; key: string }>;
}

/** A fresh organization in the integration server's database (or in `client`'s, for a test's own server). */
export async function createOrg(client: PrismaClient = testDb()): Promise<TestOrg> {
  const suffix = randomUUID().slice(0, 8);
  const org = await client.organization.create({ data: { slug: `test-${suffix}`, name: `Test ${suffix}` } });
  return {
    id: org.id,
    async user(role, opts = {}) {
      const handle = `${role}-${randomUUID().slice(0, 8)}`;
      const email = `${handle}@test.example`;
      const { hashPassword } = await import("@/lib/server/password");
      const user = await client.user.create({
        data: {
          handle,
          email,
          name: `Test ${handle}`,
          passwordHash: opts.password ? await hashPassword(opts.password) : null,
          memberships: { create: { orgId: org.id, role } },
        },
      });
      const { token, hash, prefix } = generateToken();
      await client.apiToken.create({ data: { orgId: org.id, userId: user.id, name: "test", tokenHash: hash, prefix, automation: opts.automation ?? false } });
      return { id: user.id, handle, email, token };
    },
    async service(key) {
      return client.service.create({ data: { orgId: org.id, key, name: key, tier: 1 }, select: { id: true, key: true } });
    },
  };
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A JSON request to the running server. */
export async function api<T = any>(
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; base?: string } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers["content-type"] ??= "application/json";
  const res = await fetch(`${opts.base ?? baseUrl()}${path}`, {
    method,
    headers,
    body: opts.rawBody ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
    redirect: "manual",
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: body as T, headers: res.headers };
}

/** Every resolution criterion confirmed: what resolving needs (the page ticks them; the API demands them). */
export const ALL_CRITERIA = { servicesRestored: true, customerImpactEnded: true, metricsNormal: true, noResidualIssue: true };

export async function declare(token: string, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return api("POST", "/api/v1/incidents", { token, body: { title: "Checkout is down", severity: "SEV2", ...body }, headers });
}

/** Polls `probe` until it answers something truthy (returned), or fails naming what it waited for. */
export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** A socket to the running server as the token's person, connected; kept in `sockets` for the test to close. */
export async function connectAs(token: string, sockets: Socket[]): Promise<Socket> {
  const socket = io(baseUrl(), { transports: ["websocket"], auth: { token }, reconnection: false, forceNew: true });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}
