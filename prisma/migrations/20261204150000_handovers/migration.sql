-- Issue 18: two-party handover. Command moves only when the incoming person accepts, and one offer waits at a time.
CREATE TYPE "HandoverStatus" AS ENUM ('pending', 'accepted', 'declined', 'expired', 'withdrawn', 'superseded', 'taken');

CREATE TABLE "Handover" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "fromUserId" TEXT NOT NULL,
    "toUserId" TEXT NOT NULL,
    "byUserId" TEXT NOT NULL,
    "status" "HandoverStatus" NOT NULL,
    "briefing" JSONB,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    CONSTRAINT "Handover_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Handover_incidentId_createdAt_idx" ON "Handover"("incidentId", "createdAt");
CREATE INDEX "Handover_toUserId_status_idx" ON "Handover"("toUserId", "status");
CREATE INDEX "Handover_fromUserId_status_decidedAt_idx" ON "Handover"("fromUserId", "status", "decidedAt");
CREATE UNIQUE INDEX "Handover_one_pending_per_incident" ON "Handover"("incidentId") WHERE "status" = 'pending';
ALTER TABLE "Handover" ADD CONSTRAINT "Handover_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Handover" ADD CONSTRAINT "Handover_fromUserId_fkey" FOREIGN KEY ("fromUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Handover" ADD CONSTRAINT "Handover_toUserId_fkey" FOREIGN KEY ("toUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Handover" ADD CONSTRAINT "Handover_byUserId_fkey" FOREIGN KEY ("byUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Command taken without acceptance from an absent commander is shown as taken, never as a handover.
ALTER TABLE "RoleAssignment" ADD COLUMN "taken" BOOLEAN NOT NULL DEFAULT false;
