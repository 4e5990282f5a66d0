import "server-only";
// Pages: who was paged, when, why, acknowledged when and by whom. The person
// paged acknowledges; only a human's acknowledgement counts — an automation's
// is kept as a note and changes nothing (the escalation goes on, and it does
// not count in time-to-acknowledge). Webhook delivery is a durable job.
import { AppError } from "@/lib/domain/errors";
import { PERSON_PAGE_DELAY_MINUTES, PERSON_PAGE_TRIES, type IncidentPagingDto, type PageDto, type PageListQuery, type PagePersonInput } from "@/lib/domain/pages";
import { incidentRef, parseIncidentRef } from "@/lib/domain/refs";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { requireRole } from "../access";
import { db } from "../db";
import { visibleIncidentsWhere } from "../incidents/access";
import { configuredPublicOrigin } from "../public-url";
import { commitWrite, type IdempotencyOptions, type WriteTx } from "../write";
import { resolvePerson } from "../incidents/incident-write";
import { requireVisibleIncidentId } from "../incidents/data";
import { lockIncident } from "../incidents/lock";
import { acknowledgeEscalation, pagePersonNow } from "./engine";
import { postJson, resolveWebhookTarget, WebhookError } from "./webhook-target";

/** The alerts a page lists (and a responder may declare from at once); an escalation holding more says "200+". */
const ALERTS_ON_A_PAGE = 200;

const pageInclude = {
  user: { select: { handle: true, name: true } },
  acknowledgedBy: { select: { handle: true, name: true } },
  incident: { select: { number: true, title: true, severity: true, status: true, private: true } },
  escalation: {
    select: {
      id: true,
      policyName: true,
      status: true,
      nextAt: true,
      steps: true,
      repeat: true,
      // A "page only" rule's alerts (none for an incident's escalation until one is declared from it).
      alerts: {
        select: { id: true, status: true, summary: true, severity: true, links: true, service: { select: { key: true, name: true } } },
        orderBy: [{ firstSeenAt: "asc" }, { id: "asc" }],
        take: ALERTS_ON_A_PAGE,
      },
    },
  },
  notes: { orderBy: { createdAt: "asc" }, include: { author: { select: { handle: true, name: true } } } },
} satisfies Prisma.PageInclude;
type PageRow = Prisma.PageGetPayload<{ include: typeof pageInclude }>;

const linksOf = (v: unknown): { label: string; url: string }[] =>
  Array.isArray(v) ? v.filter((l): l is { label: string; url: string } => typeof l?.label === "string" && typeof l?.url === "string").slice(0, 5) : [];

/** A "page only" page's alerts, as the page shows them; null for an incident's page. */
function alertOf(p: PageRow): PageDto["alert"] {
  const alerts = p.escalation?.alerts ?? [];
  const first = alerts[0];
  if (p.incident || !first) return null;
  return {
    id: first.id,
    summary: first.summary,
    severity: first.severity,
    status: first.status,
    service: first.service,
    alerts: alerts.length,
    firing: alerts.filter((a) => a.status !== "resolved").length,
    links: linksOf(first.links),
    alertIds: alerts.map((a) => a.id),
  };
}

export function presentPage(p: PageRow): PageDto {
  return {
    id: p.id,
    incident: p.incident && {
      ref: incidentRef(p.incident.number),
      title: p.incident.title,
      severity: p.incident.severity,
      status: p.incident.status,
      private: p.incident.private,
    },
    user: p.user,
    reason: p.reason,
    step: p.step,
    round: p.round,
    via: p.via,
    createdAt: p.createdAt.toISOString(),
    acknowledgedAt: p.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: p.acknowledgedBy,
    open: !p.acknowledgedAt && p.escalation?.status === "active",
    escalation: p.escalation && {
      id: p.escalation.id,
      policy: p.escalation.policyName,
      status: p.escalation.status,
      escalatesAt: p.escalation.status === "active" ? (p.escalation.nextAt?.toISOString() ?? null) : null,
    },
    alert: alertOf(p),
    notes: p.notes.map((n) => ({ id: n.id, body: n.body, at: n.createdAt.toISOString(), actorKind: n.actorKind, author: n.author })),
    deliveries: p.deliveries,
  };
}

/** The pages an actor may see: their own, those of incidents they can see, and alert pages (no incident: the organization's). */
function visiblePagesWhere(actor: Actor): Prisma.PageWhereInput {
  return { orgId: actor.orgId, OR: [{ userId: actor.userId }, { incidentId: null }, { incident: visibleIncidentsWhere(actor) }] };
}

/** `GET /api/v1/pages`: mine by default (open first), or everyone's. */
export async function listPages(actor: Actor, query: PageListQuery) {
  const where: Prisma.PageWhereInput[] = [visiblePagesWhere(actor)];
  if (query.user === "me") where.push({ userId: actor.userId });
  if (query.open) where.push({ acknowledgedAt: null, escalation: { status: "active" } });
  if (query.incident) where.push({ incident: { number: parseIncidentRef(query.incident) ?? -1 } });
  const rows = await db().page.findMany({ where: { AND: where }, include: pageInclude, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: query.limit });
  return { items: rows.map(presentPage) };
}

async function requireVisiblePage(actor: Actor, id: string): Promise<PageRow> {
  const row = await db().page.findFirst({ where: { AND: [visiblePagesWhere(actor), { id }] }, include: pageInclude });
  if (!row) throw new AppError("not_found", "No such page.");
  return row;
}

export async function loadPage(actor: Actor, id: string): Promise<PageDto> {
  return presentPage(await requireVisiblePage(actor, id));
}

/** `GET /api/v1/incidents/{ref}/pages`: every escalation of the incident, its pages, newest first. */
export async function incidentPaging(actor: Actor, ref: string): Promise<IncidentPagingDto> {
  const number = parseIncidentRef(ref);
  const incident = number === null ? null : await db().incident.findFirst({ where: { AND: [visibleIncidentsWhere(actor), { number }] }, select: { id: true } });
  if (!incident) throw new AppError("not_found", `No incident ${ref.toUpperCase()}.`);
  const escalations = await db().escalation.findMany({
    where: { incidentId: incident.id },
    orderBy: { startedAt: "desc" },
    include: { pages: { include: pageInclude, orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
  });
  return {
    escalations: escalations.map((e) => ({
      id: e.id,
      policy: e.policyName,
      services: e.services as string[],
      status: e.status,
      step: e.step,
      round: e.round,
      escalatesAt: e.status === "active" ? (e.nextAt?.toISOString() ?? null) : null,
      startedAt: e.startedAt.toISOString(),
      endedAt: e.endedAt?.toISOString() ?? null,
      endedReason: e.endedReason,
      pages: e.pages.map(presentPage),
    })),
  };
}

/**
 * `POST /api/v1/pages/{id}/acknowledge`. The person paged, and only a human:
 * an automation's acknowledgement is recorded as a note (202) and the
 * escalation goes on. Acknowledging twice answers the first acknowledgement.
 */
export async function acknowledgePage(actor: Actor, id: string): Promise<{ page: PageDto; acknowledged: boolean }> {
  requireRole(actor, "responder");
  const page = await requireVisiblePage(actor, id);
  if (page.userId !== actor.userId) {
    throw new AppError("forbidden", `This page went to @${page.user.handle}: only they can acknowledge it.`);
  }
  if (actor.kind !== "human") {
    await commitWrite(actor, async (w) => {
      await w.tx.pageNote.create({
        data: {
          pageId: page.id,
          authorId: actor.userId,
          actorKind: actor.kind,
          tokenId: actor.tokenId,
          body: "Acknowledged by an automation token — recorded only: a person must acknowledge; escalation continues.",
        },
      });
      await w.audit("page.acknowledge_refused", "page", page.id, { reason: "automation" });
    });
    return { page: await loadPage(actor, id), acknowledged: false };
  }
  if (page.acknowledgedAt) return { page: presentPage(page), acknowledged: true };
  // Lock order as everywhere: the incident, the escalation, then the page. An alert page may be put on an incident
  // (declared from its alerts) between the read above and the locks: then it is read again and its incident locked.
  for (let attempt = 0; ; attempt++) {
    const incidentId = attempt === 0 ? page.incidentId : ((await db().page.findUnique({ where: { id: page.id }, select: { incidentId: true } }))?.incidentId ?? null);
    const settled = await commitWrite(actor, async (w) => acknowledgeLocked(w, page, incidentId));
    if (settled.value || attempt >= 2) break;
  }
  return { page: await loadPage(actor, id), acknowledged: true };
}

/** The acknowledgement itself, under the locks; false when the page moved to an incident meanwhile (read again). */
async function acknowledgeLocked(w: WriteTx<Actor>, page: PageRow, incidentId: string | null): Promise<boolean> {
  const actor = w.actor;
  if (actor.kind !== "human") return true;
  const incident = incidentId ? await lockIncident(w.tx, incidentId) : null;
  if (page.escalationId) await w.tx.$executeRaw`SELECT 1 FROM "Escalation" WHERE id = ${page.escalationId} FOR UPDATE`;
  const current = await w.tx.page.findUnique({ where: { id: page.id }, select: { incidentId: true } });
  if ((current?.incidentId ?? null) !== incidentId) return false;
  const claimed = await w.tx.page.updateMany({ where: { id: page.id, acknowledgedAt: null }, data: { acknowledgedAt: w.now, acknowledgedById: actor.userId } });
  if (claimed.count === 0) return true;
  if (!incident) {
    // A "page only" alert's page: the escalation stops; there is no incident to join or timeline to write.
    if (page.escalationId) await acknowledgeEscalation(w, null, page.escalationId);
    await w.audit("page.acknowledge", "page", page.id, { alert: page.escalation?.alerts[0]?.id ?? null });
    return true;
  }
  const escalation = page.escalationId ? await acknowledgeEscalation(w, incident, page.escalationId) : null;
  // The first human acknowledgement of an incident is its MTTA mark.
  const first = await w.tx.incident.updateMany({ where: { id: incident.id, acknowledgedAt: null }, data: { acknowledgedAt: w.now } });
  // Acknowledging is joining: the person is on the incident as a responder from now on (and may see it, if private).
  await w.tx.incidentMember.upsert({
    where: { incidentId_userId: { incidentId: incident.id, userId: actor.userId } },
    create: { incidentId: incident.id, userId: actor.userId, respondingSince: w.now },
    update: {},
  });
  const joined = await w.tx.incidentMember.updateMany({ where: { incidentId: incident.id, userId: actor.userId, respondingSince: null }, data: { respondingSince: w.now } });
  // Joined now: a new member row (created responding) or an old one (the declarer's, a private incident's) just marked.
  const fresh = joined.count > 0 || (await w.tx.incidentMember.count({ where: { incidentId: incident.id, userId: actor.userId, respondingSince: w.now } })) > 0;
  await w.appendEntry({ id: incident.id, number: incident.number, orgId: incident.orgId, private: incident.private }, "page_acknowledged", {
    user: actor.handle,
    policy: page.escalation?.policyName ?? null,
    step: page.step,
    round: page.round,
    afterSeconds: Math.round((w.now.getTime() - page.createdAt.getTime()) / 1000),
    stoppedEscalation: Boolean(escalation),
    ...(fresh ? { joined: true, userName: actor.name } : {}),
    ...(first.count ? { set: { acknowledgedAt: w.now.toISOString() } } : {}),
  });
  await w.audit("page.acknowledge", "page", page.id, { ref: incidentRef(incident.number) });
  return true;
}

/**
 * `POST /api/v1/incidents/{ref}/pages`: page one person now, outside any policy ("Page a service or person" when
 * nobody was paged, or a specialist nobody's rotation holds). It runs like a policy of one step that repeats every
 * PERSON_PAGE_DELAY_MINUTES until they answer; the note says why they are needed.
 */
export async function pagePerson(actor: Actor, ref: string, input: PagePersonInput, opts: { idempotency?: IdempotencyOptions } = {}): Promise<IncidentPagingDto> {
  requireRole(actor, "responder");
  const visible = await requireVisibleIncidentId(actor, ref);
  // A retry with the same Idempotency-Key pages nobody twice; the answer is the paging as it is now.
  await commitWrite(actor, async (w) => {
    const incident = await lockIncident(w.tx, visible.id);
    if (!incident) throw new AppError("not_found", `No incident ${ref.toUpperCase()}.`);
    if (incident.drill) throw new AppError("conflict", "A drill pages nobody.");
    if (incident.status !== "investigating") throw new AppError("conflict", `${incidentRef(incident.number)} is ${incident.status}: paging happens while investigating.`);
    const person = await resolvePerson(w.tx, actor.orgId, input.user, "user");
    if (person.role === "viewer") throw new AppError("invalid_input", `@${person.handle} is a viewer and cannot respond.`, { fields: { user: "a viewer cannot be paged" } });
    if (person.id === actor.userId) throw new AppError("invalid_input", "You are already here.", { fields: { user: "is you" } });
    const waiting = await w.tx.page.count({ where: { incidentId: incident.id, userId: person.id, acknowledgedAt: null, escalation: { status: "active" } } });
    if (waiting) throw new AppError("conflict", `@${person.handle} is already being paged for ${incidentRef(incident.number)}.`);
    const pageIds = await pagePersonNow(w, incident, person, { delayMinutes: PERSON_PAGE_DELAY_MINUTES, repeat: PERSON_PAGE_TRIES - 1 });
    if (input.note) {
      for (const pageId of pageIds) await w.tx.pageNote.create({ data: { pageId, authorId: actor.userId, actorKind: actor.kind, tokenId: actor.tokenId, body: input.note } });
    }
  }, opts);
  return incidentPaging(actor, ref);
}

/** `POST /api/v1/pages/{id}/notes`: anyone who can see the page, people and automations alike. */
export async function addPageNote(actor: Actor, id: string, body: string): Promise<PageDto> {
  requireRole(actor, "responder");
  const page = await requireVisiblePage(actor, id);
  await commitWrite(actor, async (w) => {
    await w.tx.pageNote.create({ data: { pageId: page.id, authorId: actor.userId, actorKind: actor.kind, tokenId: actor.tokenId, body } });
    await w.audit("page.note", "page", page.id);
  });
  return loadPage(actor, id);
}

// ─── Webhook delivery (job `page.deliver`) ─────────────────────────────────

const WEBHOOK_TIMEOUT_MS = 10_000;

/** A Slack-compatible message (`text` + `blocks`) plus a `conn` object for other receivers. Never built for a private incident. */
export function webhookMessage(p: PageDto, origin: string) {
  const url = `${origin}/pages?page=${encodeURIComponent(p.id)}`;
  const more = p.alert && p.alert.alerts > 1 ? ` (+${p.alert.alerts - 1} more alert${p.alert.alerts > 2 ? "s" : ""})` : "";
  const what = p.incident ? `${p.incident.ref} ${p.incident.severity}: ${p.incident.title}` : `${p.reason}${more}`;
  const text = `Page for @${p.user.handle}: ${what}. Acknowledge: ${url}`;
  return {
    text,
    blocks: [
      {
        type: "section",
        text: { type: "mrkdwn", text: `*Page for @${p.user.handle}*${p.escalation ? ` — ${p.escalation.policy}, step ${p.step + 1}` : ""}\n${what}` },
      },
      { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Acknowledge in Conn" }, url }] },
    ],
    conn: {
      event: "page.created",
      page: { id: p.id, user: p.user.handle, incident: p.incident?.ref ?? null, alert: p.alert && { id: p.alert.id, service: p.alert.service.key, severity: p.alert.severity, alerts: p.alert.alerts }, step: p.step, round: p.round, createdAt: p.createdAt, url },
    },
  };
}

/** Posts one page to one channel. Throws on failure so the job is retried (with backoff); the URL never reaches a log. */
export async function deliverPage(payload: { pageId: string; channelId: string }) {
  const [row, channel] = await Promise.all([
    db().page.findUnique({ where: { id: payload.pageId }, include: pageInclude }),
    db().notificationChannel.findUnique({ where: { id: payload.channelId } }),
  ]);
  if (!row || !channel || !channel.enabled || channel.orgId !== row.orgId) return;
  const page = presentPage(row);
  if (!page.open || page.incident?.private) return; // answered before it could be delivered; private pages stay in Conn
  const at = new Date().toISOString();
  let outcome: { ok: boolean; status?: number; error?: string };
  const resolved = await resolveWebhookTarget(channel.url);
  if ("refused" in resolved) {
    // Not retried: the URL will not become acceptable by waiting.
    const record = { channel: channel.name, channelId: channel.id, at, ok: false, error: `refused: the URL ${resolved.refused}` };
    await db().$executeRaw`UPDATE "Page" SET deliveries = deliveries || ${JSON.stringify([record])}::jsonb WHERE id = ${row.id}`;
    return;
  }
  try {
    // A job has no request: links use the configured public URL.
    const res = await postJson(resolved.target, webhookMessage(page, configuredPublicOrigin()), WEBHOOK_TIMEOUT_MS);
    outcome = res.status >= 200 && res.status < 300 ? { ok: true, status: res.status } : { ok: false, status: res.status, error: `answered ${res.status}` };
  } catch (error) {
    outcome = { ok: false, error: error instanceof WebhookError ? error.reason : "unreachable" };
  }
  const record = { channel: channel.name, channelId: channel.id, at, ...outcome };
  await db().$executeRaw`UPDATE "Page" SET deliveries = deliveries || ${JSON.stringify([record])}::jsonb WHERE id = ${row.id}`;
  if (!outcome.ok) throw new Error(`webhook ${channel.name}: ${outcome.error}`);
}
