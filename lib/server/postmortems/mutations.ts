import "server-only";
// Postmortem, action item and postmortem template writes, through commitWrite (one transaction with
// the audit record). Not incident writes: they append no timeline entry, so an
// incident's seq and its live view are untouched by the review.
//
// Concurrency: every section and action item carries a version. A save is a
// conditional UPDATE … WHERE version = <the version the writer read>; of two
// writers holding the same version, Postgres lets one update the row and the
// other, after waiting for the row lock, matches nothing and gets a 409 with the
// current text. Nothing is overwritten silently.
import type { TimelineEntry } from "@/lib/domain/timeline";
import type { IncidentStatus } from "@/lib/domain/lifecycle";
import { AppError } from "@/lib/domain/errors";
import { checkActionItemStatus, dueInstant, type ActionItemCreateInput, type ActionItemDto, type ActionItemPatchInput, type ActionItemStatus } from "@/lib/domain/postmortem/action-items";
import { buildPrefill, buildStandalonePrefill } from "@/lib/domain/postmortem/prefill";
import type { CommentCreateInput, CommentDto, CommentPatchInput, ReviewerAddInput } from "@/lib/domain/postmortem/review";
import type { PostmortemCreateInput, PostmortemDto, SectionDto, SectionPatchInput, StandalonePostmortemCreateInput } from "@/lib/domain/postmortem/schemas";
import type { PersonRef } from "@/lib/domain/people";
import type { SectionTemplate } from "@/lib/domain/postmortem/sections";
import { afterSectionEdit, canStartPostmortem, checkPostmortemTransition, type PostmortemStatus } from "@/lib/domain/postmortem/workflow";
import type { PostmortemTemplateDto, PostmortemTemplatePutInput } from "@/lib/domain/postmortem/template";
import type { Prisma } from "@/lib/generated/prisma/client";
import { incidentRef } from "@/lib/domain/refs";
import type { Actor } from "../actor";
import { requireRole } from "../access";
import { db, type Tx, isUniqueViolation } from "../db";
import { requireVisibleIncident } from "../incidents/data";
import { addMember, resolvePerson } from "../incidents/incident-write";
import { presentEntry } from "../incidents/present";
import { loadIncidentView } from "../incidents/view";
import { commitWrite, type IdempotencyOptions, type WriteTx } from "../write";
import {
  actionItemInclude,
  findPostmortemRow,
  findPostmortemRowById,
  loadPostmortemTemplate,
  requirePostmortem,
  type PostmortemHandle,
  type PostmortemTarget,
  peopleById,
  presentActionItem,
  presentComment,
  presentPostmortem,
  sectionPrompt,
  templateSectionsOf,
  visibleActionItemsWhere,
} from "./data";

const MAX_PREFILL_ENTRIES = 5000;

/** A new postmortem's sections: the organization's template as it is now, pre-filled where the pre-fill knows the key. */
function sectionsFrom(template: readonly SectionTemplate[], bodies: Record<string, string>, userId: string) {
  return template.map((s, position) => ({ key: s.key, title: s.title, prompt: s.prompt, body: bodies[s.key] ?? "", position, updatedById: userId }));
}

/** The postmortem's room (its editors), for an event published after commit. */
const roomOf = (handle: PostmortemHandle) => ({ postmortemId: handle.postmortemId, ref: handle.incident ? incidentRef(handle.incident.number) : null });

/** The room of a postmortem event and, for a private incident's, its members as of this write (only they receive it). */
async function audienceOf(w: WriteTx, handle: PostmortemHandle) {
  return { ...roomOf(handle), ...(handle.incident?.private ? { memberIds: await w.memberIds(handle.incident.id) } : {}) };
}

/**
 * Start the postmortem of a resolved or closed incident, pre-filled from its
 * live view and timeline. 409 while the incident is active, and when it
 * already has one (also when two people click at once: the unique index decides).
 */
export async function createPostmortem(actor: Actor, ref: string, input: PostmortemCreateInput, opts: { idempotency?: IdempotencyOptions } = {}) {
  requireRole(actor, "responder");
  const incident = await requireVisibleIncident(actor, ref);
  const name = incidentRef(incident.number);
  if (!canStartPostmortem(incident.status as IncidentStatus)) {
    throw new AppError("conflict", `${name} is ${incident.status}: start the postmortem once it is resolved.`, { details: { incidentStatus: incident.status } });
  }
  const view = await loadIncidentView(actor, ref);
  const rows = await db().timelineEntry.findMany({
    where: { incidentId: incident.id, seq: { lte: view.lastSeq } },
    orderBy: { seq: "asc" },
    take: MAX_PREFILL_ENTRIES,
    include: { author: { select: { handle: true, name: true } } },
  });
  const bodies = buildPrefill(view, rows.map(presentEntry) as TimelineEntry[]);
  try {
    return await commitWrite<PostmortemDto>(
      actor,
      async (w) => {
        if (await w.tx.postmortem.findUnique({ where: { incidentId: incident.id }, select: { id: true } })) {
          throw new AppError("conflict", `${name} already has a postmortem.`);
        }
        const created = await w.tx.postmortem.create({
          data: {
            orgId: actor.orgId,
            incidentId: incident.id,
            title: input.title ?? incident.title,
            sections: { create: sectionsFrom(await templateSectionsOf(w.tx, actor.orgId), bodies, actor.userId) },
          },
          select: { id: true },
        });
        await w.audit("postmortem.create", "postmortem", created.id, { incident: name });
        return presentPostmortem(w.tx, (await findPostmortemRow(w.tx, incident.id))!);
      },
      opts,
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", `${name} already has a postmortem.`);
    throw error;
  }
}

/** A near miss or a positive retro: a review with no incident, visible to the whole organization, optionally about some services. */
export async function createStandalonePostmortem(actor: Actor, input: StandalonePostmortemCreateInput, opts: { idempotency?: IdempotencyOptions } = {}) {
  requireRole(actor, "responder");
  const bodies = buildStandalonePrefill(input.type, input.title);
  return commitWrite<PostmortemDto>(
    actor,
    async (w) => {
      const keys = input.services ?? [];
      const services = keys.length ? await w.tx.service.findMany({ where: { orgId: actor.orgId, key: { in: keys } }, select: { id: true, key: true } }) : [];
      const unknown = keys.filter((k) => !services.some((s) => s.key === k));
      if (unknown.length) throw new AppError("invalid_input", `No service ${unknown.join(", ")} in this organization.`, { fields: { services: `unknown: ${unknown.join(", ")}` } });
      const created = await w.tx.postmortem.create({
        data: {
          orgId: actor.orgId,
          type: input.type,
          title: input.title,
          serviceIds: keys.map((k) => services.find((s) => s.key === k)!.id),
          sections: { create: sectionsFrom(await templateSectionsOf(w.tx, actor.orgId), bodies, actor.userId) },
        },
        select: { id: true },
      });
      await w.audit("postmortem.create", "postmortem", created.id, { type: input.type, services: keys });
      return presentPostmortem(w.tx, (await findPostmortemRowById(w.tx, created.id))!);
    },
    opts,
  );
}

/**
 * Save one section with the version the editor read. Stale → 409 whose
 * `details` carry the section as it is now (body, version, who saved it), so
 * the editor can show both versions to merge. Editing a published postmortem
 * reopens it as the next revision (a draft).
 */
export async function saveSection(actor: Actor, target: PostmortemTarget, key: string, input: SectionPatchInput) {
  requireRole(actor, "responder");
  const handle = await requirePostmortem(actor, target);
  const { postmortemId } = handle;
  return commitWrite<{ section: SectionDto; postmortem: { status: PostmortemStatus; revision: number } }>(actor, async (w) => {
    const section = await w.tx.postmortemSection.findUnique({ where: { postmortemId_key: { postmortemId, key } } });
    if (!section) throw new AppError("not_found", `No section ${key}.`);
    const { count } = await w.tx.postmortemSection.updateMany({
      where: { id: section.id, version: input.version },
      data: { body: input.body, version: { increment: 1 }, updatedById: actor.userId },
    });
    if (count === 0) {
      const current = await w.tx.postmortemSection.findUniqueOrThrow({ where: { id: section.id } });
      const by = current.updatedById ? ((await peopleById(w.tx, [current.updatedById])).get(current.updatedById) ?? null) : null;
      throw new AppError("conflict", `“${current.title}” was saved by ${by ? `@${by.handle}` : "someone else"} since you read it (now version ${current.version}). Merge and save again.`, {
        fields: { version: `stale: the current version is ${current.version}` },
        details: { key, version: current.version, body: current.body, updatedBy: by, updatedAt: current.updatedAt.toISOString() },
      });
    }
    // Lock the postmortem row: a concurrent publish and edit serialize here.
    const [pm] = await w.tx.$queryRaw<{ status: string; revision: number }[]>`SELECT status, revision FROM "Postmortem" WHERE id = ${postmortemId} FOR UPDATE`;
    const before = { status: pm!.status as PostmortemStatus, revision: pm!.revision };
    const after = afterSectionEdit(before);
    if (after.status !== before.status || after.revision !== before.revision) {
      await w.tx.postmortem.update({ where: { id: postmortemId }, data: { status: after.status, revision: after.revision } });
    }
    const saved = await w.tx.postmortemSection.findUniqueOrThrow({ where: { id: section.id } });
    await w.audit("postmortem.section_save", "postmortem", postmortemId, {
      key,
      version: saved.version,
      ...(before.status === "published" ? { reopenedFromRevision: before.revision, publishedBody: section.body } : {}),
    });
    // Published after commit, to the postmortem's editors only (its room is authorized like the incident's).
    w.events.push({ type: "postmortem.section.saved", ...(await audienceOf(w, handle)), key, version: saved.version, by: { handle: actor.handle, name: actor.name } });
    return {
      section: {
        key: saved.key,
        title: saved.title,
        prompt: sectionPrompt(saved),
        body: saved.body,
        position: saved.position,
        version: saved.version,
        updatedAt: saved.updatedAt.toISOString(),
        updatedBy: { handle: actor.handle, name: actor.name },
      },
      postmortem: after,
    };
  });
}

/** Move the postmortem through review (draft → in review → published; reopen → next revision). */
export async function setPostmortemStatus(actor: Actor, target: PostmortemTarget, to: PostmortemStatus) {
  requireRole(actor, "responder");
  const { postmortemId } = await requirePostmortem(actor, target);
  return commitWrite<PostmortemDto>(actor, async (w) => {
    const [pm] = await w.tx.$queryRaw<{ status: string; revision: number }[]>`SELECT status, revision FROM "Postmortem" WHERE id = ${postmortemId} FOR UPDATE`;
    const check = checkPostmortemTransition({ status: pm!.status as PostmortemStatus, revision: pm!.revision }, to);
    if (!check.ok) throw new AppError("conflict", check.message, { fields: { status: check.message }, details: { status: pm!.status } });
    await w.tx.postmortem.update({
      where: { id: postmortemId },
      data: { status: check.status, revision: check.revision, ...(check.publishedAt === "set" ? { publishedAt: w.now } : {}) },
    });
    if (check.status === "published") {
      // Keep the published text of every section: a later revision shows its diff against it.
      const sections = await w.tx.postmortemSection.findMany({ where: { postmortemId }, select: { key: true, body: true } });
      const snapshot = Object.fromEntries(sections.map((s) => [s.key, s.body]));
      await w.tx.postmortemRevision.upsert({
        where: { postmortemId_revision: { postmortemId, revision: check.revision } },
        create: { postmortemId, revision: check.revision, publishedAt: w.now, publishedById: actor.userId, sections: snapshot },
        update: { publishedAt: w.now, publishedById: actor.userId, sections: snapshot },
      });
    }
    await w.audit("postmortem.status", "postmortem", postmortemId, { from: pm!.status, to, revision: check.revision });
    return presentPostmortem(w.tx, (await findPostmortemRowById(w.tx, postmortemId))!);
  });
}

// ─── Action items ───────────────────────────────────────────────────────────

/**
 * The owner of an action item from a private incident's postmortem becomes a
 * member of the incident, as reviewers, role holders and workstream leads do:
 * giving someone work from a review is sharing the review with them, and an
 * owner who could not see their own item (it is as private as its incident)
 * could neither find it on their home nor close it. The member who assigns it
 * decides; the audit record says the membership came with the item.
 */
async function shareWithOwner(w: WriteTx, incident: { id: string; private: boolean } | null, ownerId: string): Promise<boolean> {
  if (!incident?.private) return false;
  const already = await w.tx.incidentMember.findUnique({ where: { incidentId_userId: { incidentId: incident.id, userId: ownerId } }, select: { userId: true } });
  if (already) return false;
  await addMember(w.tx, incident.id, ownerId);
  return true;
}

/** A tracked action item: one owner, a due date; from a postmortem when `incident` (its ref) or `postmortem` (its id) is given. */
export async function createActionItem(actor: Actor, input: ActionItemCreateInput, opts: { idempotency?: IdempotencyOptions } = {}) {
  requireRole(actor, "responder");
  let postmortemId: string | null = null;
  let incident: { id: string; private: boolean } | null = null;
  if (input.incident) {
    const found = await requireVisibleIncident(actor, input.incident);
    const pm = await db().postmortem.findUnique({ where: { incidentId: found.id }, select: { id: true } });
    if (!pm) throw new AppError("conflict", `${incidentRef(found.number)} has no postmortem yet: start it first.`, { fields: { incident: "has no postmortem" } });
    postmortemId = pm.id;
    incident = { id: found.id, private: found.private };
  } else if (input.postmortem) {
    // As visible as its incident (a private incident's is a 404 for non-members), as with `incident`.
    const handle = await requirePostmortem(actor, { id: input.postmortem });
    postmortemId = handle.postmortemId;
    incident = handle.incident;
  }
  return commitWrite<ActionItemDto>(
    actor,
    async (w) => {
      const owner = await resolvePerson(w.tx, actor.orgId, input.owner, "owner");
      const sharedWithOwner = await shareWithOwner(w, incident, owner.id);
      const row = await w.tx.actionItem.create({
        data: {
          orgId: actor.orgId,
          postmortemId,
          title: input.title,
          ownerId: owner.id,
          dueAt: dueInstant(input.dueAt),
          priority: input.priority,
          kind: input.kind,
          trackerUrl: input.trackerUrl || null,
        },
        include: actionItemInclude,
      });
      await w.audit("action_item.create", "action_item", row.id, { owner: owner.handle, kind: row.kind, postmortemId, ...(sharedWithOwner ? { ownerAddedAsMember: true } : {}) });
      return presentActionItem(row, new Map([[owner.id, { handle: owner.handle, name: owner.name }]]));
    },
    opts,
  );
}

/** Edit an action item with the version last read (409 when stale): status (won't do needs a reason), owner, due date, tracker link… */
export async function patchActionItem(actor: Actor, id: string, input: ActionItemPatchInput) {
  requireRole(actor, "responder");
  return commitWrite<ActionItemDto>(actor, async (w) => {
    const row = await w.tx.actionItem.findFirst({
      where: { AND: [visibleActionItemsWhere(actor), { id }] },
      include: { postmortem: { select: { incident: { select: { id: true, private: true } } } } },
    });
    if (!row) throw new AppError("not_found", `No action item ${id}.`);
    if (row.version !== input.version) {
      throw new AppError("conflict", `This action item changed since you read it (now version ${row.version}). Reload and try again.`, {
        fields: { version: `stale: the current version is ${row.version}` },
        details: { version: row.version },
      });
    }
    if (input.status) {
      const check = checkActionItemStatus(row.status as ActionItemStatus, input.status, input.reason ?? (input.status === row.status ? row.statusReason : null));
      if (!check.ok) {
        throw check.field === "reason"
          ? new AppError("invalid_input", check.message, { fields: { reason: check.message } })
          : new AppError("conflict", check.message, { fields: { status: check.message } });
      }
    }
    const owner = input.owner ? await resolvePerson(w.tx, actor.orgId, input.owner, "owner") : null;
    const sharedWithOwner = owner && owner.id !== row.ownerId ? await shareWithOwner(w, row.postmortem?.incident ?? null, owner.id) : false;
    const statusChanged = input.status !== undefined && input.status !== row.status;
    // Version guard again in the UPDATE: a concurrent writer that read the same version loses here.
    const { count } = await w.tx.actionItem.updateMany({
      where: { id, version: input.version },
      data: {
        version: { increment: 1 },
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(owner ? { ownerId: owner.id } : {}),
        ...(input.dueAt !== undefined ? { dueAt: dueInstant(input.dueAt) } : {}),
        ...(input.priority !== undefined ? { priority: input.priority } : {}),
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.trackerUrl !== undefined ? { trackerUrl: input.trackerUrl || null } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(statusChanged ? { statusReason: input.reason || null } : input.reason !== undefined ? { statusReason: input.reason || null } : {}),
      },
    });
    if (count === 0) throw new AppError("conflict", "This action item changed since you read it. Reload and try again.", { fields: { version: "stale" } });
    const saved = await w.tx.actionItem.findUniqueOrThrow({ where: { id }, include: actionItemInclude });
    await w.audit("action_item.update", "action_item", id, {
      version: saved.version,
      ...(statusChanged ? { from: row.status, to: saved.status, reason: saved.statusReason } : {}),
      fields: Object.keys(input).filter((k) => k !== "version"),
      ...(sharedWithOwner ? { owner: owner!.handle, ownerAddedAsMember: true } : {}),
    });
    return presentActionItem(saved, await peopleById(w.tx, [saved.ownerId]));
  });
}

// ─── Review: reviewers and comments ─────────────────────────────────────────

async function presentReviewers(tx: Tx, postmortemId: string): Promise<{ reviewers: PersonRef[] }> {
  const rows = await tx.postmortemReviewer.findMany({ where: { postmortemId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { userId: true } });
  const people = await peopleById(tx, rows.map((r) => r.userId));
  return { reviewers: rows.flatMap((r) => people.get(r.userId) ?? []) };
}

/**
 * Add a reviewer (a responder or admin: viewers cannot comment). On a private
 * incident the reviewer becomes a member, as role holders do: asking someone to
 * review is sharing it with them. Twice is a 409.
 */
export async function addReviewer(actor: Actor, target: PostmortemTarget, input: ReviewerAddInput) {
  requireRole(actor, "responder");
  const handle = await requirePostmortem(actor, target);
  const { incident, postmortemId } = handle;
  return commitWrite<{ reviewers: PersonRef[] }>(actor, async (w) => {
    const person = await resolvePerson(w.tx, actor.orgId, input.reviewer, "reviewer");
    if (person.role === "viewer") {
      throw new AppError("invalid_input", `@${person.handle} is a viewer and cannot comment: ask an admin to make them a responder first.`, { fields: { reviewer: "is a viewer" } });
    }
    const exists = await w.tx.postmortemReviewer.findUnique({ where: { postmortemId_userId: { postmortemId, userId: person.id } }, select: { id: true } });
    if (exists) throw new AppError("conflict", `@${person.handle} already reviews this postmortem.`, { fields: { reviewer: "already a reviewer" } });
    await w.tx.postmortemReviewer.create({ data: { postmortemId, userId: person.id, addedById: actor.userId } });
    if (incident?.private) await addMember(w.tx, incident.id, person.id);
    await w.audit("postmortem.reviewer_add", "postmortem", postmortemId, { reviewer: person.handle });
    const result = await presentReviewers(w.tx, postmortemId);
    w.events.push({ type: "postmortem.reviewers.changed", ...(await audienceOf(w, handle)), reviewers: result.reviewers });
    return result;
  });
}

export async function removeReviewer(actor: Actor, target: PostmortemTarget, handleOrEmail: string) {
  requireRole(actor, "responder");
  const handle = await requirePostmortem(actor, target);
  const { postmortemId } = handle;
  return commitWrite<{ reviewers: PersonRef[] }>(actor, async (w) => {
    const person = await resolvePerson(w.tx, actor.orgId, handleOrEmail, "user");
    const { count } = await w.tx.postmortemReviewer.deleteMany({ where: { postmortemId, userId: person.id } });
    if (count === 0) throw new AppError("not_found", `@${person.handle} is not a reviewer of this postmortem.`);
    await w.audit("postmortem.reviewer_remove", "postmortem", postmortemId, { reviewer: person.handle });
    const result = await presentReviewers(w.tx, postmortemId);
    w.events.push({ type: "postmortem.reviewers.changed", ...(await audienceOf(w, handle)), reviewers: result.reviewers });
    return result;
  });
}

/** A comment on one section (Markdown). */
export async function addComment(actor: Actor, target: PostmortemTarget, input: CommentCreateInput, opts: { idempotency?: IdempotencyOptions } = {}) {
  requireRole(actor, "responder");
  const handle = await requirePostmortem(actor, target);
  const { postmortemId } = handle;
  return commitWrite<CommentDto>(
    actor,
    async (w) => {
      const section = await w.tx.postmortemSection.findUnique({ where: { postmortemId_key: { postmortemId, key: input.section } }, select: { id: true } });
      if (!section) throw new AppError("invalid_input", `No section ${input.section}.`, { fields: { section: "no such section" } });
      const row = await w.tx.postmortemComment.create({ data: { postmortemId, sectionKey: input.section, authorId: actor.userId, body: input.body } });
      await w.audit("postmortem.comment", "postmortem", postmortemId, { comment: row.id, section: input.section });
      const comment = presentComment(row, new Map([[actor.userId, { handle: actor.handle, name: actor.name }]]));
      w.events.push({ type: "postmortem.comment.saved", ...(await audienceOf(w, handle)), comment });
      return comment;
    },
    opts,
  );
}

/** Resolve (or reopen) a comment. Anyone who may write the postmortem may; who did it is kept. */
export async function setCommentResolved(actor: Actor, target: PostmortemTarget, commentId: string, input: CommentPatchInput) {
  requireRole(actor, "responder");
  const handle = await requirePostmortem(actor, target);
  const { postmortemId } = handle;
  return commitWrite<CommentDto>(actor, async (w) => {
    const row = await w.tx.postmortemComment.findFirst({ where: { id: commentId, postmortemId } });
    if (!row) throw new AppError("not_found", `No comment ${commentId}.`);
    const saved =
      Boolean(row.resolvedAt) === input.resolved
        ? row
        : await w.tx.postmortemComment.update({
            where: { id: commentId },
            data: input.resolved ? { resolvedAt: w.now, resolvedById: actor.userId } : { resolvedAt: null, resolvedById: null },
          });
    const comment = presentComment(saved, await peopleById(w.tx, [saved.authorId, saved.resolvedById]));
    if (saved !== row) {
      await w.audit(input.resolved ? "postmortem.comment_resolve" : "postmortem.comment_reopen", "postmortem", postmortemId, { comment: commentId });
      w.events.push({ type: "postmortem.comment.saved", ...(await audienceOf(w, handle)), comment });
    }
    return comment;
  });
}

// ─── The organization's template ───────────────────────────────────────────

/**
 * Replace the organization's postmortem template (admin) with the version last
 * read (0: it uses the default); stale → 409 with the current version. Only new
 * postmortems use it: existing ones keep the sections they started with.
 */
export async function savePostmortemTemplate(actor: Actor, input: PostmortemTemplatePutInput) {
  requireRole(actor, "admin");
  try {
    return await commitWrite<PostmortemTemplateDto>(actor, async (w) => {
      const sections = input.sections as unknown as Prisma.InputJsonValue;
      if (input.version === 0) {
        // The first save: the unique orgId decides between two admins saving at once (P2002 → 409 below).
        await w.tx.postmortemTemplate.create({ data: { orgId: actor.orgId, sections, updatedById: actor.userId } });
      } else {
        const { count } = await w.tx.postmortemTemplate.updateMany({
          where: { orgId: actor.orgId, version: input.version },
          data: { sections, version: { increment: 1 }, updatedById: actor.userId },
        });
        if (count === 0) throw await staleTemplate(w);
      }
      const saved = await loadPostmortemTemplate(actor, w.tx);
      await w.audit("org.postmortem_template.update", "organization", actor.orgId, { version: saved.version, keys: input.sections.map((s) => s.key) });
      return saved;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw await staleTemplate(null, actor);
    throw error;
  }
}

async function staleTemplate(w: WriteTx | null, actor?: Actor): Promise<AppError> {
  const orgId = w ? w.actor.orgId : actor!.orgId;
  const row = await (w ? w.tx : db()).postmortemTemplate.findUnique({ where: { orgId }, select: { version: true } });
  const current = row?.version ?? 0;
  return new AppError("conflict", `The template changed since you read it (now version ${current}). Reload and try again.`, {
    fields: { version: `stale: the current version is ${current}` },
    details: { version: current },
  });
}
