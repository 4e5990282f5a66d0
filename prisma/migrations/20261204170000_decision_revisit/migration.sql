-- Issue 18: a decision may come due (revisit at, a rollback trigger and its dashboard), and keeps its latest outcome.
ALTER TABLE "Decision" ADD COLUMN "revisitAt" TIMESTAMP(3),
ADD COLUMN "rollbackTrigger" TEXT,
ADD COLUMN "rollbackLink" TEXT,
ADD COLUMN "outcome" TEXT,
ADD COLUMN "outcomeNote" TEXT,
ADD COLUMN "outcomeAt" TIMESTAMP(3),
ADD COLUMN "outcomeById" TEXT;
