import "server-only";
// What both credential sign-in routes share: next-auth's own callback
// (/api/auth/callback/credentials, used by the form's signIn() when JavaScript runs)
// and Conn's form route (/api/signin, the form's native POST before or without
// JavaScript). Each reads the form strictly — every field once — and takes the
// rate-limit attempt before the password is checked (lib/server/rate-limit.ts).
import NextAuth from "next-auth";
import { authOptions } from "./auth";
import { allowedOrigins } from "./env";
import { publicOrigin } from "./public-url";

const FORM_TYPE = "application/x-www-form-urlencoded";

/**
 * The sign-in form's fields, or null when the body is not a urlencoded form or names a
 * field twice: with `email=a&email=b` one reader counts `a` while another signs in `b`,
 * so a repeated field is refused before anything is counted or checked.
 */
export async function readSignInForm(req: Request): Promise<URLSearchParams | null> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== FORM_TYPE) return null;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(await req.text());
  } catch {
    return null;
  }
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (seen.has(key)) return null;
    seen.add(key);
  }
  return params;
}

/** next-auth answers a good sign-in by setting a non-empty session cookie. */
export function setsSession(setCookies: readonly string[]): boolean {
  return setCookies.some((c) => /session-token=[^;]+/.test(c) && !/session-token=;/.test(c));
}

/**
 * A form post from one of Conn's own pages: the browser's Origin names this host, Conn's
 * public origin (NEXTAUTH_URL, or behind a trusted proxy its X-Forwarded-Host) or an
 * allowed origin. Browsers send Origin with every form POST; without one, refused.
 * This stands in for next-auth's CSRF token on the native form (no login CSRF).
 */
export function fromOwnPage(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (!origin) return false;
  const host = req.headers.get("host");
  if (host && (origin === `http://${host}` || origin === `https://${host}`)) return true;
  return origin === publicOrigin(req.headers) || allowedOrigins().includes(origin);
}

interface Captured {
  status: number;
  location: string | undefined;
  setCookies: string[];
  body: unknown;
}

/** One call of next-auth's handler in its request/response form, which takes the cookies it is given (not the browser's). */
async function callNextAuth(action: string[], req: { method: string; headers: Record<string, string>; cookies: Record<string, string>; body?: Record<string, string> }): Promise<Captured> {
  const out: Captured = { status: 200, location: undefined, setCookies: [], body: undefined };
  const headers = new Map<string, unknown>();
  const res = {
    status(code: number) {
      out.status = code;
      return res;
    },
    setHeader(name: string, value: unknown) {
      headers.set(name.toLowerCase(), value);
      return res;
    },
    getHeader(name: string) {
      return headers.get(name.toLowerCase());
    },
    end() {},
    json(body: unknown) {
      out.body = body;
    },
    send(body: unknown) {
      out.body = body;
    },
  };
  const handler = NextAuth as unknown as (req: unknown, res: unknown, options: unknown) => Promise<unknown>;
  await handler({ ...req, query: { nextauth: action } }, res, authOptions());
  const setCookie = headers.get("set-cookie");
  out.setCookies = Array.isArray(setCookie) ? setCookie.map(String) : setCookie ? [String(setCookie)] : [];
  const location = headers.get("location");
  out.location = typeof location === "string" ? location : undefined;
  return out;
}

/**
 * next-auth's credentials callback for a form posted natively: a CSRF token is made for
 * this one call (the Origin check above protects the form) and the callback runs with
 * it, exactly as next-auth's own route would run it. Answers whether a session was set
 * and the Set-Cookie headers to pass on.
 */
export async function credentialsCallback(req: Request, fields: { email: string; password: string; callbackUrl: string }): Promise<{ signedIn: boolean; setCookies: string[] }> {
  const headers = Object.fromEntries([...req.headers].filter(([name]) => name !== "cookie"));
  const csrf = await callNextAuth(["csrf"], { method: "GET", headers, cookies: {} });
  const csrfToken = (csrf.body as { csrfToken?: unknown } | undefined)?.csrfToken;
  const csrfCookie = csrf.setCookies.map((c) => c.split(";")[0]!).find((c) => c.split("=")[0]!.endsWith("csrf-token"));
  if (typeof csrfToken !== "string" || !csrfCookie) throw new Error("next-auth gave no CSRF token");
  const eq = csrfCookie.indexOf("=");
  const cookies = { [csrfCookie.slice(0, eq)]: decodeURIComponent(csrfCookie.slice(eq + 1)) };
  const callback = await callNextAuth(["callback", "credentials"], { method: "POST", headers, cookies, body: { csrfToken, ...fields } });
  return { signedIn: setsSession(callback.setCookies), setCookies: callback.setCookies };
}
