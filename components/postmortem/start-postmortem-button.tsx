"use client";
// "Start postmortem" from a list: creates it pre-filled and opens the editor (one click, no detour).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ApiRequestError, fetchJson } from "@/lib/query/fetch-json";

export function StartPostmortemButton({ incidentRef }: { incidentRef: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const href = `/incidents/${incidentRef}/postmortem`;

  async function start() {
    setBusy(true);
    setError(null);
    try {
      await fetchJson(`/api/v1/incidents/${incidentRef}/postmortem`, { method: "POST", json: {} });
      router.push(href);
    } catch (e) {
      // Someone else started it a moment ago: open theirs.
      if (e instanceof ApiRequestError && e.status === 409 && /already/.test(e.message)) router.push(href);
      else {
        setError(e instanceof Error ? e.message : "Could not start the postmortem.");
        setBusy(false);
      }
    }
  }

  return (
    <span className="flex flex-col items-start gap-1 sm:items-end">
      <Button type="button" variant="secondary" className="min-h-8 px-2 text-xs" disabled={busy} onClick={() => void start()} aria-label={`Start postmortem of ${incidentRef}`}>
        Start postmortem
      </Button>
      {error && (
        <span role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </span>
      )}
    </span>
  );
}
