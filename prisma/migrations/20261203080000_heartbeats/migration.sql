-- Issue 16: heartbeats (dead-man's switches) per service, each with its own integration key.
CREATE TABLE "Heartbeat" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "intervalMinutes" INTEGER NOT NULL,
    "severity" TEXT NOT NULL DEFAULT 'critical',
    "integrationKeyId" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastPingAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "down" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Heartbeat_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Heartbeat_integrationKeyId_key" ON "Heartbeat"("integrationKeyId");
CREATE UNIQUE INDEX "Heartbeat_serviceId_name_key" ON "Heartbeat"("serviceId", "name");
ALTER TABLE "Heartbeat" ADD CONSTRAINT "Heartbeat_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Heartbeat" ADD CONSTRAINT "Heartbeat_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Heartbeat" ADD CONSTRAINT "Heartbeat_integrationKeyId_fkey" FOREIGN KEY ("integrationKeyId") REFERENCES "IntegrationKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
