-- Optimistic concurrency for the service catalog and schedules: PATCH with the version last read, a stale one is a 409.
-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Schedule" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;
