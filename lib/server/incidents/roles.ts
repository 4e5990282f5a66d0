import "server-only";
// Incident roles. One commander at a time, handed over explicitly: replacing a
// commander needs the outgoing IC's briefing, which the incoming IC acknowledges.
// SMEs are many; every other role has one holder. History is kept (endedAt).
import { AppError } from "@/lib/domain/errors";
import type { IncidentRole, RoleAssignInput } from "@/lib/domain/schemas";
import type { Actor } from "../actor";
import type { IdempotencyOptions } from "../write";
import { addMember, resolvePerson, writeIncident } from "./incident-write";

export const ROLE_LABELS: Record<IncidentRole, string> = {
  commander: "Incident commander",
  ops_lead: "Ops lead",
  comms_lead: "Comms lead",
  scribe: "Scribe",
  sme: "SME",
  support_lead: "Support lead",
  exec_sponsor: "Exec sponsor",
};

export async function assignRole(actor: Actor, ref: string, role: IncidentRole, input: RoleAssignInput, opts: { idempotency?: IdempotencyOptions } = {}) {
  return writeIncident(
    actor,
    ref,
    async (w, incident) => {
      const person = await resolvePerson(w.tx, actor.orgId, input.user, "user");
      // An exec sponsor may be a read-only executive; every other role acts, so it needs a responder.
      if (role !== "exec_sponsor" && person.role === "viewer") {
        throw new AppError("invalid_input", `${person.handle} has read-only access and cannot be ${ROLE_LABELS[role].toLowerCase()}.`, {
          fields: { user: "read-only (viewer) members can only be exec sponsor" },
        });
      }
      const active = await w.tx.roleAssignment.findMany({ where: { incidentId: incident.id, role, endedAt: null }, include: { user: { select: { handle: true } } } });
      if (active.some((a) => a.userId === person.id)) {
        throw new AppError("conflict", `${person.handle} is already ${ROLE_LABELS[role].toLowerCase()}.`);
      }
      const replaced = role === "sme" ? [] : active;
      const briefing = role === "commander" && replaced.length ? input.briefing : undefined;
      if (role === "commander" && replaced.length && !briefing) {
        throw new AppError("invalid_input", "Handing over command needs a briefing from the outgoing commander: state, workstreams, open decisions, next update.", {
          fields: { briefing: "required when replacing the commander" },
        });
      }
      const now = w.now;
      if (replaced.length) await w.tx.roleAssignment.updateMany({ where: { id: { in: replaced.map((a) => a.id) } }, data: { endedAt: now } });
      await w.tx.roleAssignment.create({
        data: { incidentId: incident.id, role, userId: person.id, assignedById: actor.userId, assignedAt: now, briefing: briefing ?? undefined },
      });
      await addMember(w.tx, incident.id, person.id);
      return {
        kind: "role_assigned",
        data: {
          role,
          user: person.handle,
          userName: person.name,
          previous: replaced[0]?.user.handle ?? null,
          ...(briefing ? { briefing } : {}),
        },
        action: "incident.role.assign",
        result: (entry) => entry,
      };
    },
    opts,
  );
}

/** Ends an assignment. The commander is never unassigned: command is handed over. */
export async function unassignRole(actor: Actor, ref: string, role: IncidentRole, user: string | undefined) {
  return writeIncident(actor, ref, async (w, incident) => {
    if (role === "commander") {
      throw new AppError("conflict", "An incident always has a commander: hand over command instead.");
    }
    const person = user ? await resolvePerson(w.tx, actor.orgId, user, "user") : null;
    const active = await w.tx.roleAssignment.findMany({
      where: { incidentId: incident.id, role, endedAt: null, ...(person ? { userId: person.id } : {}) },
      include: { user: { select: { handle: true, name: true } } },
    });
    if (active.length === 0) throw new AppError("conflict", `${person ? person.handle : "Nobody"} holds ${ROLE_LABELS[role].toLowerCase()} on ${ref.toUpperCase()}.`);
    if (active.length > 1) throw new AppError("invalid_input", "Several people hold this role: say which.", { fields: { user: "required for a role with several holders" } });
    const ended = active[0]!;
    await w.tx.roleAssignment.update({ where: { id: ended.id }, data: { endedAt: w.now } });
    return {
      kind: "role_unassigned",
      data: { role, user: ended.user.handle, userName: ended.user.name },
      action: "incident.role.unassign",
      result: (entry) => entry,
    };
  });
}

/** The incoming commander acknowledges the handover briefing: "I have the conn". */
export async function acknowledgeHandover(actor: Actor, ref: string) {
  return writeIncident(actor, ref, async (w, incident) => {
    const current = await w.tx.roleAssignment.findFirst({ where: { incidentId: incident.id, role: "commander", endedAt: null } });
    if (!current || current.userId !== actor.userId) throw new AppError("forbidden", "Only the incoming commander acknowledges the handover.");
    if (!current.briefing) throw new AppError("conflict", "There is no handover briefing to acknowledge.");
    if (current.acknowledgedAt) throw new AppError("conflict", "The handover is already acknowledged.");
    if (actor.kind !== "human") throw new AppError("forbidden", "Only a person can take command.");
    await w.tx.roleAssignment.update({ where: { id: current.id }, data: { acknowledgedAt: w.now } });
    return {
      kind: "role_acknowledged",
      data: { role: "commander", user: actor.handle },
      action: "incident.role.acknowledge",
      result: (entry) => entry,
    };
  });
}
