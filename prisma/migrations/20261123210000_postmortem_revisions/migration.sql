-- CreateTable
CREATE TABLE "PostmortemRevision" (
    "id" TEXT NOT NULL,
    "postmortemId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL,
    "publishedById" TEXT,
    "sections" JSONB NOT NULL,

    CONSTRAINT "PostmortemRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PostmortemRevision_postmortemId_revision_key" ON "PostmortemRevision"("postmortemId", "revision");

-- AddForeignKey
ALTER TABLE "PostmortemRevision" ADD CONSTRAINT "PostmortemRevision_postmortemId_fkey" FOREIGN KEY ("postmortemId") REFERENCES "Postmortem"("id") ON DELETE CASCADE ON UPDATE CASCADE;
