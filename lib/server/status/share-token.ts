import "server-only";
// Share link tokens: `<id>.<expiresAtEpochSeconds>.<signature>`, the signature an
// HMAC-SHA256 of `<id>.<exp>` in base64url. The HMAC key is derived from
// NEXTAUTH_SECRET for this one purpose, so a share token can never double as
// anything else signed with that secret. The signature only proves that Conn
// minted the token; the ShareLink row still decides (revoked? expired? private?).
import { createHmac, timingSafeEqual } from "node:crypto";

const TOKEN_PATTERN = /^([a-z0-9]{8,64})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/i;

function keyFrom(secret: string): Buffer {
  return createHmac("sha256", secret).update("conn:share-link:v1").digest();
}

function signature(id: string, exp: number, secret: string): Buffer {
  return createHmac("sha256", keyFrom(secret)).update(`${id}.${exp}`).digest();
}

export function signShareToken(id: string, expiresAt: Date, secret: string): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return `${id}.${exp}.${signature(id, exp, secret).toString("base64url")}`;
}

export type ShareTokenCheck = { ok: true; id: string; exp: number } | { ok: false; reason: "malformed" | "bad_signature" | "expired"; id?: string };

/** Checks format, signature (in constant time) and the expiry the token carries. */
export function verifyShareToken(token: string, secret: string, now = new Date()): ShareTokenCheck {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return { ok: false, reason: "malformed" };
  const [, id, expText, sig] = match as unknown as [string, string, string, string];
  const exp = Number(expText);
  const given = Buffer.from(sig, "base64url");
  const expected = signature(id, exp, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad_signature" };
  if (exp * 1000 <= now.getTime()) return { ok: false, reason: "expired", id };
  return { ok: true, id, exp };
}

/** The secret the server runs with (always set at runtime: bootstrap generates one when unset). */
export function shareSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set");
  return secret;
}
