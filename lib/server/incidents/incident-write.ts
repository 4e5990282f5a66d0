import "server-only";
// The shape of every change to an existing incident: lock its row, check what
// the change needs against the current state, write, and append exactly one
// timeline entry — all in one transaction (../write.ts), published after commit.
import { AppError } from "@/lib/domain/errors";
import type { OrgRole } from "@/lib/domain/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TimelineData, TimelineEntry, TimelineWrite } from "@/lib/domain/timeline";
import { requireRole } from "../access";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import { commitWrite, type IdempotencyOptions, type WriteTx } from "../write";
import { requireVisibleIncidentId } from "./data";

export const lockedIncidentInclude = {
  services: { include: { service: { select: { id: true, key: true, name: true, tier: true } } } },
} satisfies Prisma.IncidentInclude;
export type LockedIncident = Prisma.IncidentGetPayload<{ include: typeof lockedIncidentInclude }>;

/** A change's one timeline entry (typed by kind), its audit action, and what to answer. */
export type IncidentChange<T> = TimelineWrite & {
  /** Audit action, e.g. "incident.update". */
  action: string;
  /** The value to answer with, given the committed entry. */
  result: (entry: TimelineEntry) => T;
};

export interface IncidentWriteResult<T> {
  /** null when the change found nothing to change: nothing was written. */
  value: T;
  status?: number;
  replayed: boolean;
}

/**
 * Runs one change to the incident `ref` as `actor`. `change` sees the incident
 * locked (no other write interleaves: versions and states it reads stay true
 * until commit) and the seq its entry will take (`incident.lastSeq + 1`). When
 * `change` returns null (nothing differs), everything it did is rolled back and
 * the result is null: no entry, no version bump.
 */
type ChangeFn<C> = (w: WriteTx, incident: LockedIncident, seq: number) => Promise<C>;
type WriteOpts = { idempotency?: IdempotencyOptions; role?: OrgRole };

export async function writeIncident<T>(actor: Actor, ref: string, change: ChangeFn<IncidentChange<T>>, opts?: WriteOpts): Promise<IncidentWriteResult<T>>;
export async function writeIncident<T>(actor: Actor, ref: string, change: ChangeFn<IncidentChange<T> | null>, opts?: WriteOpts): Promise<IncidentWriteResult<T | null>>;
export async function writeIncident<T>(
  actor: Actor,
  ref: string,
  change: ChangeFn<IncidentChange<T> | null>,
  opts: WriteOpts = {},
): Promise<IncidentWriteResult<T | null>> {
  requireRole(actor, opts.role ?? "responder");
  const visible = await requireVisibleIncidentId(actor, ref);
  try {
    return await commitWrite(
      actor,
      async (w) => {
        await w.tx.$executeRaw`SELECT 1 FROM "Incident" WHERE id = ${visible.id} FOR UPDATE`;
        const incident = await w.tx.incident.findUniqueOrThrow({ where: { id: visible.id }, include: lockedIncidentInclude });
        const c = await change(w, incident, incident.lastSeq + 1);
        if (!c) throw new NothingChanged();
        // The kind and its data were checked together where `c` was built; a union cannot say so to the checker.
        const entry = await w.appendEntry(incident, c.kind, c.data as TimelineData<typeof c.kind>);
        await w.audit(c.action, "incident", incident.id, { ref: ref.toUpperCase(), seq: entry.seq });
        return c.result(entry);
      },
      opts,
    );
  } catch (error) {
    if (error instanceof NothingChanged) return { value: null, replayed: false };
    throw error;
  }
}

class NothingChanged extends Error {}


export interface ResolvedPerson {
  id: string;
  handle: string;
  name: string;
  role: OrgRole;
}

/** A member of the actor's organization by handle or email; 400 on `field` otherwise. */
export async function resolvePerson(tx: Tx, orgId: string, handleOrEmail: string, field: string): Promise<ResolvedPerson> {
  const key = handleOrEmail.trim().toLowerCase().replace(/^@/, "");
  const membership = await tx.membership.findFirst({
    where: { orgId, user: key.includes("@") ? { email: key } : { handle: key } },
    include: { user: { select: { id: true, handle: true, name: true } } },
  });
  if (!membership) throw new AppError("invalid_input", `Nobody called ${handleOrEmail} in this organization.`, { fields: { [field]: "no such person in this organization" } });
  return { id: membership.user.id, handle: membership.user.handle, name: membership.user.name, role: membership.role as OrgRole };
}

/** Role holders and workstream leads can see the incident even when it is private. */
export async function addMember(tx: Tx, incidentId: string, userId: string) {
  await tx.incidentMember.upsert({
    where: { incidentId_userId: { incidentId, userId } },
    create: { incidentId, userId },
    update: {},
  });
}
