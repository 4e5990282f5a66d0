-- Related services of a review without an incident (service ids, no foreign key).
ALTER TABLE "Postmortem" ADD COLUMN "serviceIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- The section's prompt, copied from the template it started with.
ALTER TABLE "PostmortemSection" ADD COLUMN "prompt" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "PostmortemTemplate" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "sections" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PostmortemTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PostmortemTemplate_orgId_key" ON "PostmortemTemplate"("orgId");

-- AddForeignKey
ALTER TABLE "PostmortemTemplate" ADD CONSTRAINT "PostmortemTemplate_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
