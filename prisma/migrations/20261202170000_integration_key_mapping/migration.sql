-- Issue 16: the generic route's JSONPath mapping per key, and the optional HMAC secret Grafana signs its webhooks with.
ALTER TABLE "IntegrationKey" ADD COLUMN "mapping" JSONB;
ALTER TABLE "IntegrationKey" ADD COLUMN "signingSecret" TEXT;
