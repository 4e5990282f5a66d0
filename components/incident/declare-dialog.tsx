"use client";
// Declare an incident in seconds: one short form, reachable from every page and
// by pressing "d". It says who declaring pages (or that nobody will be), and
// lists open incidents that may be this one before a second is opened.
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { FormMessage, KeyHint, newIdempotencyKey, useSubmit } from "@/components/ui/form-kit";
import { PeoplePicker } from "@/components/ui/people-picker";
import { whoWillBePaged, type DeclareOptionsDto } from "@/lib/domain/declare";
import type { PersonRef } from "@/lib/domain/people";
import { SEVERITIES, SEVERITY_LEVELS, PRIORITIES, type Severity } from "@/lib/domain/severity";
import { fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";
import { PossibleDuplicates, ServicePicker } from "./declare-services";

function isTyping(target: EventTarget | null) {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

export function DeclareButton() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [openCount, setOpenCount] = useState(0);

  const open = () => {
    setOpenCount((n) => n + 1);
    dialog.current?.showModal();
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "d" && !e.metaKey && !e.ctrlKey && !e.altKey && !isTyping(e.target) && !dialog.current?.open) {
        e.preventDefault();
        open();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <>
      <Button variant="danger" onClick={open} aria-keyshortcuts="d" title="Declare an incident (d)">
        Declare<span className="hidden sm:inline"> incident</span> <KeyHint k="d" />
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby="declare-title"
        className="m-auto w-full max-w-lg rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-black/50 dark:bg-slate-900 dark:text-slate-100"
      >
        {openCount > 0 && <DeclareForm key={openCount} onCancel={() => dialog.current?.close()} />}
      </dialog>
    </>
  );
}

const FIELDS = ["title", "severity", "summary", "services", "priority", "commander", "blastRadius", "startedAt", "recentChanges", "notify"];

function DeclareForm({ onCancel }: { onCancel: () => void }) {
  const router = useRouter();
  const [title, setTitle] = useState("");
  const [severity, setSeverity] = useState<Severity>("SEV2");
  const [services, setServices] = useState<string[]>([]);
  // Nobody picked: the declarer commands.
  const [commander, setCommander] = useState<PersonRef | null>(null);
  // "Nobody will be paged — declare anyway?" is asked once; the next Declare means yes.
  const [askedNobodyPaged, setAskedNobodyPaged] = useState(false);
  // One key per form: a double submit or a retry after a lost response declares once.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const options = useQuery({ queryKey: queryKeys.declareOptions(), queryFn: ({ signal }) => fetchJson<DeclareOptionsDto>("/api/v1/incidents/declare-options", { signal }) });
  const { pending, errors, message, run } = useSubmit(FIELDS, { holdAfterSuccess: true });
  const drillRef = useRef<HTMLInputElement>(null);
  const nobodyPaged = whoWillBePaged(options.data?.services ?? [], services).length === 0;

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim() || undefined;
    // A drill pages nobody by design; everything else asks once.
    if (nobodyPaged && !askedNobodyPaged && !drillRef.current?.checked && options.isSuccess) {
      setAskedNobodyPaged(true);
      return;
    }
    const startedLocal = text("startedAt");
    const body = {
      title,
      severity,
      priority: text("priority"),
      summary: text("summary"),
      private: form.get("private") === "on",
      drill: form.get("drill") === "on",
      services,
      startedAt: startedLocal ? new Date(startedLocal).toISOString() : undefined,
      blastRadius: text("blastRadius"),
      recentChanges: text("recentChanges"),
      notify: text("notify"),
      commander: commander?.handle,
    };
    await run(async () => {
      const incident = await fetchJson<{ ref: string }>("/api/v1/incidents", { method: "POST", json: body, headers: { "Idempotency-Key": idempotencyKey } });
      router.push(`/incidents/${incident.ref}`);
      onCancel();
    });
  }

  return (
    <form onSubmit={onSubmit} className="flex max-h-[90dvh] flex-col" noValidate>
      <div className="border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <h2 id="declare-title" className="text-lg font-semibold">
          Declare an incident
        </h2>
        <p className="text-xs text-slate-600 dark:text-slate-400">On suspicion, not proof: a false alarm is cheap, a late declaration is not.</p>
      </div>
      <div className="space-y-4 overflow-y-auto px-4 py-4">
        <Field label="What is broken?" htmlFor="declare-title-input" error={errors.title}>
          <Input
            id="declare-title-input"
            name="title"
            required
            maxLength={200}
            autoFocus
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder="Checkout returns 502 for EU customers"
          />
        </Field>
        <PossibleDuplicates title={title} services={services} onJoin={onCancel} />
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-300">Severity (judge at the worst plausible case)</legend>
          <div className="grid gap-1">
            {SEVERITIES.map((s) => (
              <label
                key={s}
                className={`flex cursor-pointer items-start gap-2 rounded-md border px-2 py-1.5 text-sm ${severity === s ? "border-sky-500 bg-sky-50 dark:bg-sky-950" : "border-slate-200 dark:border-slate-700"}`}
              >
                <input type="radio" name="severity" value={s} checked={severity === s} onChange={() => setSeverity(s)} className="mt-1" />
                <span>
                  <span className="font-semibold">{s}</span> <span className="text-slate-600 dark:text-slate-400">· respond {SEVERITY_LEVELS[s].respondWithin}</span>
                  <span className="block text-xs text-slate-600 dark:text-slate-400">{SEVERITY_LEVELS[s].impact}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <ServicePicker
          services={options.data?.services ?? []}
          myTeams={options.data?.myTeams ?? []}
          title={title}
          chosen={services}
          onChange={(keys) => {
            setServices(keys);
            setAskedNobodyPaged(false);
          }}
          loading={options.isLoading}
          error={errors.services}
        />
        <Field label="Summary (optional)" htmlFor="declare-summary" error={errors.summary}>
          <Textarea id="declare-summary" name="summary" rows={2} placeholder="What is known so far" />
        </Field>
        <details className="rounded-md border border-slate-200 px-3 py-2 dark:border-slate-700">
          <summary className="min-h-11 cursor-pointer content-center text-sm font-medium">More: priority, commander, intake questions</summary>
          <div className="mt-3 space-y-4">
            <Field label="Priority" htmlFor="declare-priority" hint="How fast stakeholders need action. Defaults from severity." error={errors.priority}>
              <Select id="declare-priority" name="priority" defaultValue="">
                <option value="">Default ({SEVERITY_LEVELS[severity].defaultPriority})</option>
                {PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Commander" htmlFor="declare-commander" hint="Leave empty to take command yourself." error={errors.commander}>
              <PeoplePicker id="declare-commander" value={commander} onChange={setCommander} invalid={!!errors.commander} clearable placeholder="You" />
            </Field>
            <Field label="Blast radius" htmlFor="declare-blast" error={errors.blastRadius}>
              <Input id="declare-blast" name="blastRadius" placeholder="Who and what is affected" />
            </Field>
            <Field label="When did it start?" htmlFor="declare-started" error={errors.startedAt}>
              <Input id="declare-started" name="startedAt" type="datetime-local" />
            </Field>
            <Field label="What changed recently?" htmlFor="declare-changes" error={errors.recentChanges}>
              <Input id="declare-changes" name="recentChanges" placeholder="Deploys, config, flags, migrations" />
            </Field>
            <Field label="Who else needs to know?" htmlFor="declare-notify" error={errors.notify}>
              <Input id="declare-notify" name="notify" placeholder="Teams, people, customers" />
            </Field>
            <label className="flex min-h-11 items-center gap-2 text-sm">
              <input type="checkbox" name="private" /> Private (security-suspected: only members can see it)
            </label>
            <label className="flex min-h-11 items-center gap-2 text-sm">
              <input type="checkbox" name="drill" ref={drillRef} /> Drill (game day; excluded from metrics, pages nobody)
            </label>
          </div>
        </details>
        <FormMessage message={message} />
      </div>
      {askedNobodyPaged && (
        <p role="alert" className="border-t border-amber-300 bg-amber-50 px-4 py-2 text-sm font-medium text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          Nobody will be paged — declare anyway? Add an affected service to page its on-call.
        </p>
      )}
      <div className="flex justify-end gap-2 border-t border-slate-200 px-4 py-3 dark:border-slate-800">
        <Button type="button" variant="ghost" onClick={onCancel} className="min-h-11">
          Cancel
        </Button>
        <Button type="submit" variant="danger" disabled={pending} aria-busy={pending} className="min-h-11">
          {pending ? "Declaring…" : askedNobodyPaged ? "Declare anyway" : "Declare"}
        </Button>
      </div>
    </form>
  );
}
