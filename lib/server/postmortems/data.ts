import "server-only";
// Postmortem and action item reads. A postmortem is as visible as its incident
// (private incidents: members only); so are the action items that came from it.
import { AppError } from "@/lib/domain/errors";
import { isOverdue, missingPreventItem, type ActionItemDto, type ActionItemKind, type ActionItemListQuery, type ActionItemStatus } from "@/lib/domain/postmortem/action-items";
import { exportMarkdown } from "@/lib/domain/postmortem/markdown-export";
import type { CommentDto, CommentListQuery } from "@/lib/domain/postmortem/review";
import type { PostmortemType } from "@/lib/domain/postmortem/review-types";
import { diffLines, type SectionDiffDto } from "@/lib/domain/postmortem/revision-diff";
import type { PostmortemDto, PostmortemListQuery } from "@/lib/domain/postmortem/schemas";
import type { PersonRef } from "@/lib/domain/people";
import { sectionTemplate, type SectionTemplate } from "@/lib/domain/postmortem/sections";
import { canStartPostmortem, postmortemTransitions, type PostmortemStatus } from "@/lib/domain/postmortem/workflow";
import { effectiveTemplate, presentTemplate, type PostmortemTemplateDto } from "@/lib/domain/postmortem/template";
import { incidentRef, parseIncidentRef } from "@/lib/domain/refs";
import type { IncidentStatus } from "@/lib/domain/lifecycle";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { db, type Tx } from "../db";
import { visibleIncidentsWhere } from "../incidents/access";
import { requireVisibleIncident } from "../incidents/data";

type Client = Tx | ReturnType<typeof db>;

export const actionItemInclude = {
  postmortem: { select: { id: true, title: true, type: true, incident: { select: { number: true, title: true, severity: true } } } },
} satisfies Prisma.ActionItemInclude;
export type ActionItemRow = Prisma.ActionItemGetPayload<{ include: typeof actionItemInclude }>;

/** User ids have no relation on sections and action items (a person may leave; the text stays): one query for all. */
export async function peopleById(client: Client, ids: (string | null | undefined)[]): Promise<Map<string, PersonRef>> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (unique.length === 0) return new Map();
  const rows = await client.user.findMany({ where: { id: { in: unique } }, select: { id: true, handle: true, name: true } });
  return new Map(rows.map((u) => [u.id, { handle: u.handle, name: u.name }]));
}

export function presentActionItem(row: ActionItemRow, people: Map<string, PersonRef>, now = new Date()): ActionItemDto {
  const incident = row.postmortem?.incident;
  const dueAt = row.dueAt ? row.dueAt.toISOString() : null;
  return {
    id: row.id,
    title: row.title,
    owner: row.ownerId ? (people.get(row.ownerId) ?? null) : null,
    dueAt,
    priority: row.priority,
    kind: row.kind as ActionItemKind,
    status: row.status as ActionItemStatus,
    statusReason: row.statusReason,
    trackerUrl: row.trackerUrl,
    version: row.version,
    overdue: isOverdue({ status: row.status, dueAt }, now),
    incident: incident ? { ref: incidentRef(incident.number), title: incident.title, severity: incident.severity } : null,
    postmortemId: row.postmortemId,
    postmortem: row.postmortem ? { id: row.postmortem.id, title: row.postmortem.title, type: row.postmortem.type as PostmortemType } : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const postmortemInclude = {
  sections: { orderBy: { position: "asc" } },
  actions: { include: actionItemInclude, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
  incident: {
    select: { number: true, title: true, severity: true, status: true, services: { select: { service: { select: { key: true, name: true } } }, orderBy: { service: { key: "asc" } } } },
  },
  reviewers: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { userId: true } },
  revisions: { orderBy: { revision: "desc" }, take: 1, select: { revision: true } },
} satisfies Prisma.PostmortemInclude;
type PostmortemRow = Prisma.PostmortemGetPayload<{ include: typeof postmortemInclude }>;

export async function presentPostmortem(client: Client, row: PostmortemRow): Promise<PostmortemDto> {
  const people = await peopleById(client, [...row.sections.map((s) => s.updatedById), ...row.actions.map((a) => a.ownerId), ...row.reviewers.map((r) => r.userId)]);
  const related = row.serviceIds.length
    ? await client.service.findMany({ where: { id: { in: row.serviceIds }, orgId: row.orgId }, select: { key: true, name: true }, orderBy: { key: "asc" } })
    : [];
  const status = row.status as PostmortemStatus;
  const actionItems = row.actions.map((a) => presentActionItem(a, people));
  return {
    id: row.id,
    incident: row.incident
      ? { ref: incidentRef(row.incident.number), title: row.incident.title, severity: row.incident.severity, status: row.incident.status }
      : null,
    title: row.title,
    type: row.type as PostmortemType,
    services: row.incident ? row.incident.services.map((s) => s.service) : related,
    status,
    revision: row.revision,
    createdAt: row.createdAt.toISOString(),
    publishedAt: row.publishedAt ? row.publishedAt.toISOString() : null,
    transitions: [...postmortemTransitions(status)],
    sections: row.sections.map((s) => ({
      key: s.key,
      title: s.title,
      prompt: sectionPrompt(s),
      body: s.body,
      position: s.position,
      version: s.version,
      updatedAt: s.updatedAt.toISOString(),
      updatedBy: s.updatedById ? (people.get(s.updatedById) ?? null) : null,
    })),
    actionItems,
    reviewers: row.reviewers.flatMap((r) => people.get(r.userId) ?? []),
    lastPublishedRevision: row.revisions[0]?.revision ?? null,
    missingPreventItem: row.incident ? missingPreventItem(row.incident.severity, actionItems) : false,
  };
}

/** A section's prompt: the one it started with; sections from before templates had one take the default's. */
export function sectionPrompt(section: { key: string; prompt: string }): string {
  return section.prompt || (sectionTemplate(section.key)?.prompt ?? "");
}

/** The postmortem row of a visible incident, or null when none was started. */
export async function findPostmortemRow(client: Client, incidentId: string) {
  return client.postmortem.findUnique({ where: { incidentId }, include: postmortemInclude });
}

export async function findPostmortemRowById(client: Client, id: string) {
  return client.postmortem.findUnique({ where: { id }, include: postmortemInclude });
}

/**
 * Which postmortem: an incident's (by its ref, as under `/incidents/{ref}/postmortem`) or one by
 * its id (`/postmortems/{id}`: near misses and positive retros have no incident). A bare string is a ref.
 */
export type PostmortemTarget = string | { id: string };

export interface PostmortemHandle {
  postmortemId: string;
  incident: { id: string; number: number; orgId: string; private: boolean } | null;
}

/** The postmortem the actor may see, or 404: an incident's is as visible as its incident; one without an incident, to its organization. */
export async function requirePostmortem(actor: Actor, target: PostmortemTarget): Promise<PostmortemHandle> {
  if (typeof target === "string") {
    const incident = await requireVisibleIncident(actor, target);
    const pm = await db().postmortem.findUnique({ where: { incidentId: incident.id }, select: { id: true } });
    if (!pm) throw new AppError("not_found", `${incidentRef(incident.number)} has no postmortem yet.`);
    return { postmortemId: pm.id, incident: { id: incident.id, number: incident.number, orgId: incident.orgId, private: incident.private } };
  }
  const pm = await db().postmortem.findFirst({
    where: { id: target.id, orgId: actor.orgId, OR: [{ incidentId: null }, { incident: visibleIncidentsWhere(actor) }] },
    select: { id: true, incident: { select: { id: true, number: true, orgId: true, private: true } } },
  });
  if (!pm) throw new AppError("not_found", `No postmortem ${target.id}.`);
  return { postmortemId: pm.id, incident: pm.incident };
}

/** For the socket server: the postmortem's id and its incident's ref when the actor may see it, else null (never a reason). */
export async function findVisiblePostmortem(actor: Actor, target: PostmortemTarget): Promise<{ id: string; ref: string | null } | null> {
  try {
    const { postmortemId, incident } = await requirePostmortem(actor, target);
    return { id: postmortemId, ref: incident ? incidentRef(incident.number) : null };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  }
}

/** 404 when the incident is not visible; 404 with `details.canStart` when it has no postmortem yet. */
export async function loadPostmortem(actor: Actor, target: PostmortemTarget): Promise<PostmortemDto> {
  if (typeof target !== "string") {
    const { postmortemId } = await requirePostmortem(actor, target);
    return presentPostmortem(db(), (await findPostmortemRowById(db(), postmortemId))!);
  }
  const ref = target;
  const incident = await requireVisibleIncident(actor, ref);
  const row = await findPostmortemRow(db(), incident.id);
  if (!row) {
    throw new AppError("not_found", `${incidentRef(incident.number)} has no postmortem yet.`, {
      details: { incidentStatus: incident.status, canStart: canStartPostmortem(incident.status as IncidentStatus) },
    });
  }
  return presentPostmortem(db(), row);
}

/** `GET .../postmortem/export.md`: the file name and the whole document. */
export async function exportPostmortem(actor: Actor, target: PostmortemTarget): Promise<{ filename: string; markdown: string }> {
  const pm = await loadPostmortem(actor, target);
  const markdown = exportMarkdown({
    incidentRef: pm.incident?.ref ?? null,
    type: pm.type,
    title: pm.title,
    status: pm.status,
    revision: pm.revision,
    publishedAt: pm.publishedAt,
    sections: pm.sections,
    actionItems: pm.actionItems,
  });
  const name = pm.incident ? `${pm.incident.ref}-postmortem` : `${pm.type.replace(/_/g, "-")}-${pm.id}`;
  return { filename: `${name}-r${pm.revision}.md`, markdown };
}

/** Action items the actor may see: standalone ones, and those of postmortems of incidents visible to them. */
export function visibleActionItemsWhere(actor: Actor): Prisma.ActionItemWhereInput {
  return {
    orgId: actor.orgId,
    OR: [{ postmortemId: null }, { postmortem: { incidentId: null } }, { postmortem: { incident: visibleIncidentsWhere(actor) } }],
  };
}

/** `GET /api/v1/action-items`: across incidents, soonest due first (undated last), filtered by owner, team, overdue, incident, status. */
export async function listActionItems(actor: Actor, query: ActionItemListQuery, now = new Date()): Promise<{ items: ActionItemDto[]; nextCursor: string | null }> {
  const filters: Prisma.ActionItemWhereInput[] = [visibleActionItemsWhere(actor)];
  if (query.owner) {
    const key = query.owner.replace(/^@/, "");
    if (key === "me") filters.push({ ownerId: actor.userId });
    else {
      const user = await db().user.findFirst({
        where: { memberships: { some: { orgId: actor.orgId } }, ...(key.includes("@") ? { email: key } : { handle: key }) },
        select: { id: true },
      });
      filters.push({ ownerId: user?.id ?? "-none-" });
    }
  }
  if (query.team) {
    const members = await db().teamMember.findMany({ where: { team: { orgId: actor.orgId, key: query.team } }, select: { userId: true } });
    filters.push({ ownerId: { in: members.map((m) => m.userId) } });
  }
  if (query.incident) filters.push({ postmortem: { incident: { number: parseIncidentRef(query.incident) ?? -1 } } });
  if (query.postmortem) filters.push({ postmortemId: query.postmortem });
  if (query.status?.length) filters.push({ status: { in: query.status } });
  if (query.overdue === true) filters.push({ status: { in: ["open", "in_progress"] }, dueAt: { lt: now } });
  if (query.overdue === false) filters.push({ NOT: { status: { in: ["open", "in_progress"] }, dueAt: { lt: now } } });

  const offset = query.cursor ? Number(query.cursor) : 0;
  const rows = await db().actionItem.findMany({
    where: { AND: filters },
    orderBy: [{ dueAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }, { id: "asc" }],
    skip: offset,
    take: query.limit + 1,
    include: actionItemInclude,
  });
  const page = rows.slice(0, query.limit);
  const people = await peopleById(db(), page.map((r) => r.ownerId));
  return { items: page.map((r) => presentActionItem(r, people, now)), nextCursor: rows.length > query.limit ? String(offset + query.limit) : null };
}

// ─── Review: comments ───────────────────────────────────────────────────────

type CommentRow = { id: string; sectionKey: string; authorId: string | null; body: string; createdAt: Date; resolvedAt: Date | null; resolvedById: string | null };

export function presentComment(row: CommentRow, people: Map<string, PersonRef>): CommentDto {
  return {
    id: row.id,
    section: row.sectionKey,
    author: row.authorId ? (people.get(row.authorId) ?? null) : null,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    resolvedAt: row.resolvedAt ? row.resolvedAt.toISOString() : null,
    resolvedBy: row.resolvedById ? (people.get(row.resolvedById) ?? null) : null,
  };
}

/** `GET .../postmortem/comments?section=&resolved=`: oldest first, as a conversation reads. */
export async function listComments(actor: Actor, target: PostmortemTarget, query: CommentListQuery): Promise<{ items: CommentDto[] }> {
  const { postmortemId } = await requirePostmortem(actor, target);
  const pm = { id: postmortemId };
  const rows = await db().postmortemComment.findMany({
    where: {
      postmortemId: pm.id,
      ...(query.section ? { sectionKey: query.section } : {}),
      ...(query.resolved === true ? { resolvedAt: { not: null } } : query.resolved === false ? { resolvedAt: null } : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 1000,
  });
  const people = await peopleById(db(), rows.flatMap((r) => [r.authorId, r.resolvedById]));
  return { items: rows.map((r) => presentComment(r, people)) };
}

export interface PostmortemSummaryDto {
  id: string;
  type: PostmortemType;
  title: string;
  status: PostmortemStatus;
  revision: number;
  incident: { ref: string; severity: string } | null;
  createdAt: string;
  publishedAt: string | null;
}

/** `GET /api/v1/postmortems?type=`: the reviews the actor may see, newest first (near misses and retros included). */
export async function listPostmortems(actor: Actor, query: PostmortemListQuery): Promise<{ items: PostmortemSummaryDto[] }> {
  const rows = await db().postmortem.findMany({
    where: { orgId: actor.orgId, ...(query.type ? { type: query.type } : {}), OR: [{ incidentId: null }, { incident: visibleIncidentsWhere(actor) }] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit,
    select: { id: true, type: true, title: true, status: true, revision: true, createdAt: true, publishedAt: true, incident: { select: { number: true, severity: true } } },
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      type: r.type as PostmortemType,
      title: r.title,
      status: r.status as PostmortemStatus,
      revision: r.revision,
      incident: r.incident ? { ref: incidentRef(r.incident.number), severity: r.incident.severity } : null,
      createdAt: r.createdAt.toISOString(),
      publishedAt: r.publishedAt ? r.publishedAt.toISOString() : null,
    })),
  };
}

/**
 * `GET .../sections/{key}/diff?revision=`: the section as published in that
 * revision (default: the latest published) against its text now. 404 when the
 * postmortem was never published or has no such revision or section.
 */
export async function loadSectionDiff(actor: Actor, target: PostmortemTarget, key: string, revision?: number): Promise<SectionDiffDto> {
  const { postmortemId } = await requirePostmortem(actor, target);
  const [snapshot, section] = await Promise.all([
    db().postmortemRevision.findFirst({ where: { postmortemId, ...(revision ? { revision } : {}) }, orderBy: { revision: "desc" } }),
    db().postmortemSection.findUnique({ where: { postmortemId_key: { postmortemId, key } } }),
  ]);
  if (!section) throw new AppError("not_found", `No section ${key}.`);
  if (!snapshot) throw new AppError("not_found", revision ? `Revision ${revision} was never published.` : "This postmortem was never published.");
  const publishedSections = snapshot.sections as Record<string, string>;
  const published = typeof publishedSections[key] === "string" ? publishedSections[key] : "";
  return {
    key,
    revision: snapshot.revision,
    publishedAt: snapshot.publishedAt.toISOString(),
    published,
    current: section.body,
    currentVersion: section.version,
    changed: published !== section.body,
    lines: diffLines(published, section.body),
  };
}

/**
 * The postmortems of these incidents (by number), for the incident list: each
 * one's id and status. The incidents were read with the actor's scope already;
 * the scope is in the where clause again so this never answers more.
 */
export async function postmortemsOfIncidents(actor: Actor, numbers: number[]): Promise<Map<number, { id: string; status: PostmortemStatus }>> {
  if (numbers.length === 0) return new Map();
  const rows = await db().postmortem.findMany({
    where: { orgId: actor.orgId, incident: { AND: [visibleIncidentsWhere(actor), { number: { in: numbers } }] } },
    select: { id: true, status: true, incident: { select: { number: true } } },
  });
  return new Map(rows.map((r) => [r.incident!.number, { id: r.id, status: r.status as PostmortemStatus }]));
}

// ─── The organization's template ────────────────────────────────────────────

/** The sections a new postmortem of the organization starts with (its template, else the default). */
export async function templateSectionsOf(client: Client, orgId: string): Promise<SectionTemplate[]> {
  const row = await client.postmortemTemplate.findUnique({ where: { orgId }, select: { sections: true } });
  return effectiveTemplate(row?.sections ?? null);
}

/** `GET /api/v1/org/postmortem-template`: every role reads it (writers see the prompts in the editor anyway). */
export async function loadPostmortemTemplate(actor: Actor, client: Client = db()): Promise<PostmortemTemplateDto> {
  const row = await client.postmortemTemplate.findUnique({ where: { orgId: actor.orgId } });
  if (!row) return presentTemplate(effectiveTemplate(null), { version: 0, custom: false, updatedAt: null, updatedBy: null });
  const by = row.updatedById ? ((await peopleById(client, [row.updatedById])).get(row.updatedById) ?? null) : null;
  return presentTemplate(effectiveTemplate(row.sections), { version: row.version, custom: true, updatedAt: row.updatedAt.toISOString(), updatedBy: by });
}
