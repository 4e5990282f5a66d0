import "server-only";
// The escalation engine: an incident declared on a service pages the on-call of
// its policy's first step; an unacknowledged page escalates to the next step on
// time; a human's acknowledgement stops it. Time is kept by durable jobs
// (lib/server/jobs.ts), never by a timer in memory: each step's job is added in
// the transaction that paged, and a job only advances the escalation it was
// made for (same step and round, still active) — a late, repeated or stale job
// does nothing. Lock order everywhere: the incident row, then the escalation.
// A routing rule's "page only" runs an escalation with no incident: it pages for
// its service's alerts (Alert.escalationId), and writes no timeline until a
// responder declares an incident from it (lib/server/alerts/declare.ts).
import { escalatesAt, escalationJobKey, formatDelay, nextPosition, storedStepsSchema, type Position, type StoredStep } from "@/lib/domain/escalation";
import type { IncidentStatus } from "@/lib/domain/lifecycle";
import { incidentRef } from "@/lib/domain/refs";
import type { TimelineData, TimelineKind } from "@/lib/domain/timeline";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { db, type Tx } from "../db";
import { lockIncident, type LockedIncident } from "../incidents/lock";
import { enqueue, removeJob } from "../jobs";
import { onCallUserIds } from "../schedules/data";
import { commitWrite, systemActor, type SystemActor, type WriteTx } from "../write";

type AnyWrite = WriteTx<Actor> | WriteTx<SystemActor>;

type IncidentRow = LockedIncident;

type EscalationRow = Prisma.EscalationGetPayload<object>;

/** Paging happens while an incident is being investigated; mitigation ends it. */
const pagesWhile = (status: IncidentStatus) => status === "investigating";

/**
 * In a write that declared an incident or added services to it: asks for the
 * services' policies to be started, as a job committed with the write. `by` is
 * the human who made the write: a page that would go to them is acknowledged at
 * once (they are already here). Drills page nobody.
 */
export async function requestPaging(w: AnyWrite, incident: { id: string; drill: boolean; status: IncidentStatus }, serviceIds: string[]) {
  if (incident.drill || !pagesWhile(incident.status) || serviceIds.length === 0) return;
  const withPolicy = await w.tx.service.count({ where: { id: { in: serviceIds }, escalationPolicyId: { not: null } } });
  if (withPolicy === 0) return;
  const by = w.actor.kind === "human" ? w.actor.userId : null;
  await enqueue(w.tx, "escalation.start", { incidentId: incident.id, serviceIds, by });
}

async function lockEscalation(tx: Tx, id: string): Promise<EscalationRow | null> {
  await tx.$executeRaw`SELECT 1 FROM "Escalation" WHERE id = ${id} FOR UPDATE`;
  return tx.escalation.findUnique({ where: { id } });
}

const handleOf = (incident: IncidentRow) => ({ id: incident.id, number: incident.number, orgId: incident.orgId, private: incident.private });

/** What an escalation pages for: an incident, or (a "page only" rule) its service's alerts, with no incident. */
interface Subject {
  orgId: string;
  incident: IncidentRow | null;
  /** The page's reason, as the red bar and the webhook message say it. */
  reason: string;
}

const incidentSubject = (incident: IncidentRow): Subject => ({
  orgId: incident.orgId,
  incident,
  reason: `${incidentRef(incident.number)} ${incident.severity}: ${incident.title}`,
});

/** An alert escalation's subject: the reason its first page gave. */
async function alertSubject(tx: Tx, escalation: EscalationRow): Promise<Subject> {
  const first = await tx.page.findFirst({ where: { escalationId: escalation.id }, orderBy: { createdAt: "asc" }, select: { reason: true } });
  return { orgId: escalation.orgId, incident: null, reason: first?.reason ?? `${escalation.policyName}: an alert` };
}

/** A timeline entry, when there is an incident to write it on: an alert escalation's steps live on its pages. */
async function entry<K extends TimelineKind>(w: AnyWrite, subject: Subject, kind: K, data: TimelineData<K>) {
  if (subject.incident) await w.appendEntry(handleOf(subject.incident), kind, data);
}

// ─── Jobs ──────────────────────────────────────────────────────────────────

/** Job `escalation.start`: one escalation per policy of the services, unless one already ran for this incident. */
export async function startEscalations(payload: { incidentId: string; serviceIds: string[]; by: string | null }) {
  const found = await db().incident.findUnique({ where: { id: payload.incidentId }, select: { orgId: true } });
  if (!found) return;
  await commitWrite(systemActor(found.orgId), async (w) => {
    const incident = await lockIncident(w.tx, payload.incidentId);
    if (!incident || incident.drill || !pagesWhile(incident.status)) return;
    const services = await w.tx.service.findMany({
      // Still on the incident: a service removed before this job ran pages nobody.
      where: { orgId: incident.orgId, id: { in: payload.serviceIds }, escalationPolicyId: { not: null }, incidents: { some: { incidentId: incident.id } } },
      include: { escalationPolicy: true },
      orderBy: { key: "asc" },
    });
    const byPolicy = new Map<string, { policy: NonNullable<(typeof services)[number]["escalationPolicy"]>; keys: string[] }>();
    for (const s of services) {
      const entry = byPolicy.get(s.escalationPolicyId!) ?? { policy: s.escalationPolicy!, keys: [] };
      entry.keys.push(s.key);
      byPolicy.set(s.escalationPolicyId!, entry);
    }
    const running = await w.tx.escalation.findMany({
      where: { incidentId: incident.id, policyId: { in: [...byPolicy.keys()] }, status: { in: ["active", "acknowledged"] } },
      select: { policyId: true },
    });
    for (const r of running) byPolicy.delete(r.policyId!);
    // One outage declared twice pages its on-call once: the open incident's page is noted here instead.
    for (const [policyId, { policy, keys }] of byPolicy) {
      const earlier = await openEscalationElsewhere(w.tx, incident, policyId, keys);
      if (!earlier) continue;
      byPolicy.delete(policyId);
      await w.appendEntry(handleOf(incident), "page_skipped", {
        policy: policy.name,
        step: 0,
        round: 0,
        reason: `${earlier.ref} is open on ${earlier.services.join(", ")} and already paged ${earlier.users.map((u) => `@${u}`).join(", ") || "its on-call"}`,
        pagedFor: earlier.ref,
      });
    }
    for (const { policy, keys } of byPolicy.values()) {
      const steps = storedStepsSchema.parse(policy.steps);
      if (steps.length === 0) continue;
      const escalation = await w.tx.escalation.create({
        data: {
          orgId: incident.orgId,
          incidentId: incident.id,
          policyId: policy.id,
          policyName: policy.name,
          steps: steps as unknown as Prisma.InputJsonValue,
          repeat: policy.repeat,
          services: keys,
          startedAt: w.now,
        },
      });
      await w.audit("escalation.start", "escalation", escalation.id, { ref: incidentRef(incident.number), policy: policy.name });
      await pageFrom(w, incidentSubject(incident), escalation, { step: 0, round: 0 }, payload.by);
    }
  });
}

/**
 * An incident still being investigated (not this one, not a drill, not private) on one of these services whose run of the same policy is paging or was
 * answered: its on-call is already on it.
 */
async function openEscalationElsewhere(tx: Tx, incident: IncidentRow, policyId: string, serviceKeys: string[]) {
  const earlier = await tx.escalation.findFirst({
    where: {
      orgId: incident.orgId,
      policyId,
      status: { in: ["active", "acknowledged"] },
      incidentId: { not: incident.id },
      // A private incident is never named on another one: for non-members it does not exist, so its on-call is paged again.
      // Investigating only: once mitigated, that incident's paging is over, and a new outage pages afresh.
      incident: { drill: false, private: false, status: "investigating", services: { some: { service: { key: { in: serviceKeys } } } } },
    },
    orderBy: { startedAt: "asc" },
    include: { incident: { select: { number: true } }, pages: { select: { user: { select: { handle: true } } }, orderBy: { createdAt: "asc" } } },
  });
  if (!earlier?.incident) return null;
  return {
    ref: incidentRef(earlier.incident.number),
    services: (earlier.services as string[]).filter((k) => serviceKeys.includes(k)),
    users: [...new Set(earlier.pages.map((p) => p.user.handle))],
  };
}

/** In a write: pages one person now, as an escalation of one step of its own ("Paged by @handle"). Answers the pages made. */
export async function pagePersonNow(w: WriteTx<Actor>, incident: IncidentRow, person: { id: string }, run: { delayMinutes: number; repeat: number }) {
  const steps: StoredStep[] = [{ delayMinutes: run.delayMinutes, targets: [{ kind: "user", id: person.id }] }];
  const escalation = await w.tx.escalation.create({
    data: {
      orgId: incident.orgId,
      incidentId: incident.id,
      policyId: null,
      policyName: `Paged by @${w.actor.handle}`,
      steps: steps as unknown as Prisma.InputJsonValue,
      repeat: run.repeat,
      services: [],
      startedAt: w.now,
    },
  });
  await w.audit("escalation.start", "escalation", escalation.id, { ref: incidentRef(incident.number), person: person.id });
  await pageFrom(w, incidentSubject(incident), escalation, { step: 0, round: 0 }, null);
  const pages = await w.tx.page.findMany({ where: { escalationId: escalation.id }, select: { id: true } });
  return pages.map((p) => p.id);
}

/**
 * In an alert's write (lib/server/alerts/ingest.ts), a "page only" rule: the service's on-call is paged for the alert,
 * with no incident. An escalation already paging for the service's alerts, or answered while one of them still fires,
 * takes it instead: one page, however many alerts. Answers the escalation's id, or null when the service has no
 * policy (or one with no steps): the alert is then only recorded. The caller holds the service's alert lock, so two
 * alerts arriving together start one escalation.
 */
export async function pageForAlert(w: AnyWrite, serviceId: string, reason: string): Promise<string | null> {
  const ofService = { serviceId };
  const running = await w.tx.escalation.findFirst({
    where: {
      orgId: w.actor.orgId,
      incidentId: null,
      alerts: { some: ofService },
      OR: [{ status: "active" }, { status: "acknowledged", alerts: { some: { ...ofService, status: { not: "resolved" } } } }],
    },
    orderBy: { startedAt: "desc" },
    select: { id: true },
  });
  if (running) return running.id;
  const service = await w.tx.service.findUnique({ where: { id: serviceId }, select: { key: true, escalationPolicy: true } });
  const policy = service?.escalationPolicy;
  if (!service || !policy) return null;
  const steps = storedStepsSchema.parse(policy.steps);
  if (steps.length === 0) return null;
  const escalation = await w.tx.escalation.create({
    data: {
      orgId: w.actor.orgId,
      incidentId: null,
      policyId: policy.id,
      policyName: policy.name,
      steps: steps as unknown as Prisma.InputJsonValue,
      repeat: policy.repeat,
      services: [service.key],
      startedAt: w.now,
    },
  });
  await w.audit("escalation.start", "escalation", escalation.id, { service: service.key, policy: policy.name });
  await pageFrom(w, { orgId: w.actor.orgId, incident: null, reason }, escalation, { step: 0, round: 0 }, null);
  return escalation.id;
}

/** Every alert of an alert escalation resolved before anyone acknowledged: it ends, cancelled. Whether it was running. */
export async function callOffAlertEscalation(w: AnyWrite, escalationId: string, reason: string): Promise<boolean> {
  const escalation = await lockEscalation(w.tx, escalationId);
  if (!escalation || escalation.status !== "active" || escalation.incidentId) return false;
  await end(w, escalation, "cancelled", reason);
  notify(w, { orgId: escalation.orgId, incident: null }, await pageRecipients(w.tx, escalation.id), "ended");
  return true;
}

/** Job `escalation.advance`: the step's delay passed; if still unacknowledged, page the next step (or give up). */
export async function advanceEscalation(payload: { escalationId: string; step: number; round: number }) {
  // An alert escalation has no incident to lock first. Declared into an incident between the read and the lock, it
  // is read again and the incident locked first (the lock order holds).
  for (let attempt = 0; attempt < 3; attempt++) {
    const found = await db().escalation.findUnique({ where: { id: payload.escalationId }, select: { orgId: true, incidentId: true } });
    if (!found) return;
    const settled = await commitWrite(systemActor(found.orgId), async (w) => {
      const incident = found.incidentId ? await lockIncident(w.tx, found.incidentId) : null;
      const escalation = await lockEscalation(w.tx, payload.escalationId);
      if (!escalation || escalation.status !== "active") return true;
      if (escalation.incidentId !== (incident?.id ?? null)) return false;
      if (escalation.step !== payload.step || escalation.round !== payload.round) return true; // a stale job
      if (incident && !pagesWhile(incident.status)) {
        await end(w, escalation, "cancelled", `incident ${incident.status}`);
        return true;
      }
      const subject = incident ? incidentSubject(incident) : await alertSubject(w.tx, escalation);
      const steps = storedStepsSchema.parse(escalation.steps);
      const next = nextPosition(payload, steps.length, escalation.repeat);
      if (next) await pageFrom(w, subject, escalation, next, null);
      else await exhaust(w, subject, escalation, "Nobody acknowledged");
      return true;
    });
    if (settled) return;
  }
  throw new Error(`escalation ${payload.escalationId} kept moving between incidents`);
}

// ─── Paging ────────────────────────────────────────────────────────────────

interface Recipient {
  userId: string;
  handle: string;
  via: { kind: "schedule"; id: string; name: string } | { kind: "user" };
}

/** The people a step notifies now: schedules' on-call and named people, deduplicated; only active members who can act (not viewers). */
export async function recipientsOf(tx: Tx, orgId: string, step: StoredStep, at: Date): Promise<{ recipients: Recipient[]; skipped: string[] }> {
  const scheduleIds = step.targets.filter((t) => t.kind === "schedule").map((t) => t.id);
  const onCall = await onCallUserIds(tx, orgId, scheduleIds, at);
  const candidates: { userId: string; via: Recipient["via"] }[] = [];
  const skipped: string[] = [];
  for (const target of step.targets) {
    if (target.kind === "user") candidates.push({ userId: target.id, via: { kind: "user" } });
    else {
      const schedule = onCall.get(target.id);
      if (!schedule) skipped.push("a deleted schedule");
      else if (schedule.users.length === 0) skipped.push(`nobody on call for ${schedule.name}`);
      for (const userId of schedule?.users ?? []) candidates.push({ userId, via: { kind: "schedule", id: target.id, name: schedule!.name } });
    }
  }
  const ids = [...new Set(candidates.map((c) => c.userId))];
  const members = await tx.membership.findMany({
    where: { orgId, userId: { in: ids }, role: { in: ["admin", "responder"] }, user: { deactivatedAt: null } },
    select: { userId: true, user: { select: { handle: true } } },
  });
  const handles = new Map(members.map((m) => [m.userId, m.user.handle]));
  const recipients: Recipient[] = [];
  for (const c of candidates) {
    const handle = handles.get(c.userId);
    if (!handle) {
      if (!skipped.includes("someone who cannot respond")) skipped.push("someone who cannot respond");
      continue;
    }
    if (!recipients.some((r) => r.userId === c.userId)) recipients.push({ userId: c.userId, handle, via: c.via });
  }
  return { recipients, skipped };
}

/**
 * Pages the step at `from` (moving on at once past steps with nobody to page),
 * records it on the incident's timeline, and schedules the escalation's next job.
 */
async function pageFrom(w: AnyWrite, subject: Subject, escalation: EscalationRow, from: Position, by: string | null) {
  const steps = storedStepsSchema.parse(escalation.steps);
  const incident = subject.incident;
  let at: Position | null = from;
  const skippedAll: string[] = [];
  // Every step of every round at most once: a policy whose every target is empty ends exhausted.
  for (let tries = 0; at && tries < steps.length * (escalation.repeat + 1); tries++) {
    const { recipients, skipped } = await recipientsOf(w.tx, subject.orgId, steps[at.step]!, w.now);
    if (recipients.length === 0) {
      const reason = skipped.join("; ") || "nobody to page";
      skippedAll.push(reason);
      await entry(w, subject, "page_skipped", { policy: escalation.policyName, step: at.step, round: at.round, reason });
      at = nextPosition(at, steps.length, escalation.repeat);
      continue;
    }
    const pages = [];
    for (const r of recipients) {
      const self = r.userId === by;
      pages.push(
        await w.tx.page.create({
          data: {
            orgId: subject.orgId,
            incidentId: incident?.id ?? null,
            escalationId: escalation.id,
            userId: r.userId,
            reason: subject.reason,
            step: at.step,
            round: at.round,
            via: r.via as Prisma.InputJsonValue,
            createdAt: w.now,
            // The person who declared is already here: their own page is acknowledged by being there.
            ...(self ? { acknowledgedAt: w.now, acknowledgedById: r.userId } : {}),
          },
        }),
      );
      if (incident?.private) {
        await w.tx.incidentMember.upsert({
          where: { incidentId_userId: { incidentId: incident.id, userId: r.userId } },
          create: { incidentId: incident.id, userId: r.userId },
          update: {},
        });
      }
    }
    const selfAck = recipients.some((r) => r.userId === by);
    const nextAt = selfAck ? null : escalatesAt(steps, at.step, w.now);
    await w.tx.escalation.update({
      where: { id: escalation.id },
      data: selfAck
        ? { step: at.step, round: at.round, nextAt: null, status: "acknowledged", acknowledgedAt: w.now, acknowledgedById: by, endedAt: w.now, endedReason: "declared by the person paged" }
        : { step: at.step, round: at.round, nextAt },
    });
    await entry(w, subject, "paged", {
      policy: escalation.policyName,
      services: escalation.services as string[],
      step: at.step,
      round: at.round,
      users: recipients.map((r) => r.handle),
      ...(skipped.length ? { skipped } : {}),
      ...(nextAt ? { escalatesAt: nextAt.toISOString(), delay: formatDelay(steps[at.step]!.delayMinutes) } : { acknowledgedBy: recipients.find((r) => r.userId === by)!.handle }),
    });
    if (nextAt) {
      await enqueue(w.tx, "escalation.advance", { escalationId: escalation.id, step: at.step, round: at.round }, { runAt: nextAt, key: escalationJobKey(escalation.id) });
    }
    await deliver(w, subject, pages.filter((p) => !p.acknowledgedAt).map((p) => p.id));
    notify(w, subject, [...recipients.map((r) => r.userId)], "paged");
    return;
  }
  // With no incident there is no timeline to say why: the escalation's end says it.
  await exhaust(w, subject, escalation, incident || skippedAll.length === 0 ? "Nobody could be paged" : `Nobody could be paged (${[...new Set(skippedAll)].join("; ")})`);
}

/**
 * Webhook deliveries of new pages: one durable job per page and channel. Channels are shared (a team's Slack channel), so a
 * private incident's pages are never sent there — not even as "a private incident": for non-members it does not exist. Its
 * people get the page in Conn.
 */
async function deliver(w: AnyWrite, subject: Subject, pageIds: string[]) {
  if (pageIds.length === 0 || subject.incident?.private) return;
  const channels = await w.tx.notificationChannel.findMany({ where: { orgId: w.actor.orgId, enabled: true }, select: { id: true } });
  for (const pageId of pageIds) for (const c of channels) await enqueue(w.tx, "page.deliver", { pageId, channelId: c.id }, { maxAttempts: 6 });
}

/** In-app notification: a small event to each person's own room, after commit (the client refetches its pages). */
function notify(w: AnyWrite, subject: { orgId: string; incident: { number: number } | null }, userIds: string[], reason: "paged" | "acknowledged" | "ended") {
  if (userIds.length === 0) return;
  w.events.push({ type: "page.changed", orgId: subject.orgId, ref: subject.incident ? incidentRef(subject.incident.number) : null, reason, userIds: [...new Set(userIds)] });
}

async function end(w: AnyWrite, escalation: EscalationRow, status: "cancelled" | "exhausted", reason: string) {
  await w.tx.escalation.update({ where: { id: escalation.id }, data: { status, nextAt: null, endedAt: w.now, endedReason: reason } });
  await removeJob(w.tx, escalationJobKey(escalation.id));
}

async function pageRecipients(tx: Tx, escalationId: string) {
  const rows = await tx.page.findMany({ where: { escalationId }, select: { userId: true } });
  return rows.map((r) => r.userId);
}

async function exhaust(w: AnyWrite, subject: Subject, escalation: EscalationRow, why: string) {
  await end(w, escalation, "exhausted", why);
  await entry(w, subject, "escalation_exhausted", { policy: escalation.policyName, reason: `${why}: every step of ${escalation.policyName} was paged.` });
  notify(w, subject, await pageRecipients(w.tx, escalation.id), "ended");
}

/**
 * In a write that moved an incident out of investigation (mitigated, resolved):
 * its running escalations end, their pending jobs go, and the people paged stop
 * seeing the page as open.
 */
export async function endEscalations(w: AnyWrite, incident: { id: string; number: number; orgId: string; private: boolean }, status: IncidentStatus) {
  if (pagesWhile(status)) return;
  const running = await w.tx.escalation.findMany({ where: { incidentId: incident.id, status: "active" } });
  for (const e of running) {
    await lockEscalation(w.tx, e.id);
    await end(w, e, "cancelled", `incident ${status}`);
    notify(w, { orgId: incident.orgId, incident }, await pageRecipients(w.tx, e.id), "ended");
  }
}

/**
 * Every alert of an incident monitoring opened resolved before anyone acknowledged (lib/server/alerts/feed.ts): its
 * running escalations end, cancelled, and the people paged stop seeing the page as open. How many ended.
 */
export async function callOffEscalations(w: AnyWrite, incident: { id: string; number: number; orgId: string }, reason: string): Promise<number> {
  const running = await w.tx.escalation.findMany({ where: { incidentId: incident.id, status: "active" } });
  for (const e of running) {
    await lockEscalation(w.tx, e.id);
    await end(w, e, "cancelled", reason);
    notify(w, { orgId: incident.orgId, incident }, await pageRecipients(w.tx, e.id), "ended");
  }
  return running.length;
}

/** Used by acknowledge: a human answered; the escalation stops. `incident`: the page's, null for an alert page. */
export async function acknowledgeEscalation(w: WriteTx<Actor>, incident: { number: number } | null, escalationId: string) {
  const escalation = await lockEscalation(w.tx, escalationId);
  if (!escalation || escalation.status !== "active") return null;
  await w.tx.escalation.update({
    where: { id: escalation.id },
    data: { status: "acknowledged", acknowledgedAt: w.now, acknowledgedById: w.actor.userId, nextAt: null, endedAt: w.now, endedReason: `acknowledged by @${w.actor.handle}` },
  });
  await removeJob(w.tx, escalationJobKey(escalation.id));
  notify(w, { orgId: escalation.orgId, incident }, await pageRecipients(w.tx, escalation.id), "acknowledged");
  return escalation;
}
