import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { ExecSummary } from "@/components/status/exec-summary";
import { LocalTime } from "@/components/status/time";
import { REMOTE_ADDR_HEADER } from "@/lib/server/actor";
import { openShareLink } from "@/lib/server/status/share-links";

export const dynamic = "force-dynamic";

// A stakeholder's read-only view of one incident's exec summary, through a signed link; no
// session needed. Every view is audit-logged. A bad, expired or revoked link, or one whose
// incident has become private, is a 404 with the "expired or revoked" page (not-found.tsx).
export default async function SharedSummaryPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const h = await headers();
  const opened = await openShareLink(token, {
    ip: h.get(REMOTE_ADDR_HEADER),
    userAgent: h.get("user-agent"),
    forwardedFor: process.env.CONN_TRUST_PROXY ? h.get("x-forwarded-for") : null,
  });
  if (!opened.ok) notFound();
  return (
    <div className="space-y-4">
      <ExecSummary summary={opened.summary} />
      <footer className="space-y-1 border-t border-slate-200 pt-3 text-xs text-slate-500 dark:border-slate-800">
        <p>
          A read-only summary shared by the incident team. It shows the state when this page was loaded: reload for the latest.
        </p>
        <p>
          This link works until <LocalTime at={opened.expiresAt} relative /> unless it is revoked earlier. Views are logged.
        </p>
      </footer>
    </div>
  );
}
