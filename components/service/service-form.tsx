"use client";
// An admin adds a service to the catalog or edits one: name, owning team, tier,
// description, links (dashboards, runbook, repo), what it depends on and the
// escalation policy that pages for it. Edits carry the version the page was
// rendered with; if someone saved in between, the 409 says so and nothing is lost.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormFooter, isStaleVersion, newIdempotencyKey, useSubmit } from "@/components/ui/form-kit";
import { Dialog, useDialog } from "@/components/ui/dialog";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { fetchJson } from "@/lib/query/fetch-json";

export interface ServiceFormOptions {
  teams: { key: string; name: string }[];
  services: { key: string; name: string }[];
  escalationPolicies: { id: string; name: string }[];
}

/** What the edit form starts from (GET /api/v1/services/{key}). */
export interface EditableService {
  key: string;
  name: string;
  description: string;
  tier: number;
  team: { key: string; name: string } | null;
  links: { label: string; url: string }[];
  dependsOn: { key: string; name: string }[];
  escalationPolicy: { id: string; name: string } | null;
  version: number;
}

const TIERS = [
  { tier: 1, label: "Tier 1: critical, customers notice at once" },
  { tier: 2, label: "Tier 2: important, degraded experience" },
  { tier: 3, label: "Tier 3: internal or best effort" },
];

const reviewConflict = (error: unknown) => (isStaleVersion(error) ? "Someone changed this service since the page loaded: reload, then mark it reviewed." : undefined);

export function NewServiceButton({ options, defaultTeam, openInitially = false }: { options: ServiceFormOptions; defaultTeam?: string; openInitially?: boolean }) {
  const dialog = useDialog();
  const { show } = dialog;
  // Opened by a link (`/services?new=1&team=…` from a team page): once, when the page mounts.
  useEffect(() => {
    if (openInitially) show();
  }, [openInitially, show]);
  return (
    <>
      <Button onClick={dialog.show}>New service</Button>
      <Dialog open={dialog.open} onClose={dialog.close} title="New service" wide>
        <ServiceForm key={dialog.openCount} options={options} defaultTeam={defaultTeam} onDone={dialog.close} />
      </Dialog>
    </>
  );
}

export function EditServiceButton({ service, options }: { service: EditableService; options: ServiceFormOptions }) {
  const dialog = useDialog();
  return (
    <>
      <Button variant="secondary" onClick={dialog.show}>
        Edit service
      </Button>
      <Dialog open={dialog.open} onClose={dialog.close} title={`Edit ${service.key}`} wide>
        <ServiceForm key={dialog.openCount} options={options} service={service} onDone={dialog.close} />
      </Dialog>
    </>
  );
}

/** "We looked at it: owner, runbook, dependencies are right" — stamps lastReviewedAt now. */
export function MarkReviewedButton({ service }: { service: { key: string; version: number } }) {
  const router = useRouter();
  const { pending, message, run } = useSubmit([], { onError: reviewConflict });
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          void run(async () => {
            await fetchJson(`/api/v1/services/${service.key}`, { method: "PATCH", json: { version: service.version, reviewed: true } });
            router.refresh();
          })
        }
      >
        {pending ? "Saving…" : "Mark reviewed"}
      </Button>
      {message && (
        <span role="alert" className="text-sm text-red-600 dark:text-red-400">
          {message}
        </span>
      )}
    </span>
  );
}

interface LinkDraft {
  id: number;
  label: string;
  url: string;
}
let linkSeq = 0;

function ServiceForm({ options, service, defaultTeam, onDone }: { options: ServiceFormOptions; service?: EditableService; defaultTeam?: string; onDone: () => void }) {
  const router = useRouter();
  const editing = service !== undefined;
  const [key, setKey] = useState("SVC-");
  const [name, setName] = useState(service?.name ?? "");
  const [description, setDescription] = useState(service?.description ?? "");
  const [team, setTeam] = useState(service?.team?.key ?? (defaultTeam && options.teams.some((t) => t.key === defaultTeam) ? defaultTeam : ""));
  const [tier, setTier] = useState(String(service?.tier ?? 2));
  const [links, setLinks] = useState<LinkDraft[]>(() => (service?.links ?? []).map((l) => ({ id: ++linkSeq, ...l })));
  const [dependsOn, setDependsOn] = useState<string[]>(() => service?.dependsOn.map((d) => d.key) ?? []);
  const [policy, setPolicy] = useState(service?.escalationPolicy?.id ?? "");
  const [idempotencyKey] = useState(newIdempotencyKey);
  const { pending, errors, message, run } = useSubmit(
    ["key", "name", "team", "tier", "description", "links", "dependsOn", "escalationPolicy", ...links.flatMap((_, i) => [`links.${i}.label`, `links.${i}.url`])],
    {
      onError: (error) =>
        editing && isStaleVersion(error) ? "Someone saved this service since the page loaded. Your changes are still in this form: copy what you need, reload the page and edit again." : undefined,
    },
  );

  const candidates = options.services.filter((s) => s.key !== service?.key);
  const policies = [...options.escalationPolicies, ...(service?.escalationPolicy && !options.escalationPolicies.some((p) => p.id === service.escalationPolicy!.id) ? [service.escalationPolicy] : [])];

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const fields = {
      name,
      description,
      team,
      tier: Number(tier),
      links: links.filter((l) => l.label.trim() || l.url.trim()).map(({ label, url }) => ({ label, url })),
      dependsOn,
      escalationPolicy: policy || null,
    };
    const ok = await run(async () => {
      if (editing) {
        await fetchJson(`/api/v1/services/${service.key}`, { method: "PATCH", json: { version: service.version, ...fields } });
        router.refresh();
      } else {
        const created = await fetchJson<{ key: string }>("/api/v1/services", { method: "POST", json: { key, ...fields }, headers: { "Idempotency-Key": idempotencyKey } });
        router.push(`/services/${created.key}`);
        router.refresh();
      }
    });
    if (ok) onDone();
  }

  const linkError = (i: number, field: "label" | "url") => errors[`links.${i}.${field}`];

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={editing ? `Edit ${service.key}` : "New service"}>
      <div className="grid gap-3 sm:grid-cols-2">
        {!editing && (
          <Field label="Key" htmlFor="service-key" hint="SVC- and a short name, e.g. SVC-CHECKOUT. It cannot change later." error={errors.key}>
            <Input id="service-key" value={key} onChange={(e) => setKey(e.target.value.toUpperCase())} maxLength={50} autoComplete="off" spellCheck={false} className="font-mono" required />
          </Field>
        )}
        <Field label="Name" htmlFor="service-name" error={errors.name}>
          <Input id="service-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} required placeholder="Checkout API" />
        </Field>
        <Field label="Owning team" htmlFor="service-team" error={errors.team}>
          <Select id="service-team" value={team} onChange={(e) => setTeam(e.target.value)} required>
            <option value="" disabled>
              Pick a team
            </option>
            {options.teams.map((t) => (
              <option key={t.key} value={t.key}>
                {t.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Tier" htmlFor="service-tier" error={errors.tier}>
          <Select id="service-tier" value={tier} onChange={(e) => setTier(e.target.value)}>
            {TIERS.map((t) => (
              <option key={t.tier} value={t.tier}>
                {t.label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label="Description" htmlFor="service-description" error={errors.description}>
        <Textarea id="service-description" value={description} onChange={(e) => setDescription(e.target.value)} rows={2} maxLength={2000} placeholder="What it does, who calls it" />
      </Field>

      <fieldset className="min-w-0 space-y-2">
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Links</legend>
        <p className="text-xs text-slate-500 dark:text-slate-400">Dashboards, the runbook (label it “Runbook”: tier 1 needs one), the repository.</p>
        {links.map((l, i) => (
          <div key={l.id} className="grid grid-cols-[minmax(0,1fr)_auto] gap-2 sm:grid-cols-[10rem_minmax(0,1fr)_auto]">
            <Input
              aria-label={`Link ${i + 1} label`}
              aria-invalid={!!linkError(i, "label") || undefined}
              value={l.label}
              maxLength={80}
              placeholder="Runbook"
              onChange={(e) => setLinks((all) => all.map((x) => (x.id === l.id ? { ...x, label: e.target.value } : x)))}
            />
            <Input
              aria-label={`Link ${i + 1} URL`}
              aria-invalid={!!linkError(i, "url") || undefined}
              value={l.url}
              type="url"
              placeholder="https://"
              className="col-span-1 row-start-2 sm:row-start-auto"
              onChange={(e) => setLinks((all) => all.map((x) => (x.id === l.id ? { ...x, url: e.target.value } : x)))}
            />
            <Button type="button" variant="ghost" aria-label={`Remove link ${i + 1}`} onClick={() => setLinks((all) => all.filter((x) => x.id !== l.id))} className="row-span-2 sm:row-span-1">
              ✕
            </Button>
            {(linkError(i, "label") || linkError(i, "url")) && (
              <p role="alert" className="col-span-full text-xs font-medium text-red-600 dark:text-red-400">
                {linkError(i, "label") ?? linkError(i, "url")}
              </p>
            )}
          </div>
        ))}
        {errors.links && <p className="text-xs font-medium text-red-600 dark:text-red-400">{errors.links}</p>}
        <Button type="button" variant="secondary" onClick={() => setLinks((all) => [...all, { id: ++linkSeq, label: all.length === 0 ? "Runbook" : "", url: "" }])} disabled={links.length >= 20}>
          Add a link
        </Button>
      </fieldset>

      <fieldset className="min-w-0 space-y-1">
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Depends on</legend>
        {candidates.length === 0 ? (
          <p className="text-xs text-slate-500">No other services yet.</p>
        ) : (
          <div className="grid max-h-40 gap-1 overflow-y-auto rounded-md border border-slate-200 p-2 sm:grid-cols-2 dark:border-slate-700">
            {candidates.map((s) => (
              <label key={s.key} className="flex min-w-0 items-center gap-2 text-sm" title={s.name}>
                <input
                  type="checkbox"
                  checked={dependsOn.includes(s.key)}
                  onChange={(e) => setDependsOn((all) => (e.target.checked ? [...all, s.key] : all.filter((k) => k !== s.key)))}
                />
                <span className="font-mono">{s.key}</span>
              </label>
            ))}
          </div>
        )}
        {errors.dependsOn && (
          <p role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
            {errors.dependsOn}
          </p>
        )}
      </fieldset>

      <Field
        label="Escalation policy"
        htmlFor="service-policy"
        hint={policies.length === 0 ? "No escalation policies yet: without one, declaring an incident on this service pages nobody." : "Who is paged, and in which order, when an incident names this service."}
        error={errors.escalationPolicy}
      >
        <Select id="service-policy" value={policy} onChange={(e) => setPolicy(e.target.value)}>
          <option value="">None</option>
          {policies.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
      </Field>

      <FormFooter message={message} pending={pending} onCancel={onDone} label={editing ? "Save changes" : "Create service"} pendingLabel="Saving…" keyHint={false} />
    </form>
  );
}
