import "server-only";
// Integration keys (issue 16): one per monitoring sender of a service, `conn_ik_<random>`, shown once; only a SHA-256
// is stored. Admins create, list and revoke them; a revoked key is refused by the alert routes from then on.
import { randomBytes } from "node:crypto";
import type { IntegrationKeyCreateInput } from "@/lib/domain/alerts/keys";
import { AppError } from "@/lib/domain/errors";
import type { Actor } from "../actor";
import { db } from "../db";
import { hashToken } from "../tokens";
import { commitWrite } from "../write";

/** Keys are hashed as API tokens are (SHA-256, hex). */
export const hashIntegrationKey = hashToken;

function presentKey(row: { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
export type IntegrationKeyDto = ReturnType<typeof presentKey>;

async function serviceOf(actor: Actor, key: string) {
  const service = await db().service.findFirst({ where: { orgId: actor.orgId, key: key.toUpperCase() }, select: { id: true, key: true } });
  if (!service) throw new AppError("not_found", `No service ${key}.`);
  return service;
}

/** `GET /api/v1/services/{key}/integration-keys` (admin): the keys, newest first, never their secrets. */
export async function listIntegrationKeys(actor: Actor, serviceKey: string) {
  const service = await serviceOf(actor, serviceKey);
  const rows = await db().integrationKey.findMany({ where: { serviceId: service.id }, orderBy: { createdAt: "desc" } });
  return { items: rows.map(presentKey), nextCursor: null };
}

/** `POST /api/v1/services/{key}/integration-keys` (admin): a new key; the secret is in this answer only. */
export async function createIntegrationKey(actor: Actor, serviceKey: string, input: IntegrationKeyCreateInput) {
  const service = await serviceOf(actor, serviceKey);
  const key = `conn_ik_${randomBytes(24).toString("base64url")}`;
  const { value } = await commitWrite(actor, async (w) => {
    const row = await w.tx.integrationKey.create({
      data: { orgId: actor.orgId, serviceId: service.id, name: input.name, keyHash: hashIntegrationKey(key), prefix: key.slice(0, 12), createdById: actor.userId },
    });
    await w.audit("integration_key.create", "integration_key", row.id, { service: service.key, name: input.name });
    return { ...presentKey(row), key };
  });
  return value;
}

/** `DELETE /api/v1/services/{key}/integration-keys/{id}` (admin): revoked from now on; revoking again changes nothing. */
export async function revokeIntegrationKey(actor: Actor, serviceKey: string, id: string) {
  const service = await serviceOf(actor, serviceKey);
  const { value } = await commitWrite(actor, async (w) => {
    const row = await w.tx.integrationKey.findFirst({ where: { id, serviceId: service.id } });
    if (!row) throw new AppError("not_found", "No such integration key on this service.");
    if (row.revokedAt) return presentKey(row);
    const updated = await w.tx.integrationKey.update({ where: { id }, data: { revokedAt: new Date() } });
    await w.audit("integration_key.revoke", "integration_key", id, { service: service.key, name: row.name });
    return presentKey(updated);
  });
  return value;
}
