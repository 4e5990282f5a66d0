import "server-only";
// Integration keys (issue 16): one per monitoring sender of a service, `conn_ik_<random>`, shown once; only a SHA-256
// is stored. Admins create, list, change and revoke them; a revoked key is refused by the alert routes from then on.
// A key may carry the generic route's mapping and a signing secret (kept to check signatures, never shown again).
import { randomBytes } from "node:crypto";
import { DEFAULT_GENERIC_MAPPING, genericMappingOf } from "@/lib/domain/alerts/generic";
import type { IntegrationKeyCreateInput, IntegrationKeyUpdateInput } from "@/lib/domain/alerts/keys";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/domain/errors";
import type { Actor } from "../actor";
import { db } from "../db";
import { hashToken } from "../tokens";
import { commitWrite } from "../write";
import { forgetKeys } from "./key-cache";
import { serviceOf } from "./service";

/** Keys are hashed as API tokens are (SHA-256, hex). */
export const hashIntegrationKey = hashToken;

type KeyRow = Prisma.IntegrationKeyGetPayload<object>;

/** A new key's secret (shown once) and what is stored of it. */
export function newKeySecret(): { secret: string; keyHash: string; prefix: string } {
  const secret = `conn_ik_${randomBytes(24).toString("base64url")}`;
  return { secret, keyHash: hashIntegrationKey(secret), prefix: secret.slice(0, 12) };
}

function presentKey(row: KeyRow) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    /** The generic route's mapping as it applies (the defaults when none was set). */
    mapping: row.mapping ? genericMappingOf(row.mapping) : DEFAULT_GENERIC_MAPPING,
    /** Whether deliveries must be signed; the secret itself is never shown again. */
    signed: row.signingSecret !== null,
  };
}
export type IntegrationKeyDto = ReturnType<typeof presentKey>;

/** `GET /api/v1/services/{key}/integration-keys` (admin): the keys, newest first, never their secrets; a heartbeat's key names it. */
export async function listIntegrationKeys(actor: Actor, serviceKey: string) {
  const service = await serviceOf(actor, serviceKey);
  const [rows, heartbeats] = await Promise.all([
    db().integrationKey.findMany({ where: { serviceId: service.id }, orderBy: { createdAt: "desc" } }),
    db().heartbeat.findMany({ where: { serviceId: service.id }, select: { integrationKeyId: true, name: true } }),
  ]);
  // A heartbeat's own key says whose it is: revoking it silences that heartbeat (delete the heartbeat instead).
  const heartbeatOf = new Map(heartbeats.map((h) => [h.integrationKeyId, h.name]));
  return { items: rows.map((row) => ({ ...presentKey(row), heartbeat: heartbeatOf.get(row.id) ?? null })), nextCursor: null };
}

/** `POST /api/v1/services/{key}/integration-keys` (admin): a new key; the secret is in this answer only. */
export async function createIntegrationKey(actor: Actor, serviceKey: string, input: IntegrationKeyCreateInput) {
  const service = await serviceOf(actor, serviceKey);
  const { secret: key, keyHash, prefix } = newKeySecret();
  const { value } = await commitWrite(actor, async (w) => {
    const row = await w.tx.integrationKey.create({
      data: {
        orgId: actor.orgId,
        serviceId: service.id,
        name: input.name,
        keyHash,
        prefix,
        createdById: actor.userId,
        ...(input.mapping ? { mapping: input.mapping } : {}),
        signingSecret: input.signingSecret ?? null,
      },
    });
    await w.audit("integration_key.create", "integration_key", row.id, { service: service.key, name: input.name, signed: Boolean(input.signingSecret) });
    return { ...presentKey(row), key };
  });
  forgetKeys();
  return value;
}

/** `PATCH /api/v1/services/{key}/integration-keys/{id}` (admin): rename, set or clear the mapping or the signing secret. */
export async function updateIntegrationKey(actor: Actor, serviceKey: string, id: string, input: IntegrationKeyUpdateInput) {
  const service = await serviceOf(actor, serviceKey);
  const { value } = await commitWrite(actor, async (w) => {
    const row = await w.tx.integrationKey.findFirst({ where: { id, serviceId: service.id } });
    if (!row) throw new AppError("not_found", "No such integration key on this service.");
    if (row.revokedAt) throw new AppError("conflict", "This key is revoked: make a new one.");
    const updated = await w.tx.integrationKey.update({
      where: { id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.mapping !== undefined ? { mapping: input.mapping ?? Prisma.DbNull } : {}),
        ...(input.signingSecret !== undefined ? { signingSecret: input.signingSecret } : {}),
      },
    });
    await w.audit("integration_key.update", "integration_key", id, {
      service: service.key,
      changed: Object.keys(input),
      ...(input.signingSecret !== undefined ? { signed: input.signingSecret !== null } : {}),
    });
    return presentKey(updated);
  });
  forgetKeys();
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
  forgetKeys();
  return value;
}
