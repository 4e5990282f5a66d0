"use client";
// "Start postmortem" or "Postmortem · <status>" for an incident: shown once it is
// resolved or closed (a review of an active incident would be written too early).
// Starting is one click: the review is created pre-filled and the editor opens.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button, buttonClass } from "@/components/ui/button";
import { FormMessage, useSubmit } from "@/components/ui/form-kit";
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
  return <StartPostmortemButton incidentRef={incidentRef} href={href} />;
}

function StartPostmortemButton({ incidentRef, href }: { incidentRef: string; href: string }) {
  const router = useRouter();
  // Someone else started it a moment ago: theirs opens (the editor is shared), nothing is lost.
  const { pending, message, run } = useSubmit([], { holdAfterSuccess: true });
  async function start() {
    await run(async () => {
      try {
        await fetchJson(`/api/v1/incidents/${encodeURIComponent(incidentRef)}/postmortem`, { method: "POST", json: {} });
      } catch (error) {
        if (!(error instanceof ApiRequestError && error.status === 409 && /already/i.test(error.message))) throw error;
      }
      router.push(href);
    });
  }
  return (
    <div className="space-y-2">
      <Button onClick={() => void start()} disabled={pending} aria-busy={pending} data-testid="postmortem-link" className="min-h-11">
        {pending ? "Starting the postmortem…" : "Start postmortem"}
      </Button>
      <FormMessage message={message} />
    </div>
  );
}
