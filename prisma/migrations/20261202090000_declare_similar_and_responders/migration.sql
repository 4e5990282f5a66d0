-- Possible duplicates at declare time: open incidents with a similar title (trigram similarity).
-- pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Incident_title_trgm_idx" ON "Incident" USING gin (title gin_trgm_ops);

-- A person who acknowledged a page joins the incident as a responder.
ALTER TABLE "IncidentMember" ADD COLUMN "respondingSince" TIMESTAMP(3);
