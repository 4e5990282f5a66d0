-- Issue 16: a routing rule's hold (0 to 900 s). A held alert opens and pages nothing until the hold ends, and one
-- resolved within it stays that way and is marked transient.
ALTER TABLE "Alert" ADD COLUMN "heldUntil" TIMESTAMP(3);
ALTER TABLE "Alert" ADD COLUMN "transient" BOOLEAN NOT NULL DEFAULT false;
