import "server-only";
// A change event (PagerDuty's Change Events format) kept as a change on the key's service, recorded as automation,
// and as a delivery on the service page like any other sender's: one transaction, answered after it commits.
import { CHANGE_EVENT_SOURCE, type ChangeFromEvent } from "@/lib/domain/alerts/change-events";
import { db } from "../db";
import type { IngestKey } from "./ingest";

export async function recordChangeEvent(key: IngestKey, body: string, change: ChangeFromEvent): Promise<{ id: string }> {
  const id = crypto.randomUUID();
  await db().$transaction([
    db().change.create({ data: { id, orgId: key.orgId, serviceId: key.serviceId, ...change, authorId: null, actorKind: "automation" } }),
    db().alertDelivery.create({
      data: { orgId: key.orgId, serviceId: key.serviceId, integrationKeyId: key.id, source: CHANGE_EVENT_SOURCE, body, status: 202 },
    }),
  ]);
  return { id };
}
