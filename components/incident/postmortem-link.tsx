"use client";
// "Start postmortem" or "Postmortem · <status>" for an incident: shown once it is
// resolved or closed (a review of an active incident would be written too early).
// Starting is one click: the review is created pre-filled and the editor opens.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { StartPostmortemButton } from "@/components/postmortem/start-postmortem-button";
import { buttonClass } from "@/components/ui/button";
import type { PostmortemDto } from "@/lib/domain/postmortem/schemas";
import { canStartPostmortem, POSTMORTEM_STATUS_LABELS } from "@/lib/domain/postmortem/workflow";
import type { IncidentStatus } from "@/lib/domain/lifecycle";
import { ApiRequestError, fetchJson } from "@/lib/query/fetch-json";

export function PostmortemLink({ incidentRef, status, canWrite }: { incidentRef: string; status: IncidentStatus; canWrite: boolean }) {
  const ready = canStartPostmortem(status);
  const pm = useQuery({
    queryKey: ["postmortem", incidentRef.toUpperCase(), "exists"],
    queryFn: async ({ signal }) => {
      try {
        return await fetchJson<PostmortemDto>(`/api/v1/incidents/${incidentRef}/postmortem`, { signal });
      } catch (error) {
        // No postmortem yet: the link offers to start one.
        if (error instanceof ApiRequestError && error.status === 404) return null;
        throw error;
      }
    },
    enabled: ready,
    staleTime: 30_000,
  });
  if (!ready || pm.isPending || pm.isError) return null;
  const href = `/incidents/${incidentRef}/postmortem`;
  if (pm.data) {
    return (
      <Link href={href} className={buttonClass("secondary")} data-testid="postmortem-link">
        Postmortem · {POSTMORTEM_STATUS_LABELS[pm.data.status]}
      </Link>
    );
  }
  if (!canWrite) return null;
  return <StartPostmortemButton incidentRef={incidentRef} size="primary" />;
}
