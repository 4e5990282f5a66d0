-- Issue 18, since you last looked: per person, the last timeline seq seen of each incident.
CREATE TABLE "IncidentRead" (
    "incidentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentRead_pkey" PRIMARY KEY ("incidentId","userId")
);

CREATE INDEX "IncidentRead_userId_idx" ON "IncidentRead"("userId");

ALTER TABLE "IncidentRead" ADD CONSTRAINT "IncidentRead_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "IncidentRead" ADD CONSTRAINT "IncidentRead_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
