// Reading the next-auth session cookie outside next-auth's own handlers: for
// route handlers and for the socket.io handshake (same cookie, same secret).
import { decode } from "next-auth/jwt";

const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

export function parseCookies(header: string | null | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      cookies.set(name, value);
    }
  }
  return cookies;
}

/** The signed-in user id in a Cookie header, or null (no cookie, bad signature, expired). */
export async function userIdFromCookieHeader(header: string | null | undefined): Promise<string | null> {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) return null;
  const cookies = parseCookies(header);
  for (const name of COOKIE_NAMES) {
    // next-auth splits large tokens into name.0, name.1, …
    let token = cookies.get(name);
    if (!token) {
      const chunks: string[] = [];
      for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`)!);
      token = chunks.join("") || undefined;
    }
    if (!token) continue;
    try {
      const payload = await decode({ token, secret });
      if (payload?.sub && (!payload.exp || Number(payload.exp) * 1000 > Date.now())) return payload.sub;
    } catch {
      return null;
    }
  }
  return null;
}
