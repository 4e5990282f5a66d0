// Sign-in and API tokens against the real server and Postgres: next-auth's
// credentials flow and its session cookie, the same-origin rule for cookie
// writes, the sign-in rate limit, session expiry, tokens over HTTP (shown once,
// stored hashed, revocable, automation-labelled, role-bound) and `npm run token`.
//
// Sign-in attempts share one per-address limit (50 per 15 min, lib/server/rate-limit.ts)
// with every other test file calling from 127.0.0.1: this file makes 15 of them.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "@/lib/server/tokens";
import { testPorts } from "../test-server";
import { api, baseUrl, createOrg, declare, testDb, type TestOrg, type TestUser } from "./factories";

const ROOT = path.resolve(__dirname, "../..");
/** The integration server's data directory (e2e/api/global-setup.ts → e2e/test-server.ts). */
const DATA_DIR = path.join(ROOT, ".conn-test-data", "integration");
/** next-auth's cookie name on plain http (the test server's NEXTAUTH_URL is http://localhost:…). */
const SESSION_COOKIE = "next-auth.session-token";
const PASSWORD = "correct horse battery staple";

// ─── Helpers ────────────────────────────────────────────────────────────────

/** `name=value` pairs of Set-Cookie headers, ready for a Cookie header. */
function cookieHeader(setCookies: string[]): string {
  return setCookies.map((c) => c.split(";")[0]!.trim()).join("; ");
}

/** The attributes of one Set-Cookie header, lower-cased names: `{ httponly: "", samesite: "Lax", … }`. */
function cookieAttributes(setCookie: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const part of setCookie.split(";").slice(1)) {
    const eq = part.indexOf("=");
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    attributes[name] = eq < 0 ? "" : part.slice(eq + 1).trim();
  }
  return attributes;
}

interface SignInResult {
  status: number;
  location: string | null;
  headers: Headers;
  body: any;
  /** The Set-Cookie header of a non-empty session cookie, if one was set. */
  sessionSetCookie: string | undefined;
  /** `next-auth.session-token=…`, for a Cookie header. */
  sessionCookie: string | undefined;
}

/** next-auth's real credentials flow: GET /api/auth/csrf (token + cookie) → POST /api/auth/callback/credentials, form-encoded. */
async function signInWithPassword(email: string, password: string): Promise<SignInResult> {
  const csrf = await fetch(`${baseUrl()}/api/auth/csrf`);
  expect(csrf.status).toBe(200);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl()}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(csrf.headers.getSetCookie()) },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl()}/incidents` }),
    redirect: "manual",
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON
  }
  const sessionSetCookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`) && !c.startsWith(`${SESSION_COOKIE}=;`));
  return {
    status: res.status,
    location: res.headers.get("location"),
    headers: res.headers,
    body,
    sessionSetCookie,
    sessionCookie: sessionSetCookie?.split(";")[0],
  };
}

/** The secret the integration server generated into its data directory (lib/server/bootstrap.ts ensureSessionSecret). */
function sessionSecret(): string {
  return fs.readFileSync(path.join(DATA_DIR, "nextauth-secret"), "utf8").trim();
}

/** A session cookie for `user`, signed like next-auth signs it, expiring `maxAgeSeconds` from now (negative: in the past). */
async function forgedSessionCookie(user: TestUser, maxAgeSeconds: number, secret = sessionSecret()): Promise<string> {
  const token = await encode({ token: { sub: user.id, email: user.email, name: user.handle }, secret, maxAge: maxAgeSeconds });
  return `${SESSION_COOKIE}=${token}`;
}

/** `npm run token -- <args>` as package.json runs it, against the integration server's data directory. */
function runTokenScript(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), ["--tsconfig", "tsconfig.server.json", "scripts/token.ts", ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        // Unset: the script must find the embedded Postgres the server runs on this data directory.
        DATABASE_URL: "",
        CONN_DATA_DIR: DATA_DIR,
        CONN_PG_PORT: String(testPorts.integration.pgPort),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

const lastLine = (text: string) => text.trim().split("\n").at(-1)!.trim();
const countIncidents = (orgId: string) => testDb().incident.count({ where: { orgId } });

let org: TestOrg;

beforeAll(async () => {
  org = await createOrg();
});

afterAll(async () => {
  await testDb().$disconnect();
});

// ─── Sign-in ────────────────────────────────────────────────────────────────

describe("credentials sign-in", () => {
  it("sets an HttpOnly, SameSite=Lax session cookie that reads and declares from our origin, and is refused from another", async () => {
    const user = await org.user("responder", { password: PASSWORD });
    const signIn = await signInWithPassword(user.email, PASSWORD);
    expect(signIn.status).toBe(302);
    expect(signIn.location).toBe(`${baseUrl()}/incidents`);
    expect(signIn.sessionSetCookie).toBeDefined();
    const attributes = cookieAttributes(signIn.sessionSetCookie!);
    expect(attributes).toHaveProperty("httponly");
    expect(attributes.samesite?.toLowerCase()).toBe("lax");
    expect(attributes.path).toBe("/");
    // The session lasts CONN_SESSION_HOURS (12 h by default).
    const expiresIn = new Date(attributes.expires!).getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(12 * 3600_000 - 120_000);
    expect(expiresIn).toBeLessThan(12 * 3600_000 + 120_000);

    const cookie = signIn.sessionCookie!;
    const list = await api("GET", "/api/v1/incidents", { headers: { cookie } });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual(expect.any(Array));

    const created = await api("POST", "/api/v1/incidents", {
      headers: { cookie, origin: baseUrl() },
      body: { title: "Declared from a browser session", severity: "SEV3" },
    });
    expect(created.status).toBe(201);
    expect(created.body.roles[0].user.handle).toBe(user.handle);
    const timeline = await api("GET", `/api/v1/incidents/${created.body.ref}/timeline`, { headers: { cookie } });
    expect(timeline.body.items[0]).toMatchObject({ kind: "declared", actorKind: "human", author: { handle: user.handle } });

    // The same cookie from another site's page: refused, nothing written.
    const incidentsBefore = await countIncidents(org.id);
    const auditBefore = await testDb().auditLog.count({ where: { actorId: user.id } });
    const crossSite = await api("POST", "/api/v1/incidents", {
      headers: { cookie, origin: "https://evil.example" },
      body: { title: "Cross-site declaration", severity: "SEV1" },
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.error.code).toBe("forbidden");
    const crossSiteNote = await api("POST", `/api/v1/incidents/${created.body.ref}/timeline`, {
      headers: { cookie, origin: "https://evil.example" },
      body: { body: "injected" },
    });
    expect(crossSiteNote.status).toBe(403);
    expect(await countIncidents(org.id)).toBe(incidentsBefore);
    expect(await testDb().auditLog.count({ where: { actorId: user.id } })).toBe(auditBefore);
    expect((await api("GET", `/api/v1/incidents/${created.body.ref}`, { headers: { cookie } })).body.lastSeq).toBe(1);
  });

  it("applies the Origin rule to cookies only: a Bearer token is never sent by a browser on its own", async () => {
    const user = await org.user("responder");
    expect((await declare(user.token, {}, { origin: "https://evil.example" })).status).toBe(201);
  });

  it("gives no session for a wrong password, and the API without a cookie answers 401", async () => {
    const user = await org.user("responder", { password: PASSWORD });
    const signIn = await signInWithPassword(user.email, "not the password");
    expect(signIn.status).toBe(302);
    expect(signIn.location).toContain("error=CredentialsSignin");
    expect(signIn.sessionSetCookie).toBeUndefined();
    const res = await api("GET", "/api/v1/incidents");
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthenticated");
  });
});

describe("sign-in rate limit", () => {
  it("answers 429 after 10 attempts for one email, to the right password too, however the email is spelled", async () => {
    const user = await org.user("responder", { password: PASSWORD });
    // 10 attempts per email and address are answered as usual (lib/server/rate-limit.ts)…
    for (let i = 0; i < 10; i++) {
      const attempt = await signInWithPassword(user.email, `wrong ${i}`);
      expect(attempt.status, `attempt ${i + 1}`).toBe(302);
      expect(attempt.sessionSetCookie).toBeUndefined();
    }
    // …the 11th is refused before any password is checked.
    const limited = await signInWithPassword(user.email, "wrong again");
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // next-auth's client signIn() reads a `url` from every answer; the sign-in form shows the 429 from it.
    expect(new URL(limited.body.url).searchParams.get("error")).toBe("RateLimited");
    const right = await signInWithPassword(user.email, PASSWORD);
    expect(right.status).toBe(429);
    expect(right.sessionSetCookie).toBeUndefined();
    // The sign-in itself ignores case and surrounding spaces, so the limit must too.
    const respelled = await signInWithPassword(`  ${user.email.toUpperCase()} `, PASSWORD);
    expect(respelled.status).toBe(429);
    expect(respelled.sessionSetCookie).toBeUndefined();
  });
});

describe("session expiry", () => {
  it("accepts a session cookie signed with the server's secret, and rejects it once expired (401)", async () => {
    const user = await org.user("viewer");
    // Control: the same cookie, still valid, is accepted; so the 401 below is the expiry.
    expect((await api("GET", "/api/v1/incidents", { headers: { cookie: await forgedSessionCookie(user, 3600) } })).status).toBe(200);
    const expired = await api("GET", "/api/v1/incidents", { headers: { cookie: await forgedSessionCookie(user, -3600) } });
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe("unauthenticated");
  });

  it("rejects a session cookie signed with another secret (401)", async () => {
    const user = await org.user("viewer");
    const cookie = await forgedSessionCookie(user, 3600, "another-secret-that-is-at-least-32-characters");
    expect((await api("GET", "/api/v1/incidents", { headers: { cookie } })).status).toBe(401);
  });
});

describe("deactivated people", () => {
  it("lose their session and their tokens at once (401)", async () => {
    const user = await org.user("responder");
    const cookie = await forgedSessionCookie(user, 3600);
    expect((await api("GET", "/api/v1/incidents", { headers: { cookie } })).status).toBe(200);
    expect((await api("GET", "/api/v1/incidents", { token: user.token })).status).toBe(200);
    await testDb().user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });
    expect((await api("GET", "/api/v1/incidents", { headers: { cookie } })).status).toBe(401);
    expect((await api("GET", "/api/v1/incidents", { token: user.token })).status).toBe(401);
  });
});

// ─── API tokens ─────────────────────────────────────────────────────────────

describe("API tokens over HTTP", () => {
  let owner: TestUser;

  beforeAll(async () => {
    owner = await org.user("responder");
  });

  it("shows a new token once, stores only its hash, lists it without the secret, and revokes it", async () => {
    const created = await api("POST", "/api/v1/tokens", { token: owner.token, body: { name: "deploy-bot" } });
    expect(created.status).toBe(201);
    const { token, id } = created.body as { token: string; id: string };
    expect(token).toMatch(/^conn_[A-Za-z0-9_-]{20,}$/);
    expect(created.body).toMatchObject({ name: "deploy-bot", automation: false, prefix: token.slice(0, 10), revokedAt: null });

    const row = await testDb().apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.userId).toBe(owner.id);
    expect(row.tokenHash).not.toBe(token);
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);

    const list = await api("GET", "/api/v1/tokens", { token: owner.token });
    expect(list.status).toBe(200);
    const listed = list.body.items.find((t: { id: string }) => t.id === id);
    expect(listed).toMatchObject({ name: "deploy-bot", prefix: token.slice(0, 10), revokedAt: null });
    expect(listed).not.toHaveProperty("token");
    expect(listed).not.toHaveProperty("tokenHash");
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(JSON.stringify(list.body)).not.toContain(row.tokenHash);

    // The new token works as Bearer, for reads and writes.
    expect((await api("GET", "/api/v1/incidents", { token })).status).toBe(200);
    expect((await declare(token, { title: "Declared with a fresh token" })).status).toBe(201);

    const revoked = await api("DELETE", `/api/v1/tokens/${id}`, { token: owner.token });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const after = await api("GET", "/api/v1/incidents", { token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("unauthenticated");
    const relisted = await api("GET", "/api/v1/tokens", { token: owner.token });
    expect(relisted.body.items.find((t: { id: string }) => t.id === id).revokedAt).not.toBeNull();
    expect(await testDb().auditLog.count({ where: { action: { in: ["api_token.create", "api_token.revoke"] }, targetId: id } })).toBe(2);
  });

  it("lists only the caller's own tokens", async () => {
    const other = await org.user("responder");
    const mine = await api("POST", "/api/v1/tokens", { token: owner.token, body: { name: "mine only" } });
    const theirs = await api("GET", "/api/v1/tokens", { token: other.token });
    expect(theirs.status).toBe(200);
    expect(theirs.body.items.map((t: { id: string }) => t.id)).not.toContain(mine.body.id);
    expect(theirs.body.items).toHaveLength(1); // the factory's token
  });

  it("does not let anyone else revoke a token: 404, as if it did not exist, and it keeps working", async () => {
    const created = await api("POST", "/api/v1/tokens", { token: owner.token, body: { name: "not yours" } });
    expect(created.status).toBe(201);
    const colleague = await org.user("admin"); // even an admin of the same organization
    const stranger = await (await createOrg()).user("admin");
    for (const someoneElse of [colleague, stranger]) {
      const res = await api("DELETE", `/api/v1/tokens/${created.body.id}`, { token: someoneElse.token });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
    expect((await testDb().apiToken.findUniqueOrThrow({ where: { id: created.body.id } })).revokedAt).toBeNull();
    expect((await api("GET", "/api/v1/incidents", { token: created.body.token })).status).toBe(200);
  });

  it("records an automation token's writes as automation, on the timeline and in the audit log", async () => {
    const created = await api("POST", "/api/v1/tokens", { token: owner.token, body: { name: "ci", automation: true } });
    expect(created.status).toBe(201);
    expect(created.body.automation).toBe(true);
    const bot = created.body.token as string;

    const incident = await declare(bot, { title: "Synthetic checkout probe failing" });
    expect(incident.status).toBe(201);
    const note = await api("POST", `/api/v1/incidents/${incident.body.ref}/timeline`, { token: bot, body: { body: "Probe retried 3 times" } });
    expect(note.status).toBe(201);

    const timeline = await api("GET", `/api/v1/incidents/${incident.body.ref}/timeline`, { token: owner.token });
    expect(timeline.body.items.map((e: { kind: string; actorKind: string }) => [e.kind, e.actorKind])).toEqual([
      ["declared", "automation"],
      ["note", "automation"],
    ]);
    const audit = await testDb().auditLog.findMany({ where: { tokenId: created.body.id }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toContain("incident.declare");
    expect(audit.length).toBeGreaterThanOrEqual(2);
    for (const record of audit) expect(record).toMatchObject({ actorKind: "automation", actorId: owner.id });
    // The person's own token, for contrast, acts as a human.
    const human = await declare(owner.token);
    const humanTimeline = await api("GET", `/api/v1/incidents/${human.body.ref}/timeline`, { token: owner.token });
    expect(humanTimeline.body.items[0].actorKind).toBe("human");
  });

  it("does not let an automation token mint a token that would pass for a person", async () => {
    const bot = (await api("POST", "/api/v1/tokens", { token: owner.token, body: { name: "agent", automation: true } })).body.token as string;
    const before = await testDb().apiToken.count({ where: { userId: owner.id } });
    const laundered = await api("POST", "/api/v1/tokens", { token: bot, body: { name: "looks human" } });
    expect(laundered.status).toBe(403);
    expect(laundered.body.error.code).toBe("forbidden");
    expect(await testDb().apiToken.count({ where: { userId: owner.id } })).toBe(before);
    // Another automation token is fine.
    const child = await api("POST", "/api/v1/tokens", { token: bot, body: { name: "sub-agent", automation: true } });
    expect(child.status).toBe(201);
    const incident = await declare(child.body.token);
    const timeline = await api("GET", `/api/v1/incidents/${incident.body.ref}/timeline`, { token: owner.token });
    expect(timeline.body.items[0].actorKind).toBe("automation");
  });

  it("lets a viewer create a token that reads but cannot write (403, nothing written)", async () => {
    const viewer = await org.user("viewer");
    const created = await api("POST", "/api/v1/tokens", { token: viewer.token, body: { name: "exec dashboard" } });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect((await api("GET", "/api/v1/incidents", { token })).status).toBe(200);

    const existing = await declare(owner.token, { title: "Viewer watches this one" });
    const before = await countIncidents(org.id);
    const refused = await declare(token);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("forbidden");
    expect(await countIncidents(org.id)).toBe(before);
    const note = await api("POST", `/api/v1/incidents/${existing.body.ref}/timeline`, { token, body: { body: "peek" } });
    expect(note.status).toBe(403);
    expect((await api("GET", `/api/v1/incidents/${existing.body.ref}/timeline`, { token })).body.items).toHaveLength(1);
  });
});

describe("npm run token", () => {
  it("prints, as its last line, a token for that user that authenticates against the running server", async () => {
    const user = await org.user("responder");
    const run = await runTokenScript(["--email", user.email.toUpperCase()]);
    expect(run.code, run.stderr).toBe(0);
    const token = lastLine(run.stdout);
    expect(token).toMatch(/^conn_/);
    const row = await testDb().apiToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(row).toMatchObject({ userId: user.id, orgId: org.id, name: "cli", automation: false });
    expect((await api("GET", "/api/v1/incidents", { token })).status).toBe(200);
    const incident = await declare(token, { title: "Declared from the shell" });
    expect(incident.status).toBe(201);
    expect(incident.body.roles[0].user.handle).toBe(user.handle);
  }, 60_000);

  it("--automation gives a token whose writes are automation", async () => {
    const user = await org.user("responder");
    const run = await runTokenScript(["--email", user.email, "--automation", "--name", "pipeline"]);
    expect(run.code, run.stderr).toBe(0);
    const token = lastLine(run.stdout);
    const incident = await declare(token, { title: "Declared by a pipeline" });
    expect(incident.status).toBe(201);
    const timeline = await api("GET", `/api/v1/incidents/${incident.body.ref}/timeline`, { token });
    expect(timeline.body.items[0].actorKind).toBe("automation");
    expect((await testDb().apiToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } })).name).toBe("pipeline");
  }, 60_000);

  it("fails with a message and prints no token for an unknown email", async () => {
    const run = await runTokenScript(["--email", "nobody-here@test.example"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("No user with email nobody-here@test.example");
    expect(run.stdout).not.toMatch(/conn_/);
  }, 60_000);
});
