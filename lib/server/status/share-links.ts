import "server-only";
// Stakeholder share links: a read-only link to one incident's exec summary for
// people without an account. Signed (share-token.ts), expiring, revocable, and
// every view is audit-logged. A private incident is never shared: creating a
// link for one is refused, and a link stops working the moment its incident
// becomes private. Only the current commander or an admin creates links; they,
// or the link's creator, revoke them.
import { AppError } from "@/lib/domain/errors";
import type { PersonRef } from "@/lib/domain/people";
import { incidentRef } from "@/lib/domain/refs";
import { shareLinkState, type ExecSummary, type ShareLinkCreateInput, type ShareLinkList, type ShareLinkView } from "@/lib/domain/status";
import type { Actor } from "../actor";
import { requireRole } from "../access";
import { db } from "../db";
import { requireVisibleIncident } from "../incidents/data";
import { shareSecret, signShareToken, verifyShareToken } from "./share-token";
import { loadExecSummary } from "./data";
import { commitWrite, type IdempotencyOptions } from "../write";

const HOUR_MS = 3_600_000;
export const SHARE_VIEW_ACTION = "share_link.view";
export const SHARE_VIEW_REFUSED_ACTION = "share_link.view_refused";

type Incident = Awaited<ReturnType<typeof requireVisibleIncident>>;

function isCommander(incident: Incident, actor: Actor) {
  return incident.roles.some((r) => r.role === "commander" && r.userId === actor.userId);
}

/** The current commander or an admin: who may create links (the "a commander"). */
export function canManageShareLinks(incident: Incident, actor: Actor) {
  return actor.role === "admin" || (actor.role === "responder" && isCommander(incident, actor));
}

export const shareUrl = (origin: string, id: string, expiresAt: Date) => `${origin}/share/${signShareToken(id, expiresAt, shareSecret())}`;

type LinkRow = { id: string; createdById: string; createdAt: Date; expiresAt: Date; revokedAt: Date | null };

async function presentLinks(rows: LinkRow[], opts: { origin: string; withUrl: boolean; now?: Date }): Promise<ShareLinkView[]> {
  const now = opts.now ?? new Date();
  const ids = rows.map((r) => r.id);
  const [creators, views] = await Promise.all([
    db().user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.createdById))] } }, select: { id: true, handle: true, name: true } }),
    ids.length
      ? db().auditLog.groupBy({ by: ["targetId"], where: { targetType: "share_link", action: SHARE_VIEW_ACTION, targetId: { in: ids } }, _count: { _all: true }, _max: { at: true } })
      : Promise.resolve([]),
  ]);
  const people = new Map<string, PersonRef>(creators.map((u) => [u.id, { handle: u.handle, name: u.name }]));
  const seen = new Map(views.map((v) => [v.targetId, v]));
  return rows.map((r) => {
    const state = shareLinkState(r, now);
    const viewed = seen.get(r.id);
    return {
      id: r.id,
      state,
      createdBy: people.get(r.createdById) ?? null,
      createdAt: r.createdAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      revokedAt: r.revokedAt?.toISOString() ?? null,
      views: viewed?._count._all ?? 0,
      lastViewedAt: viewed?._max.at?.toISOString() ?? null,
      ...(opts.withUrl && state === "active" ? { url: shareUrl(opts.origin, r.id, r.expiresAt) } : {}),
    };
  });
}

/** POST /incidents/{ref}/share-links: a new link, valid for `expiresInHours`. */
export async function createShareLink(actor: Actor, ref: string, input: ShareLinkCreateInput, opts: { origin: string; idempotency?: IdempotencyOptions }) {
  requireRole(actor, "responder");
  const incident = await requireVisibleIncident(actor, ref);
  if (incident.private) throw new AppError("conflict", "Private incidents cannot be shared: only their members may see them.");
  if (!canManageShareLinks(incident, actor)) throw new AppError("forbidden", "Only the incident commander or an admin can create a share link.");
  const result = await commitWrite(
    actor,
    async (w) => {
      // Whole seconds: the token carries the expiry in epoch seconds and must match the row exactly.
      const expiresAt = new Date(Math.floor((w.now.getTime() + input.expiresInHours * HOUR_MS) / 1000) * 1000);
      const row = await w.tx.shareLink.create({ data: { incidentId: incident.id, createdById: actor.userId, expiresAt, createdAt: w.now } });
      await w.audit("share_link.create", "share_link", row.id, { incident: incidentRef(incident.number), expiresAt: expiresAt.toISOString() });
      const [view] = await presentLinks([row], { origin: opts.origin, withUrl: true, now: w.now });
      return view! as ShareLinkView & { url: string };
    },
    { idempotency: opts.idempotency },
  );
  return result;
}

/** GET /incidents/{ref}/share-links: every link of the incident, newest first; URLs only for managers. */
export async function listShareLinks(actor: Actor, ref: string, opts: { origin: string }): Promise<ShareLinkList> {
  const incident = await requireVisibleIncident(actor, ref);
  const canManage = !incident.private && canManageShareLinks(incident, actor);
  const rows = await db().shareLink.findMany({ where: { incidentId: incident.id }, orderBy: { createdAt: "desc" }, take: 100 });
  return { shareable: !incident.private, canManage, items: await presentLinks(rows, { origin: opts.origin, withUrl: canManage }) };
}

/** DELETE /incidents/{ref}/share-links/{id}: the link stops working at once. Revoking twice is a no-op. */
export async function revokeShareLink(actor: Actor, ref: string, id: string, opts: { origin: string }) {
  requireRole(actor, "responder");
  const incident = await requireVisibleIncident(actor, ref);
  const { value } = await commitWrite(actor, async (w) => {
    const row = await w.tx.shareLink.findFirst({ where: { id, incidentId: incident.id } });
    if (!row) throw new AppError("not_found", "No such share link on this incident.");
    if (!canManageShareLinks(incident, actor) && row.createdById !== actor.userId) {
      throw new AppError("forbidden", "Only the incident commander, an admin or the link's creator can revoke it.");
    }
    if (row.revokedAt) return row;
    const updated = await w.tx.shareLink.update({ where: { id }, data: { revokedAt: w.now } });
    await w.audit("share_link.revoke", "share_link", id, { incident: incidentRef(incident.number) });
    return updated;
  });
  const [view] = await presentLinks([value], { origin: opts.origin, withUrl: false });
  return view!;
}

export interface ShareViewer {
  ip: string | null;
  userAgent: string | null;
  forwardedFor?: string | null;
}

export type OpenedShareLink = { ok: true; summary: ExecSummary; expiresAt: string } | { ok: false; reason: "malformed" | "bad_signature" | "unknown" | "expired" | "revoked" | "private" };

/**
 * Opens a share link for an anonymous viewer: signature, then the row (not
 * revoked, not expired, incident still non-private), then the summary. Every
 * view is audit-logged; so is every refused attempt with an authentic token
 * (a forged one names no link we could attribute it to).
 *
 * The audit rows are written directly, not through commitWrite: there is no
 * actor, no incident change, no timeline entry and nothing to publish.
 */
export async function openShareLink(token: string, viewer: ShareViewer, now = new Date()): Promise<OpenedShareLink> {
  const check = verifyShareToken(token, shareSecret(), now);
  if (!check.ok && check.reason !== "expired") return { ok: false, reason: check.reason };
  const row = await db().shareLink.findUnique({
    where: { id: check.id! },
    select: { id: true, expiresAt: true, revokedAt: true, incidentId: true, incident: { select: { orgId: true, number: true, private: true } } },
  });
  // A token for a row that is gone (its incident deleted).
  if (!row) return { ok: false, reason: "unknown" };

  const audit = (action: string, data: Record<string, unknown>) =>
    db().auditLog.create({
      data: {
        orgId: row.incident.orgId,
        actorId: null,
        actorKind: "human",
        action,
        targetType: "share_link",
        targetId: row.id,
        data: { incident: incidentRef(row.incident.number), ...(viewer.forwardedFor ? { forwardedFor: viewer.forwardedFor } : {}), ...data },
        ip: viewer.ip,
        userAgent: viewer.userAgent?.slice(0, 300) ?? null,
        at: now,
      },
    });

  const refusal = row.revokedAt
    ? "revoked"
    : !check.ok || row.expiresAt.getTime() <= now.getTime()
      ? "expired"
      : row.incident.private
        ? "private"
        : // Signed by us but not for this row's expiry: never issued as such.
          Math.floor(row.expiresAt.getTime() / 1000) !== check.exp
          ? "unknown"
          : null;
  if (refusal) {
    await audit(SHARE_VIEW_REFUSED_ACTION, { reason: refusal });
    return { ok: false, reason: refusal };
  }
  const summary = await loadExecSummary({ shareIncidentId: row.incidentId }, incidentRef(row.incident.number), now);
  await audit(SHARE_VIEW_ACTION, {});
  return { ok: true, summary, expiresAt: row.expiresAt.toISOString() };
}
