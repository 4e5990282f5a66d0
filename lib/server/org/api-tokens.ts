import "server-only";
// Personal API tokens: created (shown once), listed, revoked. A token marked
// automation records everything it does with that actor kind.
import { AppError } from "@/lib/domain/errors";
import type { ApiTokenCreateInput } from "@/lib/domain/schemas";
import type { Actor } from "../actor";
import { db } from "../db";
import { generateToken } from "../tokens";
import { commitWrite } from "../write";

function presentToken(row: { id: string; name: string; prefix: string; automation: boolean; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    automation: row.automation,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
export type ApiTokenDto = ReturnType<typeof presentToken>;

export async function listApiTokens(actor: Actor) {
  const rows = await db().apiToken.findMany({ where: { userId: actor.userId, orgId: actor.orgId }, orderBy: { createdAt: "desc" } });
  return { items: rows.map(presentToken), nextCursor: null };
}

/** Creates a token for the actor (any role: a viewer's token can only read). The secret is returned once. */
export async function createApiToken(actor: Actor, input: ApiTokenCreateInput) {
  // Else a bot could mint itself a token whose words pass for its person's.
  if (actor.kind === "automation" && !input.automation) {
    throw new AppError("forbidden", "An automation token can only create automation tokens.");
  }
  const { value } = await commitWrite(actor, async (w) => {
    const { token, hash, prefix } = generateToken();
    const row = await w.tx.apiToken.create({
      data: { orgId: actor.orgId, userId: actor.userId, name: input.name, automation: input.automation, tokenHash: hash, prefix },
    });
    await w.audit("api_token.create", "api_token", row.id, { name: input.name, automation: input.automation });
    return { ...presentToken(row), token };
  });
  return value;
}

export async function revokeApiToken(actor: Actor, id: string) {
  const { value } = await commitWrite(actor, async (w) => {
    const row = await w.tx.apiToken.findFirst({ where: { id, userId: actor.userId } });
    if (!row) throw new AppError("not_found", "No such token.");
    const updated = row.revokedAt ? row : await w.tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await w.audit("api_token.revoke", "api_token", id, { name: row.name });
    // After commit: every socket opened with this token is disconnected at once (a new one is refused at the handshake).
    w.events.push({ type: "access.revoked", orgId: row.orgId, tokenIds: [id] });
    return presentToken(updated);
  });
  return value;
}

/** For `npm run token`: a token for the user with this email, created outside any request. */
export async function createTokenForEmail(email: string, opts: { name?: string; automation?: boolean } = {}) {
  const user = await db().user.findUnique({ where: { email: email.toLowerCase() }, include: { memberships: { take: 1, orderBy: { createdAt: "asc" } } } });
  const membership = user?.memberships[0];
  if (!user || !membership) throw new Error(`No user with email ${email} in any organization.`);
  const { token, hash, prefix } = generateToken();
  await db().$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { orgId: membership.orgId, userId: user.id, name: opts.name ?? "cli", automation: opts.automation ?? false, tokenHash: hash, prefix },
    });
    await tx.auditLog.create({
      data: { orgId: membership.orgId, actorId: user.id, actorKind: "system", action: "api_token.create", targetType: "api_token", targetId: row.id, data: { via: "npm run token" } },
    });
  });
  return token;
}
