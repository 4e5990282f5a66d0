// Sign-in and API tokens against the real server and Postgres: next-auth's
// credentials flow and its session cookie, the same-origin rule for cookie
// writes, the sign-in rate limit, session expiry, tokens over HTTP (shown once,
// stored hashed, revocable, automation-labelled, role-bound) and `npm run token`.
//
// Sign-in attempts share one per-address limit (50 per 15 min, lib/server/rate-limit.ts)
// with every other test file calling from 127.0.0.1: this file makes 15 of them there.
// The tests that spend a budget call from an address of their own (127.0.0.x, `from`).
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
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

// ─── Sign-in from an address of the test's own ──────────────────────────────

interface RawResponse {
  status: number;
  location: string | undefined;
  setCookies: string[];
  text: string;
}

/** One HTTP request to the test server from the loopback address `address` (127.0.0.x), which is what the server counts as the caller's address. */
function requestFrom(address: string, method: string, pathname: string, opts: { headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  const target = new URL(pathname, baseUrl());
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method,
        localAddress: address,
        agent: false,
        headers: { host: target.host, ...opts.headers, ...(opts.body !== undefined ? { "content-length": String(Buffer.byteLength(opts.body)) } : {}) },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => {
          const setCookie = res.headers["set-cookie"] ?? [];
          resolve({ status: res.statusCode!, location: res.headers.location, setCookies: setCookie, text });
        });
      },
    );
    req.on("error", reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const sessionIn = (setCookies: string[]) => setCookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`) && !c.startsWith(`${SESSION_COOKIE}=;`));
const FORM = "application/x-www-form-urlencoded";

/** next-auth's CSRF token and cookie, fetched from `address`. */
async function csrfFrom(address: string): Promise<{ csrfToken: string; cookie: string }> {
  const res = await requestFrom(address, "GET", "/api/auth/csrf");
  expect(res.status).toBe(200);
  return { csrfToken: (JSON.parse(res.text) as { csrfToken: string }).csrfToken, cookie: cookieHeader(res.setCookies) };
}

/** next-auth's credentials callback (as its client `signIn()` posts it, minus `json` unless given) from `address`; `body` is sent as is. */
async function nextAuthSignInFrom(address: string, body: (csrfToken: string) => string, opts: { contentType?: string; csrf?: { csrfToken: string; cookie: string } } = {}) {
  const csrf = opts.csrf ?? (await csrfFrom(address));
  return requestFrom(address, "POST", "/api/auth/callback/credentials", {
    headers: { "content-type": opts.contentType ?? FORM, cookie: csrf.cookie, origin: baseUrl() },
    body: body(csrf.csrfToken),
  });
}

/** The sign-in form's native POST (no JavaScript) to /api/signin from `address`. */
function formSignInFrom(address: string, body: string, headers: Record<string, string> = { origin: baseUrl() }) {
  return requestFrom(address, "POST", "/api/signin", { headers: { "content-type": FORM, ...headers }, body });
}

const form = (fields: Record<string, string> | [string, string][]) => new URLSearchParams(fields).toString();

/** The rate-limit rows that name `email` (any prefix, any address). */
async function limitRows(email: string): Promise<{ key: string; points: number }[]> {
  return testDb().$queryRawUnsafe(`SELECT key, points FROM rate_limits WHERE key LIKE $1`, `%${email.toLowerCase()}%`);
}

let nextAddress = 10;
/** A loopback address no other test uses, so its per-address budget is its own. */
const freshAddress = () => `127.0.0.${nextAddress++}`;

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

describe("sign-in forms are read strictly", () => {
  it("refuses a repeated field with nothing checked, and counts it against nobody", async () => {
    const address = freshAddress();
    const counted = await org.user("responder", { password: PASSWORD });
    const target = await org.user("responder", { password: PASSWORD });
    const spellings: [string, string][][] = [
      // Counted on the first email, signed in on the last: the way round the per-email limit.
      [["email", counted.email], ["email", target.email], ["password", PASSWORD]],
      [["email", target.email], ["password", "wrong"], ["password", PASSWORD]],
    ];
    for (const fields of spellings) {
      for (let i = 0; i < 6; i++) {
        const viaNextAuth = await nextAuthSignInFrom(address, (csrfToken) => form([["csrfToken", csrfToken], ...fields, ["json", "true"]]));
        expect(viaNextAuth.status).toBe(400);
        expect(JSON.parse(viaNextAuth.text)).toMatchObject({ error: { code: "invalid_input" } });
        expect(new URL(JSON.parse(viaNextAuth.text).url).searchParams.get("error")).toBe("CredentialsSignin");
        expect(sessionIn(viaNextAuth.setCookies)).toBeUndefined();
        const viaForm = await formSignInFrom(address, form(fields));
        expect(viaForm.status).toBe(303);
        expect(viaForm.location).toBe("/signin?error=CredentialsSignin");
        expect(sessionIn(viaForm.setCookies)).toBeUndefined();
      }
    }
    // Counted against nobody: neither email nor the address has a row, and both still sign in.
    expect(await limitRows(counted.email)).toEqual([]);
    expect(await limitRows(target.email)).toEqual([]);
    expect(await testDb().$queryRawUnsafe(`SELECT key FROM rate_limits WHERE key = $1`, `signin-ip:${address}`)).toEqual([]);
    for (const user of [counted, target]) {
      const ok = await nextAuthSignInFrom(address, (csrfToken) => form({ csrfToken, email: user.email, password: PASSWORD }));
      expect(ok.status).toBe(302);
      expect(sessionIn(ok.setCookies)).toBeDefined();
    }
  });

  it("refuses a body that is not a urlencoded form (JSON would be read by next-auth but counted on no email)", async () => {
    const address = freshAddress();
    const user = await org.user("responder", { password: PASSWORD });
    const json = await nextAuthSignInFrom(address, (csrfToken) => JSON.stringify({ csrfToken, email: user.email, password: PASSWORD, json: "true" }), {
      contentType: "application/json",
    });
    expect(json.status).toBe(400);
    expect(sessionIn(json.setCookies)).toBeUndefined();
    // A urlencoded type that also says JSON: next-auth would parse it as JSON.
    const mixed = await nextAuthSignInFrom(address, (csrfToken) => JSON.stringify({ csrfToken, email: user.email, password: PASSWORD }), {
      contentType: "application/json; x=application/x-www-form-urlencoded",
    });
    expect(mixed.status).toBe(400);
    expect(sessionIn(mixed.setCookies)).toBeUndefined();
    expect(await limitRows(user.email)).toEqual([]);
  });
});

describe("sign-in limits taken before the password is checked", () => {
  it("checks at most 10 of 40 parallel wrong passwords for one email (both sign-in routes share it), then refuses the right one", async () => {
    const address = freshAddress();
    const user = await org.user("responder", { password: PASSWORD });
    const csrf = await csrfFrom(address);
    const attempts = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2
          ? nextAuthSignInFrom(address, (csrfToken) => form({ csrfToken, email: user.email, password: `wrong ${i}` }), { csrf }).then((r) => ({ limited: r.status === 429, r }))
          : formSignInFrom(address, form({ email: user.email, password: `wrong ${i}` })).then((r) => ({ limited: r.location === "/signin?error=RateLimited", r })),
      ),
    );
    for (const { r } of attempts) expect(sessionIn(r.setCookies)).toBeUndefined();
    const checked = attempts.filter((a) => !a.limited);
    expect(checked.length).toBeLessThanOrEqual(10);
    expect(checked.length).toBeGreaterThan(0);
    const right = await nextAuthSignInFrom(address, (csrfToken) => form({ csrfToken, email: user.email, password: PASSWORD }));
    expect(right.status).toBe(429);
    expect(sessionIn(right.setCookies)).toBeUndefined();
    const rightByForm = await formSignInFrom(address, form({ email: user.email, password: PASSWORD }));
    expect(rightByForm.location).toBe("/signin?error=RateLimited");
    expect(sessionIn(rightByForm.setCookies)).toBeUndefined();
  });

  it("checks at most 50 of 60 parallel attempts from one address at 60 emails, then refuses a right password there", async () => {
    const address = freshAddress();
    const user = await org.user("responder", { password: PASSWORD });
    const csrf = await csrfFrom(address);
    const attempts = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        nextAuthSignInFrom(address, (csrfToken) => form({ csrfToken, email: `spray-${i}-${address}@test.example`, password: "guess" }), { csrf }),
      ),
    );
    const checked = attempts.filter((r) => r.status !== 429);
    expect(checked.length).toBeLessThanOrEqual(50);
    expect(checked.length).toBeGreaterThan(0);
    const right = await nextAuthSignInFrom(address, (csrfToken) => form({ csrfToken, email: user.email, password: PASSWORD }));
    expect(right.status).toBe(429);
    expect(sessionIn(right.setCookies)).toBeUndefined();
    // Another address is not affected.
    const elsewhere = await nextAuthSignInFrom(freshAddress(), (csrfToken) => form({ csrfToken, email: user.email, password: PASSWORD }));
    expect(elsewhere.status).toBe(302);
    expect(sessionIn(elsewhere.setCookies)).toBeDefined();
  }, 60_000);

  it("gives the attempt back on success: someone who signs in again and again, with the odd typo, is never limited", async () => {
    const address = freshAddress();
    const user = await org.user("responder", { password: PASSWORD });
    const csrf = await csrfFrom(address);
    // 55 good sign-ins (more than the address's 50 attempts), the first ones after 9 typos each: never refused.
    for (let i = 0; i < 55; i++) {
      if (i % 5 === 0 && i < 10) {
        for (let t = 0; t < 9; t++) {
          const typo = await nextAuthSignInFrom(address, (csrfToken) => form({ csrfToken, email: user.email, password: `typo ${t}` }), { csrf });
          expect(typo.status, `typo ${t} before sign-in ${i + 1}`).toBe(302);
        }
      }
      const ok =
        i % 2
          ? await nextAuthSignInFrom(address, (csrfToken) => form({ csrfToken, email: user.email, password: PASSWORD }), { csrf })
          : await formSignInFrom(address, form({ email: user.email, password: PASSWORD }));
      expect(ok.status, `sign-in ${i + 1}`).toBe(i % 2 ? 302 : 303);
      expect(sessionIn(ok.setCookies), `sign-in ${i + 1}`).toBeDefined();
    }
  }, 120_000);
});

describe("the sign-in form without JavaScript (POST /api/signin)", () => {
  it("signs in with the password in the body and sets the same HttpOnly, SameSite=Lax session cookie", async () => {
    const address = freshAddress();
    const user = await org.user("responder", { password: PASSWORD });
    const res = await formSignInFrom(address, form({ email: user.email, password: PASSWORD, callbackUrl: "/incidents?mine=1" }));
    expect(res.status).toBe(303);
    expect(res.location).toBe("/incidents?mine=1");
    const session = sessionIn(res.setCookies)!;
    expect(session).toBeDefined();
    const attributes = cookieAttributes(session);
    expect(attributes).toHaveProperty("httponly");
    expect(attributes.samesite?.toLowerCase()).toBe("lax");
    const list = await api("GET", "/api/v1/incidents", { headers: { cookie: session.split(";")[0]! } });
    expect(list.status).toBe(200);
  });

  it("sends a wrong password back to the sign-in page with the error, keeping a safe callback", async () => {
    const address = freshAddress();
    const user = await org.user("responder", { password: PASSWORD });
    const res = await formSignInFrom(address, form({ email: user.email, password: "nope", callbackUrl: "/incidents" }));
    expect(res.status).toBe(303);
    expect(res.location).toBe("/signin?error=CredentialsSignin&callbackUrl=%2Fincidents");
    expect(sessionIn(res.setCookies)).toBeUndefined();
  });

  it("is refused (403) from another site's page or without an Origin, with nothing checked or counted", async () => {
    const address = freshAddress();
    const user = await org.user("responder", { password: PASSWORD });
    const origins: Record<string, string>[] = [{ origin: "https://evil.example" }, {}, { origin: "null" }];
    for (const headers of origins) {
      const res = await formSignInFrom(address, form({ email: user.email, password: PASSWORD }), headers);
      expect(res.status).toBe(403);
      expect(sessionIn(res.setCookies)).toBeUndefined();
    }
    expect(await limitRows(user.email)).toEqual([]);
  });
});

describe("callback URLs after sign-in stay on Conn", () => {
  const hostile = [
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "//evil.example",
    "\\\\evil.example",
    "https://evil.example/incidents",
    "https:evil.example",
    "javascript:alert(1)",
    "/%5Cevil.example",
    "/%2F/evil.example",
    "http://localhost:1/",
  ];

  it("never answers an off-site Location, through next-auth's callback or the form", async () => {
    const address = freshAddress();
    const user = await org.user("responder", { password: PASSWORD });
    const own = new URL(baseUrl()).origin;
    const csrf = await csrfFrom(address);
    for (const callbackUrl of hostile) {
      const redirected = await nextAuthSignInFrom(address, (csrfToken) => form({ csrfToken, email: user.email, password: PASSWORD, callbackUrl }), { csrf });
      expect(redirected.status, callbackUrl).toBe(302);
      expect(new URL(redirected.location!, baseUrl()).origin, callbackUrl).toBe(own);
      expect(redirected.location, callbackUrl).toBe(`${own}/`);
      // As next-auth's client signIn() asks for it (json): the url it will go to.
      const json = await nextAuthSignInFrom(address, (csrfToken) => form({ csrfToken, email: user.email, password: PASSWORD, callbackUrl, json: "true" }), { csrf });
      expect(JSON.parse(json.text).url, callbackUrl).toBe(`${own}/`);
      const viaForm = await formSignInFrom(address, form({ email: user.email, password: PASSWORD, callbackUrl }));
      expect(viaForm.status, callbackUrl).toBe(303);
      expect(viaForm.location, callbackUrl).toBe("/");
      // A wrong password keeps no hostile callback on the way back either.
      const wrong = await formSignInFrom(address, form({ email: user.email, password: "nope", callbackUrl }));
      expect(wrong.location, callbackUrl).toBe("/signin?error=CredentialsSignin");
      await formSignInFrom(address, form({ email: user.email, password: PASSWORD })); // forgets the failure
    }
    // A same-origin absolute URL is fine, reduced to its path by the form.
    const absolute = await formSignInFrom(address, form({ email: user.email, password: PASSWORD, callbackUrl: `${own}/status` }));
    expect(absolute.location).toBe("/status");
  }, 60_000);

  it("renders the sign-in page with a hostile callbackUrl reduced to /", async () => {
    for (const callbackUrl of hostile) {
      const page = await fetch(`${baseUrl()}/signin?${new URLSearchParams({ callbackUrl })}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html, callbackUrl).toMatch(/name="callbackUrl" value="\/"/);
    }
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
