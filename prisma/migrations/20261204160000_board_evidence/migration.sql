-- Issue 18: ruling out a hypothesis records its evidence (what was checked, by whom, a link), kept while it stays ruled out.
ALTER TABLE "BoardItem" ADD COLUMN "evidence" JSONB;
