"use client";
// Wherever I am in Conn, under the header: an offer of command waiting for my answer (who offers which incident,
// until when, and the way to its briefing), and command taken from me without my acceptance — the same live bar as
// a page. `handover.changed` arrives in my own room; every reconnect refetches, and so does a minute passing.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { SeverityBadge } from "@/components/ui/badges";
import { useNow } from "@/components/ui/relative-time";
import { useLiveRefresh } from "@/lib/client/org-live";
import { TAKE_REASON_WORDS, type TakeReason } from "@/lib/domain/handover";
import type { Severity } from "@/lib/domain/severity";
import { formatDuration } from "@/lib/domain/time";
import { fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";

interface MyHandover {
  id: string;
  from: { handle: string; name: string };
  to: { handle: string; name: string };
  reason: string | null;
  expiresAt: string | null;
  decidedAt: string | null;
  incident: { ref: string; title: string; severity: Severity };
}

const DISMISSED_KEY = "conn.dismissedTaken";

export function HandoverAlerts() {
  const client = useQueryClient();
  useLiveRefresh("handover.changed", () => void client.invalidateQueries({ queryKey: queryKeys.myHandovers() }));
  const { data } = useQuery({
    queryKey: queryKeys.myHandovers(),
    queryFn: ({ signal }) => fetchJson<{ offers: MyHandover[]; taken: MyHandover[] }>("/api/v1/handovers", { signal }),
    refetchInterval: 60_000,
  });
  const [dismissed, setDismissed] = useState<string[]>([]);
  useEffect(() => setDismissed(JSON.parse(localStorage.getItem(DISMISSED_KEY) ?? "[]") as string[]), []);
  const dismiss = (id: string) => {
    const next = [...dismissed, id].slice(-50);
    localStorage.setItem(DISMISSED_KEY, JSON.stringify(next));
    setDismissed(next);
  };
  const pathname = usePathname();
  // On the incident's own page its banner holds the briefing: the bar would only say it twice.
  const offers = (data?.offers ?? []).filter((h) => pathname !== `/incidents/${h.incident.ref}`);
  const taken = (data?.taken ?? []).filter((t) => !dismissed.includes(t.id));
  if (offers.length === 0 && taken.length === 0) return null;
  return (
    <section aria-label="Command handed to you or taken from you" role="alert" className="border-t border-amber-500 bg-amber-300 text-amber-950 print:hidden">
      <ul className="mx-auto max-w-6xl divide-y divide-amber-400">
        {offers.map((h) => (
          <Offer key={h.id} handover={h} />
        ))}
        {taken.map((h) => (
          <li key={h.id} className="flex flex-wrap items-center gap-x-3 gap-y-2 px-3 py-2" data-handover={h.id}>
            <p className="min-w-0 flex-1 text-sm">
              <span className="font-semibold">@{h.to.handle} took command of </span>
              <Link href={`/incidents/${h.incident.ref}`} className="tap font-mono font-semibold underline underline-offset-2">
                {h.incident.ref}
              </Link>{" "}
              <span className="font-semibold">from you without your acceptance</span> ({TAKE_REASON_WORDS[h.reason as TakeReason] ?? h.reason}).{" "}
              <span className="break-words [overflow-wrap:anywhere]">{h.incident.title}</span>
            </p>
            <button type="button" onClick={() => dismiss(h.id)} className="min-h-11 rounded-md border border-amber-800 px-3 text-sm font-semibold hover:bg-amber-200">
              Dismiss
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Offer({ handover: h }: { handover: MyHandover }) {
  const now = useNow(1000);
  const left = h.expiresAt ? new Date(h.expiresAt).getTime() - now.getTime() : 0;
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-2 px-3 py-2" data-handover={h.id}>
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-2 font-semibold">
          <span>@{h.from.handle} offers you command of</span>{" "}
          <span className="font-mono">{h.incident.ref}</span>{" "}
          <SeverityBadge severity={h.incident.severity} />
        </p>
        <p className="break-words text-sm [overflow-wrap:anywhere]">{h.incident.title}</p>
        <p className="text-xs tabular-nums" suppressHydrationWarning>
          {left > 0 ? `The offer expires in ${formatDuration(left)}` : "The offer is expiring"}
        </p>
      </div>
      <Link
        href={`/incidents/${h.incident.ref}#handover`}
        className="inline-flex min-h-11 w-full items-center justify-center rounded-md bg-amber-950 px-4 text-sm font-bold text-amber-50 hover:bg-amber-900 sm:w-auto"
      >
        Read the briefing
      </Link>
    </li>
  );
}
