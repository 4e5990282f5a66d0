-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "recovery" JSONB NOT NULL DEFAULT '{}';
