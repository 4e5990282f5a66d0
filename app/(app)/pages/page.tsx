import type { Metadata } from "next";
import { PagesBoard } from "@/components/pages/pages-board";
import { hasRole } from "@/lib/server/access";
import { requireActor } from "@/lib/server/current-actor";

export const metadata: Metadata = { title: "Pages" };

// Pages sent to me (open first) or everyone's I can see; `?page=<id>` (the link in a webhook message) highlights one.
export default async function PagesPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requireActor();
  const { page } = await searchParams;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-bold">Pages</h1>
        <p className="text-sm text-slate-500">
          Who was paged, when and why. Acknowledge a page sent to you to stop its escalation; only a person can.
        </p>
      </div>
      <PagesBoard me={actor.handle} canWrite={hasRole(actor, "responder")} highlight={typeof page === "string" ? page : null} />
    </div>
  );
}
