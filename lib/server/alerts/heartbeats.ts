import "server-only";
// Heartbeats (issue 16): each has its own integration key (its alert belongs to it; revoking it stops the pings).
// A ping moves the deadline on and replaces the one pending `heartbeats.expire` job (graphile-worker job_key), in one
// transaction; the job, when the deadline passes, raises the alert through the service's rules — exactly once per
// expiry across restarts: it re-reads the row under its lock and does nothing when a ping moved the deadline or the
// alert is already up, and a rerun after a crash finds the alert firing (a repeat pages nobody). A ping after silence
// resolves the alert in the same transaction that marks the heartbeat up.
import { expiryStep, heartbeatAlert, heartbeatDeadline, heartbeatResolve, type HeartbeatCreateInput } from "@/lib/domain/alerts/heartbeats";
import { AppError } from "@/lib/domain/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { db } from "../db";
import { enqueue, removeJob } from "../jobs";
import { commitWrite, integrationActor, type SystemActor, type WriteTx } from "../write";
import { ingestInWrite, ingestKeyById, type IngestKey } from "./ingest";
import { forgetKeys } from "./key-cache";
import { newKeySecret } from "./keys";
import { serviceOf } from "./service";

type HeartbeatRow = Prisma.HeartbeatGetPayload<object>;

const jobKey = (id: string) => `heartbeats.expire:${id}`;

function presentHeartbeat(row: HeartbeatRow) {
  return {
    id: row.id,
    name: row.name,
    intervalMinutes: row.intervalMinutes,
    severity: row.severity,
    createdAt: row.createdAt.toISOString(),
    lastPingAt: row.lastPingAt?.toISOString() ?? null,
    expiresAt: row.expiresAt.toISOString(),
    /** Silent past its deadline: its alert is firing. */
    down: row.down,
    pingPath: `/api/v1/heartbeats/${row.id}/ping`,
  };
}
export type HeartbeatDto = ReturnType<typeof presentHeartbeat>;

/** `GET /api/v1/services/{key}/heartbeats` (every member): name, interval, last ping, deadline, up or down. */
export async function listHeartbeats(actor: Actor, serviceKey: string) {
  const service = await serviceOf(actor, serviceKey);
  const rows = await db().heartbeat.findMany({ where: { serviceId: service.id }, orderBy: { name: "asc" } });
  return { items: rows.map(presentHeartbeat), nextCursor: null };
}

/** `POST /api/v1/services/{key}/heartbeats` (admin): a heartbeat and its key; the key is in this answer only. */
export async function createHeartbeat(actor: Actor, serviceKey: string, input: HeartbeatCreateInput) {
  const service = await serviceOf(actor, serviceKey);
  const { secret, keyHash, prefix } = newKeySecret();
  const { value } = await commitWrite(actor, async (w) => {
    const taken = await w.tx.heartbeat.findFirst({ where: { serviceId: service.id, name: input.name }, select: { id: true } });
    if (taken) throw new AppError("conflict", `${service.key} already has a heartbeat named ${input.name}.`, { fields: { name: "already used on this service" } });
    const key = await w.tx.integrationKey.create({
      data: { orgId: actor.orgId, serviceId: service.id, name: `Heartbeat ${input.name}`, keyHash, prefix, createdById: actor.userId },
    });
    const row = await w.tx.heartbeat.create({
      data: {
        orgId: actor.orgId,
        serviceId: service.id,
        name: input.name,
        intervalMinutes: input.intervalMinutes,
        severity: input.severity,
        integrationKeyId: key.id,
        createdById: actor.userId,
        createdAt: w.now,
        expiresAt: heartbeatDeadline(w.now, input.intervalMinutes),
      },
    });
    await enqueue(w.tx, "heartbeats.expire", { heartbeatId: row.id }, { key: jobKey(row.id), runAt: row.expiresAt });
    await w.audit("heartbeat.create", "heartbeat", row.id, { service: service.key, name: row.name, intervalMinutes: row.intervalMinutes });
    return { ...presentHeartbeat(row), key: secret };
  });
  forgetKeys();
  return value;
}

/**
 * `DELETE /api/v1/services/{key}/heartbeats/{id}` (admin): no more deadlines; its key is revoked, and its alert, if
 * firing, is resolved (nothing is left watching).
 */
export async function deleteHeartbeat(actor: Actor, serviceKey: string, id: string) {
  const service = await serviceOf(actor, serviceKey);
  const row = await db().heartbeat.findFirst({ where: { id, serviceId: service.id } });
  if (!row) throw new AppError("not_found", "No such heartbeat on this service.");
  // Its alert is the key's, so the key resolves it (in its own write), before the person's write removes it.
  if (row.down) await settle(row, "deleted");
  await commitWrite(actor, async (w) => {
    const locked = await lockHeartbeat(w, id);
    if (!locked) throw new AppError("not_found", "No such heartbeat on this service.");
    if (locked.down) throw new AppError("conflict", "Its alert was raised a moment ago: delete it again.");
    await removeJob(w.tx, jobKey(id));
    await w.tx.integrationKey.update({ where: { id: locked.integrationKeyId }, data: { revokedAt: w.now } });
    await w.tx.heartbeat.delete({ where: { id } });
    await w.audit("heartbeat.delete", "heartbeat", id, { service: service.key, name: locked.name });
  });
  forgetKeys();
  return { id, deleted: true };
}

/** The heartbeat's row under lock: pings and the expiry job take turns on it. */
async function lockHeartbeat(w: WriteTx<Actor | SystemActor>, id: string): Promise<HeartbeatRow | null> {
  const [found] = await w.tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Heartbeat" WHERE id = ${id} FOR UPDATE`;
  return found ? w.tx.heartbeat.findUnique({ where: { id } }) : null;
}

async function resolveIn(w: WriteTx<SystemActor>, key: IngestKey, row: HeartbeatRow, why: string) {
  await ingestInWrite(w, key, "heartbeat", JSON.stringify({ heartbeat: row.name, event: why }), heartbeatResolve(row, w.now));
}

/** A heartbeat that is down comes up (its alert resolved) for `why`, in a write of its key's. */
async function settle(row: HeartbeatRow, why: string, sender: { ip: string | null; userAgent: string | null } = { ip: null, userAgent: null }, after?: (w: WriteTx<SystemActor>, locked: HeartbeatRow) => Promise<HeartbeatRow>) {
  const key = await ingestKeyById(row.integrationKeyId, { evenRevoked: true });
  if (!key) throw new AppError("not_found", "No such heartbeat.");
  const { value } = await commitWrite(integrationActor(key.orgId, key.name, sender.ip, sender.userAgent), async (w) => {
    const locked = await lockHeartbeat(w, row.id);
    if (!locked) throw new AppError("not_found", "No such heartbeat.");
    if (locked.down) await resolveIn(w, key, locked, why);
    const down = { ...locked, down: false };
    if (!after) await w.tx.heartbeat.update({ where: { id: locked.id }, data: { down: false } });
    return after ? after(w, down) : down;
  });
  return value;
}

/** The heartbeat a ping names, for the ping routes: by id with its own key, or by name with any key of its service. */
export async function heartbeatForPing(target: { id: string } | { serviceId: string; name: string }): Promise<HeartbeatRow | null> {
  return "id" in target ? db().heartbeat.findUnique({ where: { id: target.id } }) : db().heartbeat.findUnique({ where: { serviceId_name: target } });
}

/** A ping: the deadline moves to one interval from now; after silence, the alert resolves. Committed before the answer. */
export async function pingHeartbeat(row: HeartbeatRow, sender: { ip: string | null; userAgent: string | null }) {
  const updated = await settle(row, "ping after silence", sender, async (w, locked) => {
    const expiresAt = heartbeatDeadline(w.now, locked.intervalMinutes);
    await enqueue(w.tx, "heartbeats.expire", { heartbeatId: locked.id }, { key: jobKey(locked.id), runAt: expiresAt });
    return w.tx.heartbeat.update({ where: { id: locked.id }, data: { lastPingAt: w.now, expiresAt, down: false } });
  });
  return presentHeartbeat(updated);
}

/** Job `heartbeats.expire`: the deadline passed with no ping, so the alert is raised (through the service's rules). */
export async function expireHeartbeat(payload: { heartbeatId: string }) {
  const row = await db().heartbeat.findUnique({ where: { id: payload.heartbeatId } });
  if (!row) return;
  const key = await ingestKeyById(row.integrationKeyId, { evenRevoked: true });
  if (!key) return;
  await commitWrite(integrationActor(key.orgId, key.name, null, null), async (w) => {
    const locked = await lockHeartbeat(w, row.id);
    if (!locked || expiryStep(locked, w.now) === "nothing") return;
    const alert = heartbeatAlert(locked, w.now);
    await ingestInWrite(w, key, "heartbeat", JSON.stringify({ heartbeat: locked.name, event: "silent", lastPingAt: locked.lastPingAt }), alert);
    await w.tx.heartbeat.update({ where: { id: locked.id }, data: { down: true } });
  });
}
