import "server-only";
// Two-party handover (issue 18, lib/domain/handover.ts): the commander offers command to a named person with the
// briefing; command moves only when that person accepts, in one transaction with its timeline entry. Each step is
// one change to the incident under its row lock (./incident-write.ts), so of two accepts racing exactly one wins and
// the other finds the offer taken (409). An offer expires by a durable job (`handover.expire`, one per offer); the
// people concerned hear of every step in their own rooms (`handover.changed`), wherever they are in Conn.
import { AppError, notFound } from "@/lib/domain/errors";
import { answerRefusal, lastPresence, offerRefusal, takeCommand, withdrawRefusal, type Refusal, type TakeReason } from "@/lib/domain/handover";
import type { HandoverBriefing } from "@/lib/domain/incident-view";
import { incidentRef } from "@/lib/domain/refs";
import { commandSettingsOf, orgSettingsSchema, type HandoverCreateInput, type HandoverDeclineInput } from "@/lib/domain/schemas";
import type { Severity } from "@/lib/domain/severity";
import type { HandoverChanged } from "@/lib/realtime/events";
import type { Handover } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { db, type Tx } from "../db";
import { enqueue, removeJob } from "../jobs";
import { commitWrite, systemActor, type IdempotencyOptions, type WriteTx } from "../write";
import { visibleIncidentsWhere } from "./access";
import { addMember, resolvePerson, writeIncident, type LockedIncident } from "./incident-write";

const jobKey = (id: string) => `handover.expire:${id}`;

/** A refusal of the rules as the API answers it. */
function refuse(r: Refusal): never {
  const code = r.status === 400 ? "invalid_input" : r.status === 403 ? "forbidden" : "conflict";
  throw new AppError(code, r.message, r.field ? { fields: { [r.field]: r.message } } : {});
}

async function commandSettings(tx: Tx, orgId: string) {
  const org = await tx.organization.findUniqueOrThrow({ where: { id: orgId }, select: { settings: true } });
  return commandSettingsOf(orgSettingsSchema.parse(org.settings));
}

export async function currentCommander(tx: Tx, incidentId: string) {
  return tx.roleAssignment.findFirst({
    where: { incidentId, role: "commander", endedAt: null },
    include: { user: { select: { id: true, handle: true, name: true, deactivatedAt: true } } },
  });
}

/** The people a handover concerns hear of it in their own rooms (after commit, with the entry). */
function tell(w: Pick<WriteTx, "events">, incident: { orgId: string; number: number }, reason: HandoverChanged["reason"], userIds: (string | null | undefined)[]) {
  const ids = [...new Set(userIds.filter((id): id is string => Boolean(id)))];
  if (ids.length) w.events.push({ type: "handover.changed", orgId: incident.orgId, ref: incidentRef(incident.number), reason, userIds: ids });
}

/** Ends the incident's pending offer (a newer one, or command moving otherwise) and tells the person it was for. */
async function supersedePending(w: WriteTx, incident: LockedIncident) {
  const pending = await w.tx.handover.findFirst({ where: { incidentId: incident.id, status: "pending" } });
  if (!pending) return;
  await w.tx.handover.update({ where: { id: pending.id }, data: { status: "superseded", decidedAt: w.now } });
  await removeJob(w.tx, jobKey(pending.id));
  tell(w, incident, "superseded", [pending.toUserId]);
}

export interface HandoverDto {
  id: string;
  ref: string;
  status: Handover["status"];
  from: { handle: string; name: string };
  to: { handle: string; name: string };
  by: { handle: string; name: string };
  briefing: HandoverBriefing | null;
  reason: string | null;
  offeredAt: string;
  expiresAt: string | null;
  decidedAt: string | null;
}

async function present(tx: Tx, rows: (Handover & { incident: { number: number } })[]): Promise<HandoverDto[]> {
  const ids = [...new Set(rows.flatMap((h) => [h.fromUserId, h.toUserId, h.byUserId]))];
  const users = new Map((await tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, handle: true, name: true } })).map((u) => [u.id, { handle: u.handle, name: u.name }]));
  const who = (id: string) => users.get(id) ?? { handle: "unknown", name: "Unknown" };
  return rows.map((h) => ({
    id: h.id,
    ref: incidentRef(h.incident.number),
    status: h.status,
    from: who(h.fromUserId),
    to: who(h.toUserId),
    by: who(h.byUserId),
    briefing: (h.briefing as HandoverBriefing | null) ?? null,
    reason: h.reason,
    offeredAt: h.createdAt.toISOString(),
    expiresAt: h.expiresAt?.toISOString() ?? null,
    decidedAt: h.decidedAt?.toISOString() ?? null,
  }));
}

/** POST …/handovers: the commander (or an admin) offers command to `to` with the briefing. 201 with the pending offer. */
export async function offerHandover(actor: Actor, ref: string, input: HandoverCreateInput, opts: { idempotency?: IdempotencyOptions } = {}) {
  return writeIncident(
    actor,
    ref,
    async (w, incident) => {
      const commander = await currentCommander(w.tx, incident.id);
      const person = await resolvePerson(w.tx, actor.orgId, input.to, "to");
      const { deactivatedAt } = await w.tx.user.findUniqueOrThrow({ where: { id: person.id }, select: { deactivatedAt: true } });
      const refusal = offerRefusal({ actor, status: incident.status, commanderId: commander?.userId ?? null, to: { id: person.id, handle: person.handle, role: person.role, deactivated: deactivatedAt !== null } });
      if (refusal) refuse(refusal);
      await supersedePending(w, incident);
      const settings = await commandSettings(w.tx, actor.orgId);
      const expiresAt = new Date(w.now.getTime() + settings.handoverMinutes * 60_000);
      const row = await w.tx.handover.create({
        data: { orgId: actor.orgId, incidentId: incident.id, fromUserId: commander!.userId, toUserId: person.id, byUserId: actor.userId, status: "pending", briefing: input.briefing, createdAt: w.now, expiresAt },
        include: { incident: { select: { number: true } } },
      });
      // A private incident's briefing is for its members: the person offered command becomes one.
      await addMember(w.tx, incident.id, person.id);
      await enqueue(w.tx, "handover.expire", { handoverId: row.id }, { key: jobKey(row.id), runAt: expiresAt });
      tell(w, incident, "offered", [person.id, commander!.userId, actor.userId]);
      const [dto] = await present(w.tx, [row]);
      return {
        kind: "handover_offered",
        data: { handoverId: row.id, from: commander!.user.handle, fromName: commander!.user.name, to: person.handle, toName: person.name, briefing: input.briefing, expiresAt: expiresAt.toISOString() },
        action: "incident.handover.offer",
        result: (entry) => ({ handover: dto!, entry }),
      };
    },
    opts,
  );
}

/** The offer `id` on this incident, locked with it (the caller holds the incident's lock); 404 when it is not there. */
async function handoverOn(tx: Tx, incidentId: string, id: string) {
  const row = await tx.handover.findFirst({ where: { id, incidentId }, include: { incident: { select: { number: true } } } });
  if (!row) throw notFound("No such handover on this incident.");
  return row;
}

/** POST …/handovers/{id}/accept: "I have the conn". Command moves now, with its entry, in one transaction. */
export async function acceptHandover(actor: Actor, ref: string, id: string) {
  return writeIncident(actor, ref, async (w, incident) => {
    const h = await handoverOn(w.tx, incident.id, id);
    const refusal = answerRefusal(h, actor, w.now, "accept");
    if (refusal) refuse(refusal);
    const commander = await currentCommander(w.tx, incident.id);
    // Command moved otherwise since the offer (taken, or the offer replaced): it is no longer the commander's to give.
    if (!commander || commander.userId !== h.fromUserId) throw new AppError("conflict", "Command changed hands since this offer: it no longer stands.");
    await w.tx.handover.update({ where: { id: h.id }, data: { status: "accepted", decidedAt: w.now } });
    await removeJob(w.tx, jobKey(h.id));
    await w.tx.roleAssignment.update({ where: { id: commander.id }, data: { endedAt: w.now } });
    const briefing = h.briefing as unknown as HandoverBriefing;
    await w.tx.roleAssignment.create({
      data: { incidentId: incident.id, role: "commander", userId: actor.userId, assignedById: h.fromUserId, assignedAt: w.now, briefing: { ...briefing }, acknowledgedAt: w.now },
    });
    await addMember(w.tx, incident.id, actor.userId);
    tell(w, incident, "accepted", [h.fromUserId, h.byUserId, h.toUserId]);
    return {
      kind: "handover_accepted",
      data: { handoverId: h.id, user: actor.handle, userName: actor.name, previous: commander.user.handle, previousName: commander.user.name, briefing },
      action: "incident.handover.accept",
      result: (entry) => ({ entry }),
    };
  });
}

/** POST …/handovers/{id}/decline { reason }: the commander stays in command and is told why. */
export async function declineHandover(actor: Actor, ref: string, id: string, input: HandoverDeclineInput) {
  return writeIncident(actor, ref, async (w, incident) => {
    const h = await handoverOn(w.tx, incident.id, id);
    const refusal = answerRefusal(h, actor, w.now, "decline");
    if (refusal) refuse(refusal);
    await w.tx.handover.update({ where: { id: h.id }, data: { status: "declined", decidedAt: w.now, reason: input.reason } });
    await removeJob(w.tx, jobKey(h.id));
    tell(w, incident, "declined", [h.fromUserId, h.byUserId, h.toUserId]);
    return { kind: "handover_declined", data: { handoverId: h.id, user: actor.handle, reason: input.reason }, action: "incident.handover.decline", result: (entry) => ({ entry }) };
  });
}

/** POST …/handovers/{id}/withdraw: the offer is taken back before anyone answered it. */
export async function withdrawHandover(actor: Actor, ref: string, id: string) {
  return writeIncident(actor, ref, async (w, incident) => {
    const h = await handoverOn(w.tx, incident.id, id);
    const commander = await currentCommander(w.tx, incident.id);
    const refusal = withdrawRefusal(h, actor, commander?.userId ?? null);
    if (refusal) refuse(refusal);
    await w.tx.handover.update({ where: { id: h.id }, data: { status: "withdrawn", decidedAt: w.now } });
    await removeJob(w.tx, jobKey(h.id));
    const [dto] = await present(w.tx, [h]);
    tell(w, incident, "withdrawn", [h.toUserId, h.fromUserId, h.byUserId]);
    return { kind: "handover_withdrawn", data: { handoverId: h.id, to: dto!.to.handle }, action: "incident.handover.withdraw", result: (entry) => ({ entry }) };
  });
}

/**
 * Job `handover.expire`: an offer nobody answered in time expires, with its entry (by Conn), and the commander is
 * told (the entry, the `handover.changed` event, and the page's nudge). Re-read under the incident's lock: an offer
 * answered meanwhile is left alone.
 */
export async function expireHandover(payload: { handoverId: string }) {
  const found = await db().handover.findUnique({ where: { id: payload.handoverId }, select: { orgId: true, incidentId: true } });
  if (!found) return;
  await commitWrite(systemActor(found.orgId), async (w) => {
    await w.tx.$executeRaw`SELECT 1 FROM "Incident" WHERE id = ${found.incidentId} FOR UPDATE`;
    const h = await w.tx.handover.findUnique({ where: { id: payload.handoverId }, include: { incident: { select: { id: true, number: true, orgId: true, private: true } } } });
    if (!h || h.status !== "pending" || !h.expiresAt) return;
    if (h.expiresAt > w.now) {
      // Run early (a clock ahead of the database's): come back at the offer's end.
      await enqueue(w.tx, "handover.expire", { handoverId: h.id }, { key: jobKey(h.id), runAt: h.expiresAt });
      return;
    }
    await w.tx.handover.update({ where: { id: h.id }, data: { status: "expired", decidedAt: w.now } });
    const to = await w.tx.user.findUniqueOrThrow({ where: { id: h.toUserId }, select: { handle: true } });
    const entry = await w.appendEntry(h.incident, "handover_expired", { handoverId: h.id, to: to.handle });
    await w.audit("incident.handover.expire", "incident", h.incident.id, { ref: incidentRef(h.incident.number), seq: entry.seq });
    tell(w, h.incident, "expired", [h.fromUserId, h.byUserId, h.toUserId]);
  });
}

/**
 * Replacing the commander without their acceptance (PUT …/roles/commander when someone has command): for an absent
 * commander only (lib/domain/handover.ts takeCommand), recorded as taken — a `command_taken` entry, a `taken` handover
 * row, the outgoing commander told in their own room — never as a handover. Any pending offer is replaced.
 */
export async function takeCommandFrom(
  w: WriteTx,
  incident: LockedIncident,
  commander: NonNullable<Awaited<ReturnType<typeof currentCommander>>>,
  person: { id: string; handle: string; name: string },
  briefing: HandoverBriefing | undefined,
): Promise<{ reason: TakeReason }> {
  const actor = w.actor;
  const last = await w.tx.timelineEntry.findFirst({ where: { incidentId: incident.id, authorId: commander.userId }, orderBy: { seq: "desc" }, select: { at: true } });
  const presentAt = lastPresence(commander.assignedAt, last?.at ?? null);
  const decision = takeCommand({
    actor,
    commander: { userId: commander.userId, handle: commander.user.handle, deactivated: commander.user.deactivatedAt !== null, presentAt },
    now: w.now,
    settings: await commandSettings(w.tx, actor.orgId),
  });
  if ("status" in decision) refuse(decision);
  await supersedePending(w, incident);
  await w.tx.roleAssignment.update({ where: { id: commander.id }, data: { endedAt: w.now } });
  await w.tx.roleAssignment.create({ data: { incidentId: incident.id, role: "commander", userId: person.id, assignedById: actor.userId, assignedAt: w.now, briefing: briefing ? { ...briefing } : undefined, taken: true } });
  await w.tx.handover.create({
    data: { orgId: actor.orgId, incidentId: incident.id, fromUserId: commander.userId, toUserId: person.id, byUserId: actor.userId, status: "taken", reason: decision.reason, briefing: briefing ? { ...briefing } : undefined, createdAt: w.now, decidedAt: w.now },
  });
  tell(w, incident, "taken", [commander.userId, person.id === actor.userId ? null : person.id]);
  return decision;
}

/** GET …/handovers: the incident's handovers and command taken, newest first. */
export async function listHandovers(actor: Actor, incidentId: string): Promise<HandoverDto[]> {
  const rows = await db().handover.findMany({ where: { incidentId, incident: visibleIncidentsWhere(actor) }, orderBy: { createdAt: "desc" }, take: 100, include: { incident: { select: { number: true } } } });
  return present(db(), rows);
}

/** How long after command was taken from me the app still says so (until dismissed). */
const TAKEN_NOTICE_MS = 60 * 60_000;

export interface MyHandovers {
  /** Offers of command to me, waiting for my answer. */
  offers: (HandoverDto & { incident: { ref: string; title: string; severity: Severity } })[];
  /** Command taken from me without my acceptance in the last hour. */
  taken: (HandoverDto & { incident: { ref: string; title: string; severity: Severity } })[];
}

/** GET /api/v1/handovers: what the app's bar shows me wherever I am — offers to me, and command taken from me. */
export async function myHandovers(actor: Actor, now = new Date()): Promise<MyHandovers> {
  const rows = await db().handover.findMany({
    where: {
      incident: visibleIncidentsWhere(actor),
      OR: [
        { toUserId: actor.userId, status: "pending", expiresAt: { gt: now } },
        { fromUserId: actor.userId, status: "taken", decidedAt: { gt: new Date(now.getTime() - TAKEN_NOTICE_MS) } },
      ],
    },
    orderBy: { createdAt: "asc" },
    take: 50,
    include: { incident: { select: { number: true, title: true, severity: true } } },
  });
  const dtos = await present(db(), rows);
  const withIncident = dtos.map((d, i) => ({ ...d, incident: { ref: d.ref, title: rows[i]!.incident.title, severity: rows[i]!.incident.severity } }));
  return { offers: withIncident.filter((h) => h.status === "pending"), taken: withIncident.filter((h) => h.status === "taken") };
}
