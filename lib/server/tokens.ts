// API tokens: `conn_<random>`; only a SHA-256 hash is stored.
import { createHash, randomBytes } from "node:crypto";

export function generateToken(): { token: string; hash: string; prefix: string } {
  const token = `conn_${randomBytes(24).toString("base64url")}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, 10) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
