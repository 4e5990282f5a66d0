import "server-only";
// Change writes: posting a change (CI/CD or a person; no timeline entry) and putting one on an incident's timeline as a suspect (exactly one entry).
import { type ChangeCreateInput, type ChangeDto, type ChangeSuspectedData } from "@/lib/domain/changes";
import { AppError } from "@/lib/domain/errors";
import type { Actor } from "../actor";
import { requireRole } from "../access";
import { requireVisibleIncident } from "../incidents/data";
import { commitWrite, type IdempotencyOptions } from "../write";
import { changeInclude, presentChange, resolveService } from "./data";

// ─── Writes ────────────────────────────────────────────────────────────────

/** Record a change (responder or admin; CI/CD uses an automation token, recorded as automation). */
export async function createChange(actor: Actor, input: ChangeCreateInput, opts: { idempotency?: IdempotencyOptions } = {}) {
  requireRole(actor, "responder");
  return commitWrite<ChangeDto>(
    actor,
    async (w) => {
      const service = await resolveService(w.tx, actor.orgId, input.service, "service");
      const row = await w.tx.change.create({
        data: {
          orgId: actor.orgId,
          serviceId: service.id,
          kind: input.kind,
          summary: input.summary,
          at: input.at ? new Date(input.at) : new Date(),
          link: input.link || null,
          version: input.version || null,
          authorId: actor.userId,
          actorKind: actor.kind,
        },
        include: changeInclude,
      });
      await w.audit("change.create", "change", row.id, { service: service.key, kind: row.kind, at: row.at.toISOString() });
      return presentChange(row, new Map([[actor.userId, { handle: actor.handle, name: actor.name }]]));
    },
    opts,
  );
}

/**
 * Put a change on the incident's timeline as a suspect: one `change_suspected`
 * entry carrying a copy of the change. Any change of the organization may be
 * suspected, not only those in the incident's window. Suspecting the same
 * change twice on one incident is a 409 and writes nothing.
 */
export async function suspectChange(actor: Actor, ref: string, changeId: string, opts: { idempotency?: IdempotencyOptions } = {}) {
  requireRole(actor, "responder");
  const incident = await requireVisibleIncident(actor, ref);
  return commitWrite(
    actor,
    async (w) => {
      // Take the incident's row lock before looking for an earlier suspect, so two
      // simultaneous clicks serialize here and the second one sees the first entry.
      await w.tx.$queryRaw`SELECT id FROM "Incident" WHERE id = ${incident.id} FOR UPDATE`;
      const change = await w.tx.change.findFirst({ where: { id: changeId, orgId: actor.orgId }, include: changeInclude });
      if (!change) throw new AppError("invalid_input", `No change ${changeId}.`, { fields: { changeId: "no such change" } });
      const earlier = await w.tx.timelineEntry.findFirst({
        where: { incidentId: incident.id, kind: "change_suspected", data: { path: ["changeId"], equals: change.id } },
        select: { seq: true },
      });
      if (earlier) {
        throw new AppError("conflict", `This change is already a suspect on ${ref.toUpperCase()} (#${earlier.seq}).`, { details: { seq: earlier.seq } });
      }
      const data: ChangeSuspectedData = {
        changeId: change.id,
        service: change.service.key,
        kind: change.kind,
        summary: change.summary,
        at: change.at.toISOString(),
        link: change.link,
        version: change.version,
      };
      const entry = await w.appendEntry(incident, "change_suspected", data);
      await w.audit("incident.suspect_change", "incident", incident.id, { seq: entry.seq, changeId: change.id });
      return entry;
    },
    opts,
  );
}
