import "server-only";
// Every write goes through `commitWrite`: one transaction holds the change, its
// timeline entry (with the incident's next seq), its audit record and, for a
// POST with an Idempotency-Key, the response to replay. Realtime events are
// published only after that transaction commits.
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/domain/errors";
import type { Audience, EntryAddedEvent, RealtimeEvent } from "@/lib/realtime/events";
import { checkEntryData, type TimelineData, type TimelineEntry, type TimelineKind } from "@/lib/domain/timeline";
import { publish } from "@/lib/realtime/publish";
import type { Prisma } from "@/lib/generated/prisma/client";
import { incidentRef } from "@/lib/domain/refs";
import type { Actor } from "./actor";
import { db, trackWrite, type Tx } from "./db";

export interface IdempotencyOptions {
  key: string;
  /** METHOD + path. */
  route: string;
  /** SHA-256 of method, path and canonical body (requestDigest): the same key with another request is a 422 and writes nothing. */
  digest: string;
  /** Status to replay (201 for a create). */
  status: number;
}

export interface IncidentHandle {
  id: string;
  number: number;
  orgId: string;
  private: boolean;
}

/**
 * Conn itself acting: the escalation engine paging people on a timer. No person,
 * no token; its entries show as "Conn" and its audit rows have no actor.
 */
export interface SystemActor {
  /** "automation" for a monitoring sender's integration key: its entries show as a bot. */
  kind: "system" | "automation";
  orgId: string;
  userId: null;
  handle: null;
  name: string;
  tokenId: null;
  ip: string | null;
  userAgent: string | null;
}

export function systemActor(orgId: string): SystemActor {
  return { kind: "system", orgId, userId: null, handle: null, name: "Conn", tokenId: null, ip: null, userAgent: null };
}

/** A monitoring sender acting through its integration key: no person, shown as a bot named after the key. */
export function integrationActor(orgId: string, keyName: string, ip: string | null, userAgent: string | null): SystemActor {
  return { kind: "automation", orgId, userId: null, handle: null, name: keyName, tokenId: null, ip, userAgent };
}

export class WriteTx<A extends Actor | SystemActor = Actor> {
  readonly events: RealtimeEvent[] = [];
  /** The one time of this write: its rows and its entry carry the same instant. */
  readonly now = new Date();
  constructor(
    readonly tx: Tx,
    readonly actor: A,
  ) {}

  /**
   * Appends the one timeline entry of a change, taking the incident's next seq under its row lock.
   * `data` is typed by `kind` and checked against its schema (lib/domain/timeline.ts) before anything is written.
   */
  async appendEntry<K extends TimelineKind>(incident: IncidentHandle, kind: K, data: TimelineData<K>, at = this.now): Promise<TimelineEntry> {
    checkEntryData(kind, data);
    const { lastSeq: seq } = await this.tx.incident.update({
      where: { id: incident.id },
      data: { lastSeq: { increment: 1 } },
      select: { lastSeq: true },
    });
    const entry = await this.tx.timelineEntry.create({
      data: {
        incidentId: incident.id,
        seq,
        kind,
        at,
        authorId: this.actor.userId,
        actorKind: this.actor.kind,
        tokenId: this.actor.tokenId,
        data: data as Prisma.InputJsonValue,
      },
    });
    const dto = {
      id: entry.id,
      seq,
      kind,
      at: entry.at.toISOString(),
      pinned: false,
      actorKind: this.actor.kind,
      author: this.actor.handle === null ? null : { handle: this.actor.handle, name: this.actor.name },
      data,
    } as TimelineEntry;
    const event: EntryAddedEvent & Audience = {
      type: "incident.timeline.entry_added",
      incidentId: incident.id,
      ref: incidentRef(incident.number),
      orgId: incident.orgId,
      private: incident.private,
      entry: dto,
      ...(incident.private ? { memberIds: await this.memberIds(incident.id) } : {}),
    };
    this.events.push(event);
    return dto;
  }

  /** Members of a private incident, read in this transaction (so one added by this write is included). */
  async memberIds(incidentId: string): Promise<string[]> {
    const rows = await this.tx.incidentMember.findMany({ where: { incidentId }, select: { userId: true } });
    return rows.map((r) => r.userId);
  }

  async audit(action: string, targetType: string, targetId: string | null, data: Record<string, unknown> = {}) {
    await this.tx.auditLog.create({
      data: {
        orgId: this.actor.orgId,
        actorId: this.actor.userId,
        actorKind: this.actor.kind,
        tokenId: this.actor.tokenId,
        action,
        targetType,
        targetId,
        data: data as Prisma.InputJsonValue,
        ip: this.actor.ip,
        userAgent: this.actor.userAgent,
      },
    });
  }
}

class Replay extends Error {}

function idempotencyScope(actor: Actor) {
  return `${actor.userId}:${actor.tokenId ?? "session"}`;
}

async function storedResponse<T>(actor: Actor, idem: IdempotencyOptions): Promise<{ value: T; status: number } | null> {
  const row = await db().idempotencyKey.findUnique({ where: { scope_key: { scope: idempotencyScope(actor), key: idem.key } } });
  if (!row) return null;
  // Rows written before digests were kept are compared by route alone.
  if (row.route !== idem.route || (row.requestDigest !== null && row.requestDigest !== idem.digest)) {
    throw new AppError("idempotency_key_reused", "This Idempotency-Key was already used for a different request: send a new key for a new request.", {
      fields: { "Idempotency-Key": "already used for a different request" },
    });
  }
  return { value: row.response as T, status: row.status };
}

export interface WriteResult<T> {
  value: T;
  status?: number;
  replayed: boolean;
}

export async function commitWrite<T, A extends Actor | SystemActor = Actor>(
  actor: A,
  fn: (w: WriteTx<A>) => Promise<T>,
  opts: { idempotency?: IdempotencyOptions } = {},
): Promise<WriteResult<T>> {
  const idem = actor.userId === null ? undefined : opts.idempotency;
  if (idem) {
    const earlier = await storedResponse<T>(actor as Actor, idem);
    if (earlier) return { value: earlier.value, status: earlier.status, replayed: true };
  }
  let w: WriteTx<A> | undefined;
  try {
    const value = await trackWrite(() =>
      db().$transaction(
        async (tx) => {
          let claimId: string | undefined;
          if (idem) {
            // A concurrent twin blocks here on the unique index until the first commits, then replays it.
            claimId = randomUUID();
            const claimed = await tx.$queryRaw<{ id: string }[]>`
              INSERT INTO "IdempotencyKey" (id, scope, key, route, "requestDigest", status, response, "createdAt")
              VALUES (${claimId}, ${idempotencyScope(actor as Actor)}, ${idem.key}, ${idem.route}, ${idem.digest}, ${idem.status}, 'null'::jsonb, now())
              ON CONFLICT (scope, key) DO NOTHING RETURNING id`;
            if (claimed.length === 0) throw new Replay();
          }
          w = new WriteTx(tx, actor);
          const result = await fn(w);
          if (claimId) {
            await tx.idempotencyKey.update({
              where: { id: claimId },
              data: { response: JSON.parse(JSON.stringify(result ?? null)) as Prisma.InputJsonValue },
            });
          }
          return result;
        },
        { maxWait: 10_000, timeout: 20_000 },
      ),
    );
    for (const event of w!.events) publish(event);
    return { value, status: idem?.status, replayed: false };
  } catch (error) {
    if (error instanceof Replay && idem) {
      const earlier = await storedResponse<T>(actor as Actor, idem);
      if (earlier) return { value: earlier.value, status: earlier.status, replayed: true };
    }
    throw error;
  }
}

/**
 * Several writers' changes in one transaction (group commit: the alert deliveries that arrived together): `open`
 * gives each its own WriteTx (its actor, its instant) on the one transaction; every event of every writer is
 * published only after it commits. No idempotency keys: no person writes through it.
 */
export async function commitBatch<T>(fn: (tx: Tx, open: <A extends SystemActor>(actor: A) => WriteTx<A>) => Promise<T>): Promise<T> {
  const opened: WriteTx<SystemActor>[] = [];
  const value = await trackWrite(() =>
    db().$transaction(
      (tx) =>
        fn(tx, <A extends SystemActor>(actor: A) => {
          const w = new WriteTx(tx, actor);
          opened.push(w);
          return w;
        }),
      { maxWait: 10_000, timeout: 20_000 },
    ),
  );
  for (const w of opened) for (const event of w.events) publish(event);
  return value;
}

/** The 409 of an optimistic-concurrency write: what was read is no longer current (details carry the current version). */
export function staleVersion(what: string, current: number): AppError {
  return new AppError("conflict", `This ${what} changed since you read it (now version ${current}). Reload and try again.`, {
    fields: { version: `stale: the current version is ${current}` },
    details: { version: current },
  });
}
