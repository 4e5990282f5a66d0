-- Escalation policies run as escalations that page people step by step.

-- AlterTable
ALTER TABLE "EscalationPolicy" ADD COLUMN "description" TEXT NOT NULL DEFAULT '',
ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE UNIQUE INDEX "EscalationPolicy_orgId_name_key" ON "EscalationPolicy"("orgId", "name");

-- CreateTable
CREATE TABLE "Escalation" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "policyId" TEXT,
    "policyName" TEXT NOT NULL,
    "steps" JSONB NOT NULL,
    "repeat" INTEGER NOT NULL,
    "services" JSONB NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'active',
    "step" INTEGER NOT NULL DEFAULT 0,
    "round" INTEGER NOT NULL DEFAULT 0,
    "nextAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "endedReason" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,

    CONSTRAINT "Escalation_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "Escalation_incidentId_idx" ON "Escalation"("incidentId");
CREATE INDEX "Escalation_status_idx" ON "Escalation"("status");

ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "EscalationPolicy"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AlterTable: pages belong to an organization and, usually, to an escalation.
ALTER TABLE "Page" ADD COLUMN "orgId" TEXT,
ADD COLUMN "escalationId" TEXT,
ADD COLUMN "round" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "via" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN "deliveries" JSONB NOT NULL DEFAULT '[]';
UPDATE "Page" p SET "orgId" = i."orgId" FROM "Incident" i WHERE p."incidentId" = i."id";
DELETE FROM "Page" WHERE "orgId" IS NULL;
ALTER TABLE "Page" ALTER COLUMN "orgId" SET NOT NULL;

CREATE INDEX "Page_orgId_createdAt_idx" ON "Page"("orgId", "createdAt");
CREATE INDEX "Page_escalationId_idx" ON "Page"("escalationId");

ALTER TABLE "Page" ADD CONSTRAINT "Page_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Page" ADD CONSTRAINT "Page_escalationId_fkey" FOREIGN KEY ("escalationId") REFERENCES "Escalation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Page" ADD CONSTRAINT "Page_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Page" ADD CONSTRAINT "Page_acknowledgedById_fkey" FOREIGN KEY ("acknowledgedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "PageNote" (
    "id" TEXT NOT NULL,
    "pageId" TEXT NOT NULL,
    "authorId" TEXT,
    "actorKind" "ActorKind" NOT NULL DEFAULT 'human',
    "tokenId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PageNote_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "PageNote_pageId_createdAt_idx" ON "PageNote"("pageId", "createdAt");
ALTER TABLE "PageNote" ADD CONSTRAINT "PageNote_pageId_fkey" FOREIGN KEY ("pageId") REFERENCES "Page"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PageNote" ADD CONSTRAINT "PageNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "NotificationChannel" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'webhook',
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,

    CONSTRAINT "NotificationChannel_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "NotificationChannel_orgId_idx" ON "NotificationChannel"("orgId");
ALTER TABLE "NotificationChannel" ADD CONSTRAINT "NotificationChannel_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
