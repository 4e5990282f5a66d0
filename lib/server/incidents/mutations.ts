import "server-only";
// Incident writes. Each takes an explicit actor, so the UI, the API, webhooks
// and jobs run the same code; each commits its change, its one timeline entry
// and its audit record together (see ../write.ts).
import { nextUpdateDue } from "@/lib/domain/cadence";
import { AppError } from "@/lib/domain/errors";
import { incidentRef } from "@/lib/domain/refs";
import { SEVERITY_LEVELS } from "@/lib/domain/severity";
import { orgSettingsSchema, type IncidentCreateInput, type NoteCreateInput } from "@/lib/domain/schemas";
import type { Actor } from "../actor";
import { requireRole } from "../access";
import type { Tx } from "../db";
import { commitWrite, type IdempotencyOptions } from "../write";
import { requireVisibleIncident } from "./data";
import { incidentInclude, presentIncident, type IncidentDto } from "./present";

async function resolveServices(tx: Tx, orgId: string, refs: string[]) {
  if (refs.length === 0) return [];
  const unique = [...new Set(refs)];
  const services = await tx.service.findMany({
    where: { orgId, OR: [{ id: { in: unique } }, { key: { in: unique.map((r) => r.toUpperCase()) } }] },
    select: { id: true, key: true },
  });
  const unknown = unique.filter((r) => !services.some((s) => s.id === r || s.key === r.toUpperCase()));
  if (unknown.length) {
    throw new AppError("invalid_input", `Unknown service: ${unknown.join(", ")}.`, { fields: { services: `unknown: ${unknown.join(", ")}` } });
  }
  return services;
}

/** Declare an incident. The declarer is its commander until someone else is assigned. */
export async function declareIncident(actor: Actor, input: IncidentCreateInput, opts: { idempotency?: IdempotencyOptions } = {}) {
  requireRole(actor, "responder");
  return commitWrite<IncidentDto>(
    actor,
    async (w) => {
      const now = new Date();
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
          // A human declaring has acknowledged; a bot's declaration waits for a person.
          acknowledgedAt: actor.kind === "human" ? now : null,
          nextUpdateDueAt: nextUpdateDue(input.severity, now, { cadence: settings.cadence }),
          services: { create: services.map((s) => ({ serviceId: s.id })) },
          members: { create: { userId: actor.userId } },
          roles: { create: { role: "commander", userId: actor.userId, assignedById: actor.userId, assignedAt: now } },
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
          commander: actor.handle,
          ...intake,
        },
        now,
      );
      await w.audit("incident.declare", "incident", incident.id, { ref: incidentRef(number), severity: incident.severity });
      const row = await w.tx.incident.findUniqueOrThrow({ where: { id: incident.id }, include: incidentInclude });
      return presentIncident(row);
    },
    opts,
  );
}

/** A note on the timeline (markdown, rendered safely). */
export async function addNote(actor: Actor, ref: string, input: NoteCreateInput, opts: { idempotency?: IdempotencyOptions } = {}) {
  requireRole(actor, "responder");
  const incident = await requireVisibleIncident(actor, ref);
  return commitWrite(
    actor,
    async (w) => {
      const entry = await w.appendEntry(incident, "note", { body: input.body });
      await w.audit("incident.note", "incident", incident.id, { seq: entry.seq });
      return entry;
    },
    opts,
  );
}
