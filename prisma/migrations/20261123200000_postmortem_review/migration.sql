-- CreateTable
CREATE TABLE "PostmortemReviewer" (
    "id" TEXT NOT NULL,
    "postmortemId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "addedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PostmortemReviewer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostmortemComment" (
    "id" TEXT NOT NULL,
    "postmortemId" TEXT NOT NULL,
    "sectionKey" TEXT NOT NULL,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,

    CONSTRAINT "PostmortemComment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PostmortemReviewer_postmortemId_userId_key" ON "PostmortemReviewer"("postmortemId", "userId");

-- CreateIndex
CREATE INDEX "PostmortemComment_postmortemId_sectionKey_createdAt_idx" ON "PostmortemComment"("postmortemId", "sectionKey", "createdAt");

-- AddForeignKey
ALTER TABLE "PostmortemReviewer" ADD CONSTRAINT "PostmortemReviewer_postmortemId_fkey" FOREIGN KEY ("postmortemId") REFERENCES "Postmortem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostmortemComment" ADD CONSTRAINT "PostmortemComment_postmortemId_fkey" FOREIGN KEY ("postmortemId") REFERENCES "Postmortem"("id") ON DELETE CASCADE ON UPDATE CASCADE;
