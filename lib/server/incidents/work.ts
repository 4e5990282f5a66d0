import "server-only";
// Workstreams (one lead, one goal) and the knowns / unknowns / blockers board.
// Each edit carries the version last read (409 when stale) and its entry
// carries the whole new item, so viewers apply it without another fetch.
import { AppError } from "@/lib/domain/errors";
import type {
  BoardItemCreateInput,
  BoardItemPatchInput,
  WorkstreamCreateInput,
  WorkstreamPatchInput,
} from "@/lib/domain/schemas";
import { evidenceRefusal, type BoardState, type EvidenceView } from "@/lib/domain/incident-view";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import type { IdempotencyOptions } from "../write";
import { addMember, resolvePerson, writeIncident, type ResolvedPerson } from "./incident-write";
import { staleVersion } from "../write";
import { presentBoardItem, presentWorkstream } from "./view";

/** The lead or owner named in an input: a responder of the organization, who becomes a member of the incident. */
async function responsible(tx: Tx, orgId: string, incidentId: string, handle: string | null | undefined, field: string): Promise<ResolvedPerson | null> {
  if (!handle) return null;
  const person = await resolvePerson(tx, orgId, handle, field);
  if (person.role === "viewer") throw new AppError("invalid_input", `${person.handle} has read-only access.`, { fields: { [field]: "read-only (viewer) members cannot lead or own work" } });
  await addMember(tx, incidentId, person.id);
  return person;
}

const ref = (p: ResolvedPerson | null) => (p ? { handle: p.handle, name: p.name } : null);

async function personById(tx: Tx, id: string | null) {
  if (!id) return null;
  const u = await tx.user.findUnique({ where: { id }, select: { handle: true, name: true } });
  return u && { handle: u.handle, name: u.name };
}

export async function createWorkstream(actor: Actor, incidentRef: string, input: WorkstreamCreateInput, opts: { idempotency?: IdempotencyOptions } = {}) {
  return writeIncident(
    actor,
    incidentRef,
    async (w, incident) => {
      const lead = await responsible(w.tx, actor.orgId, incident.id, input.lead, "lead");
      const row = await w.tx.workstream.create({
        data: { incidentId: incident.id, title: input.title, goal: input.goal, leadId: lead?.id ?? null, threadUrl: input.threadUrl ?? null },
      });
      const workstream = presentWorkstream(row, ref(lead));
      return {
        kind: "workstream",
        data: { workstreamId: row.id, action: "created", title: row.title, status: row.status, lead: lead?.handle ?? null, workstream },
        action: "incident.workstream.create",
        result: (entry) => ({ ...workstream, entry }),
      };
    },
    opts,
  );
}

export async function patchWorkstream(actor: Actor, incidentRef: string, id: string, input: WorkstreamPatchInput) {
  return writeIncident(actor, incidentRef, async (w, incident) => {
    const cur = await w.tx.workstream.findFirst({ where: { id, incidentId: incident.id } });
    if (!cur) throw new AppError("not_found", `No workstream ${id} on ${incidentRef.toUpperCase()}.`);
    if (cur.version !== input.version) throw staleVersion("workstream", cur.version);
    const changes: string[] = [];
    const data: Record<string, unknown> = {};
    for (const field of ["title", "goal", "scratchpad", "threadUrl"] as const) {
      if (input[field] !== undefined && input[field] !== cur[field]) {
        changes.push(field);
        data[field] = input[field];
      }
    }
    let lead = await personById(w.tx, cur.leadId);
    if (input.lead !== undefined && (input.lead ?? null) !== (lead?.handle ?? null)) {
      const next = await responsible(w.tx, actor.orgId, incident.id, input.lead, "lead");
      changes.push("lead");
      data.leadId = next?.id ?? null;
      lead = ref(next);
    }
    if (input.status && input.status !== cur.status) {
      changes.push("status");
      data.status = input.status;
      data.blockedAt = input.status === "blocked" ? w.now : null;
    }
    if (changes.length === 0) return null;
    const row = await w.tx.workstream.update({ where: { id: cur.id }, data: { ...data, version: { increment: 1 } } });
    const workstream = presentWorkstream(row, lead);
    return {
      kind: "workstream",
      data: { workstreamId: row.id, action: changes.includes("status") ? "status_changed" : "updated", title: row.title, status: row.status, lead: lead?.handle ?? null, changes, workstream },
      action: "incident.workstream.edit",
      result: (entry) => ({ ...workstream, entry }),
    };
  });
}

export async function createBoardItem(actor: Actor, incidentRef: string, input: BoardItemCreateInput, opts: { idempotency?: IdempotencyOptions } = {}) {
  return writeIncident(
    actor,
    incidentRef,
    async (w, incident) => {
      const owner = await responsible(w.tx, actor.orgId, incident.id, input.owner, "owner");
      if (input.disproveBy && input.kind !== "hypothesis") {
        throw new AppError("invalid_input", "Only a hypothesis has a way to disprove it.", { fields: { disproveBy: "only for a hypothesis" } });
      }
      const row = await w.tx.boardItem.create({
        data: { incidentId: incident.id, kind: input.kind, text: input.text, disproveBy: input.disproveBy ?? null, ownerId: owner?.id ?? null },
      });
      const item = presentBoardItem(row, ref(owner));
      return {
        kind: "board",
        data: { itemId: row.id, action: "created", kind: row.kind, text: row.text, state: row.state, item },
        action: "incident.board.create",
        result: (entry) => ({ ...item, entry }),
      };
    },
    opts,
  );
}

export async function patchBoardItem(actor: Actor, incidentRef: string, id: string, input: BoardItemPatchInput) {
  return writeIncident(actor, incidentRef, async (w, incident) => {
    const cur = await w.tx.boardItem.findFirst({ where: { id, incidentId: incident.id } });
    if (!cur) throw new AppError("not_found", `No board item ${id} on ${incidentRef.toUpperCase()}.`);
    if (cur.version !== input.version) throw staleVersion("item", cur.version);
    const changes: string[] = [];
    const data: Record<string, unknown> = {};
    for (const field of ["text", "state", "disproveBy"] as const) {
      if (input[field] !== undefined && input[field] !== cur[field]) {
        changes.push(field);
        data[field] = input[field];
      }
    }
    if (input.disproveBy && cur.kind !== "hypothesis") {
      throw new AppError("invalid_input", "Only a hypothesis has a way to disprove it.", { fields: { disproveBy: "only for a hypothesis" } });
    }
    // Ruling out records what was checked (issue 18); leaving "ruled out" lets its evidence go with it.
    const nextState = (input.state ?? cur.state) as BoardState;
    const ruling = input.state === "ruled_out" && cur.state !== "ruled_out";
    const refusal = input.evidence || ruling ? evidenceRefusal(nextState, Boolean(input.evidence)) : null;
    if (refusal) throw new AppError("invalid_input", refusal.message, { fields: { [refusal.field]: refusal.message } });
    if (input.evidence && (ruling || cur.state === "ruled_out")) {
      const by = input.evidence.by ? await resolvePerson(w.tx, actor.orgId, input.evidence.by, "evidence.by") : { handle: actor.handle, name: actor.name };
      const evidence: EvidenceView = { checked: input.evidence.checked, by: { handle: by.handle, name: by.name }, link: input.evidence.link ?? null, at: w.now.toISOString() };
      changes.push("evidence");
      data.evidence = evidence;
    } else if (input.state !== undefined && input.state !== "ruled_out" && cur.state === "ruled_out") {
      data.evidence = Prisma.DbNull;
    }
    let owner = await personById(w.tx, cur.ownerId);
    if (input.owner !== undefined && (input.owner ?? null) !== (owner?.handle ?? null)) {
      const next = await responsible(w.tx, actor.orgId, incident.id, input.owner, "owner");
      changes.push("owner");
      data.ownerId = next?.id ?? null;
      owner = ref(next);
    }
    if (changes.length === 0) return null;
    const row = await w.tx.boardItem.update({ where: { id: cur.id }, data: { ...data, version: { increment: 1 } } });
    const item = presentBoardItem(row, owner);
    return {
      kind: "board",
      data: { itemId: row.id, action: changes.includes("state") ? "state_changed" : "updated", kind: row.kind, text: row.text, state: row.state, changes, item },
      action: "incident.board.edit",
      result: (entry) => ({ ...item, entry }),
    };
  });
}
