"use client";
// The exec summary for signed-in readers, kept current over the organization's
// socket room (every change to an incident refetches; the summary is one read).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { ConnectionIndicator } from "@/components/incident/live/header";
import { useOrgLive } from "@/lib/client/org-live";
import type { ExecSummary as Summary } from "@/lib/domain/status";
import { ApiRequestError, fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";
import { ExecSummary } from "./exec-summary";

export function ExecSummaryLive({ initial }: { initial: Summary }) {
  const client = useQueryClient();
  const key = queryKeys.execSummary(initial.ref);
  const { data, error } = useQuery({
    queryKey: key,
    queryFn: () => fetchJson<Summary>(`/api/v1/status/${initial.ref}`),
    initialData: initial,
    staleTime: 60_000,
    refetchInterval: 60_000,
    retry: (count, e) => !(e instanceof ApiRequestError && e.status === 404) && count < 3,
  });
  const connection = useOrgLive(() => void client.invalidateQueries({ queryKey: key }));
  // Made private (or deleted) while open: it leaves the exec view at once.
  if (error instanceof ApiRequestError && error.status === 404) {
    return (
      <div className="mx-auto max-w-md space-y-2 py-12 text-center">
        <h1 className="text-xl font-bold">{initial.ref} is no longer on the status page</h1>
        <Link href="/status" className="tap text-sky-700 underline dark:text-sky-400">
          Back to status
        </Link>
      </div>
    );
  }
  return (
    <div className="space-y-3">
      <nav className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm print:hidden">
        <Link href="/status" className="tap text-sky-700 underline dark:text-sky-400">
          ← Status
        </Link>
        <Link href={`/incidents/${data.ref}`} className="tap text-sky-700 underline dark:text-sky-400">
          Full incident page
        </Link>
      </nav>
      <ExecSummary
        summary={data}
        header={
          <span className="print:hidden">
            <ConnectionIndicator connection={connection} />
          </span>
        }
      />
    </div>
  );
}
