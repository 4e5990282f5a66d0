-- Issue 16: merging incidents. The merged one points at the one it was merged into.
ALTER TABLE "Incident" ADD COLUMN "mergedIntoId" TEXT;
CREATE INDEX "Incident_mergedIntoId_idx" ON "Incident"("mergedIntoId");
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;
