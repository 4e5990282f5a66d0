import "server-only";
// `POST /api/v1/incidents/{ref}/merge { into, version, reason? }` (issue 16): the incident `ref` is merged into `into`.
// One transaction, both incidents locked (in id order, so two merges the other way round wait instead of deadlocking):
// the merged one's alerts, alert groups, escalations and pages, impact samples, services and people move to the one that stays; the
// merged one is resolved with `mergedIntoId`; one `merged` entry on each, published after commit. Its running
// escalations go on paging for the survivor while it is investigating (ended if it is mitigated).
import { AppError } from "@/lib/domain/errors";
import type { IncidentView } from "@/lib/domain/incident-view";
import { timestampsAfter } from "@/lib/domain/lifecycle";
import { mergeProblem, type IncidentMergeInput } from "@/lib/domain/merge";
import { incidentRef } from "@/lib/domain/refs";
import { requireRole } from "../access";
import type { Actor } from "../actor";
import { endEscalations } from "../escalations/engine";
import { commitWrite, staleVersion } from "../write";
import { requireVisibleIncidentId } from "./data";
import { lockedIncidentInclude } from "./incident-write";

export async function mergeIncident(actor: Actor, ref: string, input: IncidentMergeInput) {
  requireRole(actor, "responder");
  const source = await requireVisibleIncidentId(actor, ref);
  // The one that stays must be visible too: a private incident the caller is not on does not exist (404 on `into`).
  const target = await requireVisibleIncidentId(actor, input.into).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") throw new AppError("not_found", `No incident ${input.into.toUpperCase()}.`, { fields: { into: "no such incident" } });
    throw error;
  });
  const { value } = await commitWrite(actor, async (w) => {
    const ids = [source.id, target.id].sort();
    await w.tx.$executeRaw`SELECT 1 FROM "Incident" WHERE id = ANY(${ids}) ORDER BY id FOR UPDATE`;
    const [from, into] = await Promise.all([
      w.tx.incident.findUniqueOrThrow({ where: { id: source.id }, include: lockedIncidentInclude }),
      w.tx.incident.findUniqueOrThrow({ where: { id: target.id }, include: lockedIncidentInclude }),
    ]);
    const side = (i: typeof from) => ({ ref: incidentRef(i.number), status: i.status, private: i.private, drill: i.drill });
    const problem = mergeProblem(side(from), side(into));
    if (problem) throw new AppError(problem.code, problem.message, { fields: { [problem.field]: problem.message } });
    if (from.version !== input.version) throw staleVersion("incident", from.version);

    const moved = { incidentId: into.id };
    const alerts = await w.tx.alert.updateMany({ where: { incidentId: from.id }, data: moved });
    await w.tx.alertGroup.updateMany({ where: { incidentId: from.id }, data: moved });
    await w.tx.escalation.updateMany({ where: { incidentId: from.id }, data: moved });
    const pages = await w.tx.page.updateMany({ where: { incidentId: from.id }, data: moved });
    await w.tx.impactSample.updateMany({ where: { incidentId: from.id }, data: moved });
    // Alert entries still gathering for the merged incident are not written there: its next entry is on the survivor.
    await w.tx.incidentAlertFeed.deleteMany({ where: { incidentId: from.id } });
    const had = new Set(into.services.map((s) => s.serviceId));
    const newServices = from.services.filter((s) => !had.has(s.serviceId));
    await w.tx.incidentService.createMany({ data: newServices.map((s) => ({ incidentId: into.id, serviceId: s.serviceId })), skipDuplicates: true });
    // The people on the merged incident are on the survivor now: members (a private survivor's too) and responders.
    const members = await w.tx.incidentMember.findMany({ where: { incidentId: from.id } });
    await w.tx.incidentMember.createMany({ data: members.map((m) => ({ incidentId: into.id, userId: m.userId, addedAt: m.addedAt, respondingSince: m.respondingSince })), skipDuplicates: true });
    // A mitigated survivor pages nobody: the escalations that came with the merged incident end.
    await endEscalations(w, into, into.status);

    const times = timestampsAfter("resolved", from, w.now);
    const { version } = await w.tx.incident.update({
      where: { id: from.id },
      data: { ...times, status: "resolved", nextUpdateDueAt: null, mergedIntoId: into.id, version: { increment: 1 } },
      select: { version: true },
    });
    const counts = { alerts: alerts.count, pages: pages.count, ...(input.reason ? { reason: input.reason } : {}) };
    const set: Partial<IncidentView> = {
      status: "resolved",
      mitigatedAt: times.mitigatedAt?.toISOString() ?? null,
      resolvedAt: times.resolvedAt?.toISOString() ?? null,
      closedAt: null,
      nextUpdateDueAt: null,
      mergedInto: incidentRef(into.number),
    };
    await w.appendEntry(from, "merged", { direction: "into", other: incidentRef(into.number), otherTitle: into.title, ...counts, set, version });
    let intoVersion = into.version;
    if (newServices.length) {
      ({ version: intoVersion } = await w.tx.incident.update({ where: { id: into.id }, data: { version: { increment: 1 } }, select: { version: true } }));
    }
    const services = [...into.services, ...newServices].map((s) => s.service);
    await w.appendEntry(into, "merged", {
      direction: "from",
      other: incidentRef(from.number),
      otherTitle: from.title,
      ...counts,
      ...(newServices.length ? { set: { services }, version: intoVersion } : {}),
    });
    await w.audit("incident.merge", "incident", from.id, { ref: incidentRef(from.number), into: incidentRef(into.number), alerts: alerts.count, pages: pages.count });
    return { ref: incidentRef(from.number), mergedInto: incidentRef(into.number), version, alerts: alerts.count, pages: pages.count };
  });
  return value;
}
