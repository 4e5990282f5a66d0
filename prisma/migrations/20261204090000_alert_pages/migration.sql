-- Issue 16: a routing rule's "page only" pages the service's on-call for its alerts without opening an incident.
-- Such an escalation has no incident: its alerts point at it.
ALTER TABLE "Escalation" ALTER COLUMN "incidentId" DROP NOT NULL;
ALTER TABLE "Alert" ADD COLUMN "escalationId" TEXT;
CREATE INDEX "Alert_escalationId_idx" ON "Alert"("escalationId");
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_escalationId_fkey" FOREIGN KEY ("escalationId") REFERENCES "Escalation"("id") ON DELETE SET NULL ON UPDATE CASCADE;
