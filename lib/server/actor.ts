import "server-only";
// Who is acting: a person through the browser session, or a person's API token
// (which may be marked automation: a bot, an AI agent, a script). Loaded from
// the database on every request, so a removed membership or revoked token
// takes effect at once.
import type { OrgRole } from "@/lib/domain/schemas";
import { db } from "./db";
import { hashToken, touchLastUsed } from "./tokens";
import { userIdFromCookieHeader } from "./session-token";

export type ActorKind = "human" | "automation";

export interface Actor {
  userId: string;
  orgId: string;
  role: OrgRole;
  handle: string;
  name: string;
  email: string;
  timeZone: string;
  kind: ActorKind;
  tokenId: string | null;
  ip: string | null;
  userAgent: string | null;
}

/** Set by the custom server from the socket's remote address; a client cannot forge it. */
export const REMOTE_ADDR_HEADER = "x-conn-remote-addr";

type HeaderSource = { get(name: string): string | null };

export async function loadActor(userId: string, via: { tokenId: string | null; automation: boolean; orgId?: string }, h: HeaderSource): Promise<Actor | null> {
  const user = await db().user.findUnique({
    where: { id: userId },
    include: { memberships: { orderBy: { createdAt: "asc" }, ...(via.orgId ? { where: { orgId: via.orgId } } : {}) } },
  });
  const membership = user?.memberships[0];
  if (!user || user.deactivatedAt || !membership) return null;
  return {
    userId: user.id,
    orgId: membership.orgId,
    role: membership.role,
    handle: user.handle,
    name: user.name,
    email: user.email,
    timeZone: user.timeZone,
    kind: via.automation ? "automation" : "human",
    tokenId: via.tokenId,
    ip: h.get(REMOTE_ADDR_HEADER),
    userAgent: h.get("user-agent")?.slice(0, 300) ?? null,
  };
}

export async function actorFromBearer(token: string, h: HeaderSource): Promise<Actor | null> {
  const record = await db().apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!record || record.revokedAt) return null;
  touchLastUsed(record, () => db().apiToken.update({ where: { id: record.id }, data: { lastUsedAt: new Date() } }));
  return loadActor(record.userId, { tokenId: record.id, automation: record.automation, orgId: record.orgId }, h);
}

/** The actor of an open socket authenticated with a token, re-read: null once the token is revoked (or its person lost access). */
export async function actorFromTokenId(tokenId: string, h: HeaderSource): Promise<Actor | null> {
  const record = await db().apiToken.findUnique({ where: { id: tokenId } });
  if (!record || record.revokedAt) return null;
  return loadActor(record.userId, { tokenId: record.id, automation: record.automation, orgId: record.orgId }, h);
}

/** The actor of an API request: `Authorization: Bearer` first, else the session cookie. */
export async function actorFromRequest(req: Request): Promise<Actor | null> {
  const auth = req.headers.get("authorization");
  if (auth) {
    const match = /^Bearer\s+(\S+)$/i.exec(auth);
    return match ? actorFromBearer(match[1]!, req.headers) : null;
  }
  const userId = await userIdFromCookieHeader(req.headers.get("cookie"));
  return userId ? loadActor(userId, { tokenId: null, automation: false }, req.headers) : null;
}

export async function actorForUser(userId: string, kind: ActorKind = "human"): Promise<Actor | null> {
  return loadActor(userId, { tokenId: null, automation: kind === "automation" }, { get: () => null });
}
