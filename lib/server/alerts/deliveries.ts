import "server-only";
// What a service's monitoring senders sent (issue 16), for the admin setting them up: the last 100 deliveries with
// what each did (or why it was refused), one delivery's body as it came, and a test alert sent through a key's own
// path. Incidents the admin cannot see (private ones they are not on) are never named.
import { randomUUID } from "node:crypto";
import { normalizeGeneric, DEFAULT_GENERIC_MAPPING } from "@/lib/domain/alerts/generic";
import { AppError } from "@/lib/domain/errors";
import { incidentRef, parseIncidentRef } from "@/lib/domain/refs";
import type { Actor } from "../actor";
import { db } from "../db";
import { visibleIncidentsWhere } from "../incidents/access";
import { ingestDelivery, ingestKeyById, type AlertOutcome } from "./ingest";
import { serviceOf } from "./service";

export const DELIVERIES_SHOWN = 100;

interface Row {
  id: string;
  receivedAt: Date;
  source: string;
  status: number;
  error: string | null;
  outcome: unknown;
  keyName: string;
  bytes: number;
}

const outcomesOf = (stored: unknown): AlertOutcome[] => (Array.isArray(stored) ? (stored as AlertOutcome[]) : []);

/** The refs among `refs` this person may see. */
async function visibleRefs(actor: Actor, refs: string[]): Promise<Set<string>> {
  const numbers = [...new Set(refs.map((r) => parseIncidentRef(r)).filter((n): n is number => n !== null))];
  if (numbers.length === 0) return new Set();
  const rows = await db().incident.findMany({ where: { AND: [visibleIncidentsWhere(actor), { number: { in: numbers } }] }, select: { number: true } });
  return new Set(rows.map((r) => incidentRef(r.number)));
}

function summarize(outcomes: AlertOutcome[], visible: Set<string>) {
  const count = (t: AlertOutcome["transition"]) => outcomes.filter((o) => o.transition === t).length;
  const refs = [...new Set(outcomes.flatMap((o) => (o.incident ? [o.incident] : [])))];
  return {
    alerts: outcomes.length,
    opened: count("open") + count("rejoin"),
    repeated: count("repeat"),
    acknowledged: count("source_ack"),
    resolved: count("resolve"),
    dropped: count("drop"),
    incidents: refs.filter((r) => visible.has(r)),
  };
}

/** `GET /api/v1/services/{key}/alert-deliveries` (admin): the last 100, newest first, bodies left out. */
export async function listDeliveries(actor: Actor, serviceKey: string) {
  const service = await serviceOf(actor, serviceKey);
  const rows = await db().$queryRaw<Row[]>`
    SELECT d.id, d."receivedAt", d.source, d.status, d.error, d.outcome, k.name AS "keyName", octet_length(d.body)::int AS bytes
    FROM "AlertDelivery" d JOIN "IntegrationKey" k ON k.id = d."integrationKeyId"
    WHERE d."serviceId" = ${service.id}
    ORDER BY d."receivedAt" DESC, d.id DESC
    LIMIT ${DELIVERIES_SHOWN}`;
  const visible = await visibleRefs(actor, rows.flatMap((r) => outcomesOf(r.outcome).flatMap((o) => (o.incident ? [o.incident] : []))));
  return {
    items: rows.map((r) => ({
      id: r.id,
      receivedAt: r.receivedAt.toISOString(),
      source: r.source,
      key: r.keyName,
      status: r.status,
      error: r.error,
      bytes: r.bytes,
      ...summarize(outcomesOf(r.outcome), visible),
    })),
  };
}

/** `GET /api/v1/services/{key}/alert-deliveries/{id}` (admin): one delivery with its body as it came. */
export async function getDelivery(actor: Actor, serviceKey: string, id: string) {
  const service = await serviceOf(actor, serviceKey);
  const row = await db().alertDelivery.findFirst({ where: { id, serviceId: service.id }, include: { integrationKey: { select: { name: true } } } });
  if (!row) throw new AppError("not_found", "No such delivery on this service.");
  const outcomes = outcomesOf(row.outcome);
  const visible = await visibleRefs(actor, outcomes.flatMap((o) => (o.incident ? [o.incident] : [])));
  return {
    id: row.id,
    receivedAt: row.receivedAt.toISOString(),
    source: row.source,
    key: row.integrationKey.name,
    status: row.status,
    error: row.error,
    body: row.body,
    ...summarize(outcomes, visible),
    alertsDone: outcomes.map((o) => ({ identity: o.identity, transition: o.transition, action: o.action ?? null, incident: o.incident && visible.has(o.incident) ? o.incident : null })),
  };
}

/**
 * `POST /api/v1/services/{key}/integration-keys/{id}/test` (admin): an info alert through the key's own path, routed
 * by the service's rules like any other (by the defaults: recorded, nobody paged), so the admin sees it arrive.
 */
export async function sendTestAlert(actor: Actor, serviceKey: string, keyId: string, sender: { ip: string | null; userAgent: string | null }) {
  const service = await serviceOf(actor, serviceKey);
  const key = await ingestKeyById(keyId);
  if (!key || key.serviceId !== service.id) throw new AppError("not_found", "No such integration key on this service.");
  const body = { summary: `Test alert from Conn, sent by @${actor.handle}`, dedup_key: `conn-test-${randomUUID()}`, severity: "info", status: "firing", labels: { conn_test: "true" } };
  const read = normalizeGeneric(body, DEFAULT_GENERIC_MAPPING, randomUUID);
  if (!read.ok) throw new Error(read.reason);
  const outcomes = await ingestDelivery(key, "generic", JSON.stringify(body), read.alerts, sender);
  const visible = await visibleRefs(actor, outcomes.flatMap((o) => (o.incident ? [o.incident] : [])));
  return { sent: body, ...summarize(outcomes, visible), action: outcomes[0]?.action ?? null };
}
