import "server-only";
// The incident row, locked for the rest of the transaction: what the paging engine and the alert feed both need
// before they write to an incident on behalf of nobody in particular (a job, a monitoring sender).
import type { IncidentStatus } from "@/lib/domain/lifecycle";
import type { Tx } from "../db";

export interface LockedIncident {
  id: string;
  number: number;
  orgId: string;
  private: boolean;
  drill: boolean;
  status: IncidentStatus;
  title: string;
  severity: string;
}

export async function lockIncident(tx: Tx, id: string): Promise<LockedIncident | null> {
  const rows = await tx.$queryRaw<LockedIncident[]>`
    SELECT id, number, "orgId", private, drill, status::text AS status, title, severity::text AS severity
    FROM "Incident" WHERE id = ${id} FOR UPDATE`;
  return rows[0] ?? null;
}
