import "server-only";
// Since you last looked (issue 18): each person's marker of the last seq they saw of an incident, and the digest of
// what others changed after it (lib/domain/digest.ts). The marker is the person's own state, not the incident's: no
// timeline entry, no audit record, and it only moves forward (two tabs, a late request).
import { buildDigest, DIGEST_ENTRY_LIMIT, DIGEST_KINDS, type Digest } from "@/lib/domain/digest";
import { AppError } from "@/lib/domain/errors";
import { parseIncidentRef } from "@/lib/domain/refs";
import type { DigestQuery } from "@/lib/domain/schemas";
import type { Actor } from "../actor";
import { db } from "../db";
import { visibleIncidentsWhere } from "./access";
import { presentEntry } from "./present";

async function visibleIncident(actor: Actor, ref: string): Promise<{ id: string; lastSeq: number }> {
  const number = parseIncidentRef(ref);
  const row =
    number === null
      ? null
      : await db().incident.findFirst({ where: { AND: [visibleIncidentsWhere(actor), { number }] }, select: { id: true, lastSeq: true } });
  if (!row) throw new AppError("not_found", `No incident ${ref.toUpperCase()}.`);
  return row;
}

/** What others changed after `since` (default: the reader's marker; 0 and `firstVisit` when they never opened it). */
export async function loadDigest(actor: Actor, ref: string, query: DigestQuery = {}): Promise<Digest> {
  const incident = await visibleIncident(actor, ref);
  const read = await db().incidentRead.findUnique({ where: { incidentId_userId: { incidentId: incident.id, userId: actor.userId } }, select: { seq: true, at: true } });
  // Entries up to the seq read now: each of them is committed (seq and lastSeq move in the same transaction).
  const upTo = incident.lastSeq;
  const since = Math.min(query.since ?? read?.seq ?? 0, upTo);
  const range = { incidentId: incident.id, seq: { gt: since, lte: upTo } };
  const [rows, othersTotal] = await Promise.all([
    db().timelineEntry.findMany({
      where: { ...range, kind: { in: [...DIGEST_KINDS] } },
      orderBy: { seq: "desc" },
      take: DIGEST_ENTRY_LIMIT + 1,
      include: { author: { select: { handle: true, name: true } } },
    }),
    db().timelineEntry.count({ where: { ...range, OR: [{ authorId: null }, { authorId: { not: actor.userId } }] } }),
  ]);
  return buildDigest({
    entries: rows.slice(0, DIGEST_ENTRY_LIMIT).map(presentEntry),
    since,
    upTo,
    firstVisit: read === null,
    lastReadAt: query.since === undefined && read ? read.at.toISOString() : null,
    viewer: actor.handle,
    othersTotal,
    truncated: rows.length > DIGEST_ENTRY_LIMIT,
  });
}

/** Moves the reader's marker to `seq` (never back); 400 on a seq the incident has not reached. */
export async function markRead(actor: Actor, ref: string, seq: number): Promise<{ seq: number; at: string }> {
  const incident = await visibleIncident(actor, ref);
  if (seq > incident.lastSeq) {
    throw new AppError("invalid_input", `${ref.toUpperCase()} has no entry ${seq} yet (its last is ${incident.lastSeq}).`, {
      fields: { seq: `at most ${incident.lastSeq}` },
    });
  }
  const [row] = await db().$queryRaw<{ seq: number; at: Date }[]>`
    INSERT INTO "IncidentRead" ("incidentId", "userId", "seq", "at") VALUES (${incident.id}, ${actor.userId}, ${seq}, now())
    ON CONFLICT ("incidentId", "userId") DO UPDATE
      SET "seq" = GREATEST("IncidentRead"."seq", EXCLUDED."seq"),
          "at" = CASE WHEN EXCLUDED."seq" > "IncidentRead"."seq" THEN now() ELSE "IncidentRead"."at" END
    RETURNING "seq", "at"`;
  return { seq: row!.seq, at: row!.at.toISOString() };
}
