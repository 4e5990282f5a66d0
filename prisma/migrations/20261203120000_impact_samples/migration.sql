-- Issue 16: impact numbers, one sample per delivery of an alert labelled impact="<metric>".
CREATE TABLE "ImpactSample" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "alertId" TEXT,
    CONSTRAINT "ImpactSample_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ImpactSample_incidentId_metric_at_idx" ON "ImpactSample"("incidentId", "metric", "at");
ALTER TABLE "ImpactSample" ADD CONSTRAINT "ImpactSample_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
