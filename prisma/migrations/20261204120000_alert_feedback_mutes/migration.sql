-- Issue 16: alert feedback (useful or noisy, with a note) for the service's alert health, and identities muted for a while.
ALTER TABLE "Alert" ADD COLUMN "feedback" TEXT,
ADD COLUMN "feedbackNote" TEXT,
ADD COLUMN "feedbackById" TEXT,
ADD COLUMN "feedbackAt" TIMESTAMP(3),
ADD COLUMN "muteId" TEXT;
CREATE INDEX "Alert_serviceId_firstSeenAt_idx" ON "Alert"("serviceId", "firstSeenAt");

CREATE TABLE "AlertMute" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "integrationKeyId" TEXT NOT NULL,
    "identity" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    CONSTRAINT "AlertMute_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "AlertMute_integrationKeyId_identity_until_idx" ON "AlertMute"("integrationKeyId", "identity", "until");
CREATE INDEX "AlertMute_orgId_until_idx" ON "AlertMute"("orgId", "until");
ALTER TABLE "AlertMute" ADD CONSTRAINT "AlertMute_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AlertMute" ADD CONSTRAINT "AlertMute_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AlertMute" ADD CONSTRAINT "AlertMute_integrationKeyId_fkey" FOREIGN KEY ("integrationKeyId") REFERENCES "IntegrationKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
