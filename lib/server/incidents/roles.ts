import "server-only";
// Incident roles. One commander at a time: command moves when the incoming person accepts an offer (./handovers.ts);
// replacing a commander here is taking command from an absent one, recorded as taken. SMEs are many; every other
// role has one holder. History is kept (endedAt).
import { AppError } from "@/lib/domain/errors";
import type { IncidentRole, RoleAssignInput } from "@/lib/domain/schemas";
import type { Actor } from "../actor";
import type { IdempotencyOptions } from "../write";
import { currentCommander, takeCommandFrom } from "./handovers";
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
      if (role === "commander" && active.length) {
        // Someone has command: replacing them without their acceptance is taking command (an absent commander only).
        const commander = await currentCommander(w.tx, incident.id);
        const { reason } = await takeCommandFrom(w, incident, commander!, person, input.briefing);
        await addMember(w.tx, incident.id, person.id);
        return {
          kind: "command_taken",
          data: { user: person.handle, userName: person.name, previous: commander!.user.handle, reason, ...(input.briefing ? { briefing: input.briefing } : {}) },
          action: "incident.command.take",
          result: (entry) => entry,
        };
      }
      const replaced = role === "sme" ? [] : active;
      const now = w.now;
      if (replaced.length) await w.tx.roleAssignment.updateMany({ where: { id: { in: replaced.map((a) => a.id) } }, data: { endedAt: now } });
      await w.tx.roleAssignment.create({
        data: { incidentId: incident.id, role, userId: person.id, assignedById: actor.userId, assignedAt: now },
      });
      await addMember(w.tx, incident.id, person.id);
      return {
        kind: "role_assigned",
        data: {
          role,
          user: person.handle,
          userName: person.name,
          previous: replaced[0]?.user.handle ?? null,
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
