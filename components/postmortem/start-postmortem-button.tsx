"use client";
// "Start postmortem": creates it pre-filled and opens the editor (one click, no
// detour). Small in a list of incidents; the filled button on a resolved
// incident's page, where it is the next step.
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { useSubmit } from "@/components/ui/form-kit";
import { ApiRequestError, fetchJson } from "@/lib/query/fetch-json";

export function StartPostmortemButton({ incidentRef, size = "small" }: { incidentRef: string; size?: "small" | "primary" }) {
  const router = useRouter();
  const href = `/incidents/${incidentRef}/postmortem`;
  const { pending, message, run } = useSubmit([], { holdAfterSuccess: true });

  async function start() {
    await run(async () => {
      try {
        await fetchJson(`/api/v1/incidents/${encodeURIComponent(incidentRef)}/postmortem`, { method: "POST", json: {} });
      } catch (e) {
        // Someone else started it a moment ago: theirs opens (the editor is shared), nothing is lost.
        if (!(e instanceof ApiRequestError && e.status === 409 && /already/i.test(e.message))) throw e;
      }
      router.push(href);
    });
  }

  const primary = size === "primary";
  return (
    <span className={`flex flex-col gap-1 ${primary ? "items-start" : "items-start sm:items-end"}`}>
      <Button
        type="button"
        variant={primary ? "primary" : "secondary"}
        className={primary ? "min-h-11" : "min-h-8 px-2 text-xs"}
        disabled={pending}
        aria-busy={pending}
        onClick={() => void start()}
        aria-label={primary ? undefined : `Start postmortem of ${incidentRef}`}
        data-testid={primary ? "postmortem-link" : undefined}
      >
        {pending ? "Starting…" : "Start postmortem"}
      </Button>
      {message && (
        <span role="alert" className="text-xs text-red-600 dark:text-red-400">
          {message}
        </span>
      )}
    </span>
  );
}
