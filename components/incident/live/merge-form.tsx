"use client";
// "Merge into another incident": the same outage declared twice becomes one. The dialog lists the open incidents this
// one may go into (most severe, then oldest, first: usually the one people already work in), says what moves, and
// takes the responder to the one that stays.
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { SeverityBadge, StatusBadge } from "@/components/ui/badges";
import { Field, Textarea } from "@/components/ui/field";
import { ClientValidationError, FormFooter, submitOnModEnter, useSubmit } from "@/components/ui/form-kit";
import { RelativeTime } from "@/components/ui/relative-time";
import type { IncidentStatus } from "@/lib/domain/lifecycle";
import { mergeCandidates } from "@/lib/domain/merge";
import type { Severity } from "@/lib/domain/severity";
import { fetchJson } from "@/lib/query/fetch-json";
import { useIncident } from "./context";
import { useConflictMessage } from "./status-forms";

interface Candidate {
  ref: string;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  private: boolean;
  drill: boolean;
  declaredAt: string;
}

export function MergeForm({ onDone }: { onDone: () => void }) {
  const { view, write } = useIncident();
  const router = useRouter();
  const list = useQuery({ queryKey: ["incidents", "active", "merge"], queryFn: () => fetchJson<{ items: Candidate[] }>("/api/v1/incidents?status=active&limit=200") });
  const candidates = list.data ? mergeCandidates(view, list.data.items) : [];
  const [into, setInto] = useState<string | null>(null);
  const conflict = useConflictMessage();
  const { pending, errors, message, run } = useSubmit(["into", "reason"], { onError: conflict, holdAfterSuccess: true });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "").trim();
    const ok = await run(async () => {
      if (!into) throw new ClientValidationError({ into: "Choose the incident that stays." });
      await write("POST", "/merge", { into, version: view.version, ...(reason ? { reason } : {}) });
    });
    if (ok && into) {
      onDone();
      router.push(`/incidents/${into}`);
    }
  }

  return (
    <form onSubmit={onSubmit} onKeyDown={submitOnModEnter} noValidate className="space-y-3">
      <p className="text-sm">
        The same outage as another incident? {view.ref} is resolved as merged into the one you choose; its alerts, pages, services and people move there, and
        its alerts&apos; next firings join it.
      </p>
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-300">The incident that stays</legend>
        {list.isPending && <p className="text-sm text-slate-500">Loading the open incidents…</p>}
        {list.isError && <p className="text-sm text-red-700 dark:text-red-400">Could not load the open incidents.</p>}
        {list.data && candidates.length === 0 && <p className="text-sm text-slate-500">No other open incident {view.ref} can merge into{view.private ? " (a private incident merges only into a private one)" : " (private incidents are not offered)"}.</p>}
        <div className="grid max-h-72 gap-1 overflow-y-auto">
          {candidates.map((c) => (
            <label
              key={c.ref}
              className={`flex min-h-11 cursor-pointer items-start gap-2 rounded-md border px-2 py-1.5 text-sm ${into === c.ref ? "border-sky-500 bg-sky-50 dark:bg-sky-950" : "border-slate-200 dark:border-slate-700"}`}
            >
              <input id={`merge-${c.ref}`} type="radio" name="into" value={c.ref} checked={into === c.ref} onChange={() => setInto(c.ref)} className="mt-1" />
              <span className="min-w-0 flex-1 [overflow-wrap:anywhere]">
                <span className="flex flex-wrap items-center gap-1.5">
                  <span className="font-mono text-xs text-slate-500">{c.ref}</span>
                  <SeverityBadge severity={c.severity} />
                  <StatusBadge status={c.status} />
                  <RelativeTime at={c.declaredAt} className="text-xs text-slate-500" />
                </span>
                <span className="block">{c.title}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.into && <p className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">{errors.into}</p>}
      </fieldset>
      <Field label="Why (optional)" htmlFor="merge-reason" error={errors.reason}>
        <Textarea id="merge-reason" name="reason" rows={2} maxLength={2000} placeholder="Same checkout outage: alerts opened this one" />
      </Field>
      <FormFooter message={message} pending={pending} onCancel={onDone} label={into ? `Merge ${view.ref} into ${into}` : "Merge"} pendingLabel="Merging…" disabled={!into || candidates.length === 0} />
    </form>
  );
}
