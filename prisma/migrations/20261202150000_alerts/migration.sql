-- Alerts in (issue 16): deliveries as sent, alerts by identity and episode, open groups, coalesced timeline entries.
ALTER TABLE "Service" ADD COLUMN "alertSettings" JSONB NOT NULL DEFAULT '{}';

CREATE TABLE "AlertDelivery" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "integrationKeyId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "body" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "outcome" JSONB NOT NULL DEFAULT '[]',
    "error" TEXT,

    CONSTRAINT "AlertDelivery_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "AlertDelivery_serviceId_receivedAt_idx" ON "AlertDelivery"("serviceId", "receivedAt");
CREATE INDEX "AlertDelivery_integrationKeyId_receivedAt_idx" ON "AlertDelivery"("integrationKeyId", "receivedAt");
ALTER TABLE "AlertDelivery" ADD CONSTRAINT "AlertDelivery_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AlertDelivery" ADD CONSTRAINT "AlertDelivery_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AlertDelivery" ADD CONSTRAINT "AlertDelivery_integrationKeyId_fkey" FOREIGN KEY ("integrationKeyId") REFERENCES "IntegrationKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "integrationKeyId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "identity" TEXT NOT NULL,
    "identityFrom" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "annotations" JSONB NOT NULL DEFAULT '{}',
    "links" JSONB NOT NULL DEFAULT '[]',
    "details" JSONB NOT NULL DEFAULT '{}',
    "groupKey" TEXT,
    "startsAt" TIMESTAMP(3),
    "endsAt" TIMESTAMP(3),
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "occurrences" INTEGER NOT NULL DEFAULT 1,
    "sourceAcknowledgedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "action" TEXT NOT NULL,
    "ruleId" TEXT,
    "incidentId" TEXT,
    "transitions" JSONB NOT NULL DEFAULT '[]',
    "flapping" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Alert_integrationKeyId_identity_firstSeenAt_idx" ON "Alert"("integrationKeyId", "identity", "firstSeenAt");
CREATE INDEX "Alert_incidentId_idx" ON "Alert"("incidentId");
CREATE INDEX "Alert_serviceId_lastSeenAt_idx" ON "Alert"("serviceId", "lastSeenAt");
CREATE INDEX "Alert_orgId_status_lastSeenAt_idx" ON "Alert"("orgId", "status", "lastSeenAt");
-- One live (unresolved) alert per identity: two copies of a delivery can never open two.
CREATE UNIQUE INDEX "Alert_live_identity_key" ON "Alert"("integrationKeyId", "identity") WHERE "status" <> 'resolved';
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_integrationKeyId_fkey" FOREIGN KEY ("integrationKeyId") REFERENCES "IntegrationKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "AlertGroup" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "groupingKey" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "lastAlertAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "AlertGroup_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "AlertGroup_incidentId_idx" ON "AlertGroup"("incidentId");
CREATE INDEX "AlertGroup_serviceId_closedAt_idx" ON "AlertGroup"("serviceId", "closedAt");
-- One open group per service and grouping key, whichever server delivers.
CREATE UNIQUE INDEX "AlertGroup_open_key" ON "AlertGroup"("serviceId", "groupingKey") WHERE "closedAt" IS NULL;
ALTER TABLE "AlertGroup" ADD CONSTRAINT "AlertGroup_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AlertGroup" ADD CONSTRAINT "AlertGroup_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AlertGroup" ADD CONSTRAINT "AlertGroup_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "IncidentAlertFeed" (
    "incidentId" TEXT NOT NULL,
    "lastEntryAt" TIMESTAMP(3),
    "pending" JSONB,

    CONSTRAINT "IncidentAlertFeed_pkey" PRIMARY KEY ("incidentId")
);
ALTER TABLE "IncidentAlertFeed" ADD CONSTRAINT "IncidentAlertFeed_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
