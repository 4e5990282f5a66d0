// API tokens: `conn_<random>`; only a SHA-256 hash is stored.
import { createHash, randomBytes } from "node:crypto";

export function generateToken(): { token: string; hash: string; prefix: string } {
  const token = `conn_${randomBytes(24).toString("base64url")}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, 10) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * "Last used" of a token or key, best effort and outside any write: stamped at most once a minute, so a sender
 * posting a hundred alerts a second does not write its key's row a hundred times.
 */
export function touchLastUsed(row: { lastUsedAt: Date | null }, stamp: () => Promise<unknown>): void {
  if (row.lastUsedAt && Date.now() - row.lastUsedAt.getTime() <= LAST_USED_RESOLUTION_MS) return;
  void stamp().catch(() => {});
}
