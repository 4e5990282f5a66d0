"use client";
// "New retro": a near miss or a positive retro, no incident needed (PRACTICES.md
// "Positive retros"). Created pre-filled with the questions it asks; the editor
// opens on it.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, inputClass } from "@/components/ui/field";
import { FormMessage, useSubmit } from "@/components/ui/form-kit";
import { POSTMORTEM_TYPE_LABELS, STANDALONE_TYPES } from "@/lib/domain/postmortem/review-types";
import type { PostmortemDto } from "@/lib/domain/postmortem/schemas";
import { fetchJson } from "@/lib/query/fetch-json";

type StandaloneType = (typeof STANDALONE_TYPES)[number];

const TYPE_HINT: Record<StandaloneType, string> = {
  near_miss: "Something almost went wrong: what caught it?",
  positive_retro: "Something went right: how do we make it the default?",
};

export function NewRetro({ services }: { services: { key: string; name: string }[] }) {
  const router = useRouter();
  const [type, setType] = useState<StandaloneType>("near_miss");
  const [title, setTitle] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [filter, setFilter] = useState("");
  // The editor opens on success: stay pending until it does. Services are marked only where their list is shown.
  const { pending, errors, message, run } = useSubmit(services.length ? ["title", "services"] : ["title"], { holdAfterSuccess: true });
  const shown = services.filter((s) => !filter || `${s.key} ${s.name}`.toLowerCase().includes(filter.toLowerCase()));

  async function submit(e: FormEvent) {
    e.preventDefault();
    await run(async () => {
      const pm = await fetchJson<PostmortemDto>("/api/v1/postmortems", { method: "POST", json: { type, title, ...(chosen.length ? { services: chosen } : {}) } });
      router.push(`/postmortems/${pm.id}`);
    });
  }

  const toggle = (key: string) => setChosen((cur) => (cur.includes(key) ? cur.filter((k) => k !== key) : [...cur, key]));

  return (
    <form onSubmit={submit} aria-label="New retro" className="space-y-3">
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Type</legend>
        <div className="flex flex-wrap gap-2">
          {STANDALONE_TYPES.map((t) => (
            <label
              key={t}
              className={`flex min-h-10 cursor-pointer items-center gap-2 rounded-md border px-3 text-sm ${type === t ? "border-slate-900 bg-slate-100 dark:border-slate-100 dark:bg-slate-800" : "border-slate-300 dark:border-slate-700"}`}
            >
              <input type="radio" name="retro-type" value={t} checked={type === t} onChange={() => setType(t)} className="size-4" />
              {POSTMORTEM_TYPE_LABELS[t]}
            </label>
          ))}
        </div>
        <p className="text-xs text-slate-500">{TYPE_HINT[type]}</p>
      </fieldset>
      <Field label="Title" htmlFor="retro-title" error={errors.title}>
        <Input id="retro-title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} placeholder="Disk almost full on db-1" />
      </Field>
      {services.length > 0 && (
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Related services (optional)</legend>
          {services.length > 8 && (
            <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter services" aria-label="Filter services" className={`${inputClass} h-9 py-1`} />
          )}
          <ul className="max-h-48 overflow-auto rounded-md border border-slate-200 p-1 dark:border-slate-700">
            {shown.map((s) => (
              <li key={s.key}>
                <label className="flex min-h-9 cursor-pointer items-center gap-2 rounded px-2 text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
                  <input type="checkbox" checked={chosen.includes(s.key)} onChange={() => toggle(s.key)} className="size-4" />
                  <span className="font-mono text-xs text-slate-500">{s.key}</span>
                  <span className="truncate" title={s.name}>{s.name}</span>
                </label>
              </li>
            ))}
            {shown.length === 0 && <li className="p-2 text-xs text-slate-500">No service matches.</li>}
          </ul>
          {errors.services && (
            <p role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
              {errors.services}
            </p>
          )}
        </fieldset>
      )}
      <FormMessage message={message} />
      <Button type="submit" disabled={pending || !title.trim()} aria-busy={pending}>
        Start {POSTMORTEM_TYPE_LABELS[type].toLowerCase()}
      </Button>
    </form>
  );
}
