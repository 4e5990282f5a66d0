import "server-only";
// Incident writes. Each takes an explicit actor, so the UI, the API, webhooks
// and jobs run the same code; each commits its change, its one timeline entry
// and its audit record together (see ../write.ts).
import { nextUpdateDue } from "@/lib/domain/cadence";
import type { IncidentFields, IncidentView } from "@/lib/domain/incident-view";
import { checkTransition, isActive, timestampsAfter, unconfirmedCriteria } from "@/lib/domain/lifecycle";
import { AppError } from "@/lib/domain/errors";
import { outcomeRefusal, revisitRefusal } from "@/lib/domain/decisions";
import { incidentRef } from "@/lib/domain/refs";
import { SEVERITY_LEVELS } from "@/lib/domain/severity";
import {
  orgSettingsSchema,
  nudgeSettingsOf,
  type DecisionCreateInput,
  type DecisionOutcomeInput,
  type EscalationCreateInput,
  type IncidentCreateInput,
  type IncidentPatchInput,
  type NoteCreateInput,
  type UpdateCreateInput,
} from "@/lib/domain/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { requireRole } from "../access";
import type { Tx } from "../db";
import { commitWrite, type IdempotencyOptions, staleVersion, type SystemActor, type WriteTx } from "../write";
import type { TimelineData, TimelineEntry } from "@/lib/domain/timeline";
import { resolvePerson, writeIncident, type IncidentChange } from "./incident-write";
import { presentEntry } from "./present";
import { readIncidentView } from "./view";
import { endEscalations, requestPaging } from "../escalations/engine";

export async function resolveServices(tx: Tx, orgId: string, refs: string[]) {
  if (refs.length === 0) return [];
  const unique = [...new Set(refs)];
  const services = await tx.service.findMany({
    where: { orgId, OR: [{ id: { in: unique } }, { key: { in: unique.map((r) => r.toUpperCase()) } }] },
    select: { id: true, key: true, name: true, tier: true },
  });
  const unknown = unique.filter((r) => !services.some((s) => s.id === r || s.key === r.toUpperCase()));
  if (unknown.length) {
    throw new AppError("invalid_input", `Unknown service: ${unknown.join(", ")}.`, { fields: { services: `unknown: ${unknown.join(", ")}` } });
  }
  return services;
}

/**
 * Declare an incident. A human declarer is its commander unless they name someone
 * else; an automation (a bot, monitoring) never makes a person commander without
 * their knowing: its incident opens with no commander, the "no commander" nudge
 * fires, and a human takes command.
 */
export async function declareIncident(actor: Actor, input: IncidentCreateInput, opts: { idempotency?: IdempotencyOptions } = {}) {
  requireRole(actor, "responder");
  return commitWrite<IncidentView>(
    actor,
    async (w) => {
      const commander = await declaredCommander(w.tx, actor, input.commander);
      const incident = await openIncident(w, input, commander);
      // The same answer as GET /incidents/{ref}: the live view, read in this transaction.
      return readIncidentView(w.tx, incident.id);
    },
    opts,
  );
}

/**
 * The declaring itself, in a write of a person, a bot or a monitoring sender (lib/server/alerts): the incident, its
 * `declared` entry, its audit record and the request to page its services' on-call, all in the caller's transaction.
 */
export async function openIncident(w: WriteTx<Actor> | WriteTx<SystemActor>, input: IncidentCreateInput, commander: { id: string; handle: string } | null) {
  const actor = w.actor;
  const now = w.now;
  const services = await resolveServices(w.tx, actor.orgId, input.services ?? []);
  // The org row lock serializes numbering: refs are unique and increasing, and a rolled-back declare uses no number.
  const org = await w.tx.organization.update({
    where: { id: actor.orgId },
    data: { nextIncidentNumber: { increment: 1 } },
    select: { nextIncidentNumber: true, settings: true },
  });
  const number = org.nextIncidentNumber - 1;
  const settings = orgSettingsSchema.parse(org.settings);
  const priority = input.priority ?? SEVERITY_LEVELS[input.severity].defaultPriority;
  const intake = Object.fromEntries(
    Object.entries({ blastRadius: input.blastRadius, recentChanges: input.recentChanges, notify: input.notify }).filter(([, v]) => v),
  );
  const memberIds = [...new Set([actor.userId, commander?.id].filter((id): id is string => typeof id === "string"))];

  const incident = await w.tx.incident.create({
    data: {
      orgId: actor.orgId,
      number,
      title: input.title,
      summary: input.summary ?? "",
      severity: input.severity,
      priority,
      private: input.private ?? false,
      drill: input.drill ?? false,
      intake,
      declaredById: actor.userId,
      declaredAt: now,
      startedAt: input.startedAt ? new Date(input.startedAt) : null,
      // MTTA counts a paged person's acknowledgement only: declaring is not acknowledging (acknowledgePage sets it).
      acknowledgedAt: null,
      nextUpdateDueAt: nextUpdateDue(input.severity, now, { cadence: settings.cadence }),
      services: { create: services.map((s) => ({ serviceId: s.id })) },
      members: { create: memberIds.map((userId) => ({ userId })) },
      ...(commander ? { roles: { create: { role: "commander", userId: commander.id, assignedById: actor.userId, assignedAt: now } } } : {}),
    },
  });
  const handle = { id: incident.id, number, orgId: actor.orgId, private: incident.private };
  await w.appendEntry(
    handle,
    "declared",
    {
      title: incident.title,
      severity: incident.severity,
      priority,
      summary: incident.summary,
      private: incident.private,
      drill: incident.drill,
      services: services.map((s) => s.key),
      commander: commander?.handle ?? null,
      ...intake,
    },
    now,
  );
  await w.audit("incident.declare", "incident", incident.id, { ref: incidentRef(number), severity: incident.severity });
  await requestPaging(w, incident, services.map((s) => s.id));
  return { ...handle, drill: incident.drill, status: incident.status };
}

async function declaredCommander(tx: Tx, actor: Actor, named: string | undefined): Promise<{ id: string; handle: string } | null> {
  if (actor.kind === "automation") {
    if (named) throw new AppError("forbidden", "An automation cannot put a person in command: the incident opens with no commander and a human takes command.");
    return null;
  }
  if (!named) return { id: actor.userId, handle: actor.handle };
  const person = await resolvePerson(tx, actor.orgId, named, "commander");
  if (person.role === "viewer") throw new AppError("invalid_input", `${person.handle} is a viewer and cannot command an incident.`, { fields: { commander: "a viewer cannot command" } });
  return person;
}

/** A note on the timeline (markdown, rendered safely). */
export async function addNote(actor: Actor, ref: string, input: NoteCreateInput, opts: { idempotency?: IdempotencyOptions } = {}) {
  return writeIncident(actor, ref, async () => ({ kind: "note", data: { body: input.body }, action: "incident.note", result: (entry) => entry }), opts);
}

const FIELD_KIND = [
  ["severity", "severity_changed"],
  ["status", "status_changed"],
  ["priority", "priority_changed"],
] as const;

/**
 * Edits the incident's own fields with the version last read (409 when stale).
 * Severity and status changes need a reason; status moves are checked against
 * the lifecycle. One PATCH is one timeline entry, however many fields it changes;
 * a PATCH that changes nothing writes nothing.
 */
export async function patchIncident(actor: Actor, ref: string, input: IncidentPatchInput) {
  return writeIncident(actor, ref, async (w, cur, seq): Promise<IncidentChange<{ version: number; entry: TimelineEntry }> | null> => {
    if (cur.version !== input.version) throw staleVersion("incident", cur.version);
    const now = w.now;
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const set: Partial<IncidentFields> = {};
    const data: Prisma.IncidentUpdateInput = {};

    for (const field of ["title", "summary", "priority"] as const) {
      const to = input[field];
      if (to !== undefined && to !== cur[field]) {
        changes[field] = { from: cur[field], to };
        Object.assign(set, { [field]: to });
        Object.assign(data, { [field]: to });
      }
    }
    if (input.links && JSON.stringify(input.links) !== JSON.stringify(cur.links)) {
      changes.links = { from: cur.links, to: input.links };
      set.links = input.links;
      data.links = input.links;
    }
    let added: string[] = [];
    if (input.services) {
      const services = await resolveServices(w.tx, actor.orgId, input.services);
      const before = cur.services.map((s) => s.service.key).sort();
      const after = services.map((s) => s.key).sort();
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        changes.services = { from: before, to: after };
        await w.tx.incidentService.deleteMany({ where: { incidentId: cur.id } });
        await w.tx.incidentService.createMany({ data: services.map((s) => ({ incidentId: cur.id, serviceId: s.id })) });
        set.services = services;
        const had = new Set(cur.services.map((s) => s.service.id));
        added = services.filter((s) => !had.has(s.id)).map((s) => s.id);
      }
    }

    const settings = await orgSettings(w.tx, actor.orgId);
    let severity = cur.severity;
    if (input.severity && input.severity !== cur.severity) {
      if (!input.reason) throw reasonRequired("severity");
      changes.severity = { from: cur.severity, to: input.severity };
      severity = input.severity;
      set.severity = data.severity = severity;
      // Escalating tightens the cadence at once; de-escalating waits for the next update.
      const due = nextUpdateDue(severity, now, { cadence: settings.cadence });
      if (isActive(cur.status) && due && (!cur.nextUpdateDueAt || due < cur.nextUpdateDueAt)) {
        data.nextUpdateDueAt = due;
        set.nextUpdateDueAt = due.toISOString();
      }
    }

    let status = cur.status;
    if (input.status && input.status !== cur.status) {
      if (cur.mergedIntoId) throw new AppError("conflict", "This incident was merged into another: work on that one.", { fields: { status: "merged into another incident" } });
      if (!input.reason) throw reasonRequired("status");
      const check = checkTransition(cur.status, input.status);
      if (!check.ok) throw new AppError("conflict", check.message, { fields: { status: check.message } });
      if (input.status === "resolved") {
        const missing = unconfirmedCriteria(input.resolution);
        if (missing.length) {
          const reason = `confirm every resolution criterion: ${missing.join(", ")}`;
          throw new AppError("invalid_input", `Resolving needs every resolution criterion confirmed (missing: ${missing.join(", ")}).`, { fields: { resolution: reason } });
        }
      }
      changes.status = { from: cur.status, to: input.status };
      status = input.status;
      const times = timestampsAfter(status, cur, now);
      Object.assign(data, times, { status });
      Object.assign(set, {
        status,
        mitigatedAt: times.mitigatedAt?.toISOString() ?? null,
        resolvedAt: times.resolvedAt?.toISOString() ?? null,
        closedAt: times.closedAt?.toISOString() ?? null,
      });
      // Updates run on a cadence while the incident is active; a reopened one is due an update now-ish.
      const due = isActive(status) ? (cur.resolvedAt ? nextUpdateDue(severity, now, { cadence: settings.cadence }) : cur.nextUpdateDueAt) : null;
      if ((due?.getTime() ?? null) !== (cur.nextUpdateDueAt?.getTime() ?? null)) {
        data.nextUpdateDueAt = due;
        set.nextUpdateDueAt = due ? due.toISOString() : null;
      }
      if (status === "investigating" && Object.keys(cur.recovery as object).length) {
        data.recovery = {};
        set.recovery = {};
      }
    }
    let update: TimelineData<"update"> | null = null;
    if (input.update) {
      if (!changes.status || (status !== "mitigated" && status !== "resolved")) {
        throw new AppError("invalid_input", "An update goes with mitigating or resolving; post other updates on their own.", { fields: { update: "only when moving to mitigated or resolved" } });
      }
      // The status entry carries the update; a severity move in the same PATCH would be the entry instead.
      if (changes.severity) throw new AppError("invalid_input", "Change the severity on its own, then mitigate or resolve with the update.", { fields: { update: "not with a severity change" } });
      // Posting an update restarts the cadence while the incident is active; a resolved one is due none.
      const due = isActive(status) ? nextUpdateDue(severity, now, { cadence: settings.cadence }) : null;
      const row = await w.tx.statusUpdate.create({
        data: { incidentId: cur.id, seq, ...input.update, audience: "internal", nextUpdateDueAt: due, authorId: actor.userId, actorKind: actor.kind, createdAt: now },
      });
      data.nextUpdateDueAt = due;
      set.nextUpdateDueAt = due ? due.toISOString() : null;
      update = { updateId: row.id, ...input.update, audience: "internal", nextUpdateDueAt: set.nextUpdateDueAt, eta: null };
    }
    if (input.resolution && status !== "resolved") {
      throw new AppError("invalid_input", "Resolution criteria go with resolving.", { fields: { resolution: "only when moving to resolved" } });
    }
    if (input.recovery) {
      if (status !== "resolved" && status !== "closed") {
        throw new AppError("conflict", "The recovery checklist follows resolution: resolve the incident first.", { fields: { recovery: "only once resolved" } });
      }
      const current = (data.recovery ?? cur.recovery ?? {}) as Record<string, boolean>;
      const next = { ...current, ...input.recovery };
      const ticked = Object.entries(input.recovery).filter(([k, v]) => Boolean(current[k]) !== v);
      if (ticked.length) {
        changes.recovery = { from: Object.fromEntries(ticked.map(([k, v]) => [k, !v])), to: Object.fromEntries(ticked) };
        data.recovery = next;
        set.recovery = next as Record<string, boolean>;
      }
    }

    if (Object.keys(changes).length === 0) return null;
    const { version } = await w.tx.incident.update({ where: { id: cur.id }, data: { ...data, version: { increment: 1 } }, select: { version: true } });
    // Paging follows the incident: new services page their on-call; mitigation ends escalations.
    await requestPaging(w, { id: cur.id, drill: cur.drill, status }, added);
    if (changes.status) await endEscalations(w, cur, status);
    const primary = FIELD_KIND.find(([field]) => changes[field]);
    const result = (entry: TimelineEntry) => ({ version, entry });
    if (!primary) {
      return { kind: "incident_edited", data: { changes, ...(input.reason ? { reason: input.reason } : {}), set, version }, action: "incident.edit", result };
    }
    const move = { from: String(changes[primary[0]]!.from), to: String(changes[primary[0]]!.to), reason: input.reason ?? "", changes, set, version };
    const kind = primary[1];
    if (kind === "status_changed") {
      return { kind, data: { ...move, ...(input.resolution ? { resolution: input.resolution } : {}), ...(update ? { update } : {}) }, action: "incident.edit", result };
    }
    return { kind, data: move, action: "incident.edit", result };
  });
}

function reasonRequired(field: "severity" | "status") {
  return new AppError("invalid_input", `Changing the ${field} needs a reason: it is recorded with who and why.`, {
    fields: { reason: `required when changing the ${field}` },
  });
}

async function orgSettings(tx: Tx, orgId: string) {
  const org = await tx.organization.findUniqueOrThrow({ where: { id: orgId }, select: { settings: true } });
  return orgSettingsSchema.parse(org.settings);
}

/** A CAN update: Condition, Action, Need. Sets when the next one is due (default: the severity's cadence). */
export async function postUpdate(actor: Actor, ref: string, input: UpdateCreateInput, opts: { idempotency?: IdempotencyOptions } = {}) {
  return writeIncident(
    actor,
    ref,
    async (w, cur, seq) => {
      const now = w.now;
      const settings = await orgSettings(w.tx, actor.orgId);
      const due = isActive(cur.status)
        ? nextUpdateDue(cur.severity, now, { explicitMinutes: input.nextUpdateInMinutes, cadence: settings.cadence })
        : input.nextUpdateInMinutes
          ? nextUpdateDue(cur.severity, now, { explicitMinutes: input.nextUpdateInMinutes })
          : null;
      const update = await w.tx.statusUpdate.create({
        data: {
          incidentId: cur.id,
          seq,
          condition: input.condition,
          action: input.action,
          need: input.need,
          audience: input.audience,
          nextUpdateDueAt: due,
          eta: input.eta ? new Date(input.eta) : null,
          authorId: actor.userId,
          actorKind: actor.kind,
          createdAt: now,
        },
      });
      await w.tx.incident.update({ where: { id: cur.id }, data: { nextUpdateDueAt: due } });
      return {
        kind: "update",
        data: {
          updateId: update.id,
          condition: input.condition,
          action: input.action,
          need: input.need,
          audience: input.audience,
          nextUpdateDueAt: due ? due.toISOString() : null,
          eta: input.eta ? new Date(input.eta).toISOString() : null,
          set: { nextUpdateDueAt: due ? due.toISOString() : null },
        },
        action: "incident.update",
        result: (entry) => ({ id: update.id, seq: entry.seq, nextUpdateDueAt: due ? due.toISOString() : null, entry }),
      };
    },
    opts,
  );
}

/** A decision for the log: if it was decided on a call, it goes here or it did not happen. */
export async function addDecision(actor: Actor, ref: string, input: DecisionCreateInput, opts: { idempotency?: IdempotencyOptions } = {}) {
  return writeIncident(
    actor,
    ref,
    async (w, cur, seq) => {
      const decider = input.decidedBy ? await resolvePerson(w.tx, actor.orgId, input.decidedBy, "decidedBy") : null;
      const revisit = revisitRefusal(input.revisitAt, w.now);
      if (revisit) throw new AppError("invalid_input", revisit, { fields: { revisitAt: revisit } });
      const decision = await w.tx.decision.create({
        data: {
          incidentId: cur.id,
          seq,
          decision: input.decision,
          rationale: input.rationale,
          alternatives: input.alternatives ?? "",
          reversible: input.reversible ?? null,
          decidedById: decider?.id ?? actor.userId,
          actorKind: actor.kind,
          decidedAt: w.now,
          revisitAt: input.revisitAt ? new Date(input.revisitAt) : null,
          rollbackTrigger: input.rollbackTrigger || null,
          rollbackLink: input.rollbackLink ?? null,
        },
      });
      return {
        kind: "decision",
        data: {
          decisionId: decision.id,
          decision: decision.decision,
          rationale: decision.rationale,
          alternatives: decision.alternatives,
          reversible: decision.reversible,
          decidedBy: decider ? { handle: decider.handle, name: decider.name } : { handle: actor.handle, name: actor.name },
          revisitAt: decision.revisitAt?.toISOString() ?? null,
          rollbackTrigger: decision.rollbackTrigger,
          rollbackLink: decision.rollbackLink,
        },
        action: "incident.decision",
        result: (entry) => ({ id: decision.id, seq: entry.seq, entry }),
      };
    },
    opts,
  );
}

/**
 * POST …/decisions/{id}/outcome: a decision that came due, kept (maybe to revisit again), reversed or amended, with
 * why — one `decision_outcome` entry linked to it. The commander, whoever took it, or an admin.
 */
export async function recordDecisionOutcome(actor: Actor, ref: string, decisionId: string, input: DecisionOutcomeInput) {
  return writeIncident(actor, ref, async (w, cur) => {
    const decision = await w.tx.decision.findFirst({ where: { id: decisionId, incidentId: cur.id } });
    if (!decision) throw new AppError("not_found", `No decision ${decisionId} on ${ref.toUpperCase()}.`);
    const commander = await w.tx.roleAssignment.findFirst({ where: { incidentId: cur.id, role: "commander", endedAt: null }, select: { userId: true } });
    const refusal = outcomeRefusal(actor, commander?.userId ?? null, decision.decidedById);
    if (refusal) throw new AppError("forbidden", refusal);
    if (input.revisitAt && input.outcome === "reversed") {
      throw new AppError("invalid_input", "A reversed decision is not revisited: log the new one.", { fields: { revisitAt: "not for a reversed decision" } });
    }
    const revisit = revisitRefusal(input.revisitAt, w.now);
    if (revisit) throw new AppError("invalid_input", revisit, { fields: { revisitAt: revisit } });
    const revisitAt = input.revisitAt ? new Date(input.revisitAt) : null;
    await w.tx.decision.update({ where: { id: decision.id }, data: { outcome: input.outcome, outcomeNote: input.note, outcomeAt: w.now, outcomeById: actor.userId, revisitAt } });
    return {
      kind: "decision_outcome",
      data: { decisionId: decision.id, decision: decision.decision, outcome: input.outcome, note: input.note, revisitAt: revisitAt?.toISOString() ?? null },
      action: "incident.decision.outcome",
      result: (entry) => ({ entry }),
    };
  });
}

/** Pins or unpins an entry: important entries stay in view at the top of the page. */
export async function pinEntry(actor: Actor, ref: string, seq: number, pinned: boolean) {
  return writeIncident(actor, ref, async (w, cur) => {
    const target = await w.tx.timelineEntry.findUnique({
      where: { incidentId_seq: { incidentId: cur.id, seq } },
      include: { author: { select: { handle: true, name: true } } },
    });
    if (!target) throw new AppError("not_found", `No entry ${seq} on ${ref.toUpperCase()}.`);
    if (target.kind === "entry_pinned") throw new AppError("invalid_input", "A pin cannot be pinned.", { fields: { seq: "is a pin entry" } });
    if (target.pinned === pinned) throw new AppError("conflict", pinned ? "Already pinned." : "Not pinned.");
    await w.tx.timelineEntry.update({ where: { id: target.id }, data: { pinned } });
    return {
      kind: "entry_pinned",
      data: { seq, pinned, ...(pinned ? { entry: { ...presentEntry(target), pinned: true } } : {}) },
      action: pinned ? "incident.pin" : "incident.unpin",
      result: (entry) => entry,
    };
  });
}

/** Records an escalation step taken (who was pulled in), which clears its nudge. */
export async function recordEscalation(actor: Actor, ref: string, input: EscalationCreateInput, opts: { idempotency?: IdempotencyOptions } = {}) {
  return writeIncident(
    actor,
    ref,
    async (w, cur) => {
      const steps = nudgeSettingsOf(await orgSettings(w.tx, actor.orgId)).escalationSteps;
      const step = steps[input.step - 1];
      if (!step) throw new AppError("invalid_input", `There are ${steps.length} escalation steps.`, { fields: { step: `must be 1–${steps.length}` } });
      if (input.step <= cur.escalationStep) throw new AppError("conflict", `Escalation step ${input.step} was already taken.`);
      await w.tx.incident.update({ where: { id: cur.id }, data: { escalationStep: input.step } });
      return {
        kind: "escalated",
        data: { step: input.step, pullIn: step.pullIn, ...(input.note ? { note: input.note } : {}), set: { escalationStep: input.step } },
        action: "incident.escalate",
        result: (entry) => entry,
      };
    },
    opts,
  );
}
