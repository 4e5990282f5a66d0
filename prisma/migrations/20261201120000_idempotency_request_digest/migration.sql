-- An Idempotency-Key is bound to its request: method, path and canonical body.
ALTER TABLE "IdempotencyKey" ADD COLUMN "requestDigest" TEXT;
