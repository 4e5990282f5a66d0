"use client";
// Editing a service's alert routing (issue 16, admins): the rules in order (the first that matches takes an alert),
// each with severities, label matchers (one per line, as Alertmanager writes them), what it does, an owner and a hold;
// and the grouping window and labels. Saved in one PUT with the service's version (409 when someone saved first).
// A field the server refuses is shown on its rule.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, useDialog } from "@/components/ui/dialog";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { FormFooter, isStaleVersion, useSubmit } from "@/components/ui/form-kit";
import { ALERT_SEVERITIES } from "@/lib/domain/alerts/normalize";
import { ROUTE_ACTION_WORDS, ROUTE_ACTIONS } from "@/lib/domain/alerts/rules";
import { SEVERITIES } from "@/lib/domain/severity";
import { ApiRequestError, fetchJson } from "@/lib/query/fetch-json";

export interface EditableSettings {
  service: string;
  version: number;
  groupWindowMinutes: number;
  groupingLabels: string[];
  rules: {
    id: string;
    name: string | null;
    severities: string[];
    matchers: string[];
    action: (typeof ROUTE_ACTIONS)[number];
    incidentSeverity: string | null;
    holdSeconds: number;
    owner: { handle: string } | null;
  }[];
}

interface Draft {
  key: string;
  id?: string;
  name: string;
  severities: string[];
  matchers: string;
  action: (typeof ROUTE_ACTIONS)[number];
  incidentSeverity: string;
  holdSeconds: string;
  owner: string;
}

let drafts = 0;
const toDraft = (r: EditableSettings["rules"][number]): Draft => ({
  key: r.id,
  id: r.id,
  name: r.name ?? "",
  severities: r.severities,
  matchers: r.matchers.join("\n"),
  action: r.action,
  incidentSeverity: r.incidentSeverity ?? "SEV2",
  holdSeconds: String(r.holdSeconds),
  owner: r.owner?.handle ?? "",
});
const newDraft = (): Draft => ({ key: `new-${++drafts}`, name: "", severities: ["critical"], matchers: "", action: "open", incidentSeverity: "SEV2", holdSeconds: "0", owner: "" });

/** A rule as the API takes it (lib/domain/alerts/settings.ts routingRuleInputSchema). */
function toInput(d: Draft) {
  return {
    ...(d.id ? { id: d.id } : {}),
    ...(d.name.trim() ? { name: d.name.trim() } : {}),
    severities: d.severities,
    matchers: d.matchers
      .split("\n")
      .map((m) => m.trim())
      .filter(Boolean),
    action: d.action,
    ...(d.action === "open" ? { incidentSeverity: d.incidentSeverity } : {}),
    holdSeconds: Number(d.holdSeconds) || 0,
    owner: d.owner.trim() || null,
  };
}

export function EditRoutingButton({ settings }: { settings: EditableSettings }) {
  const dialog = useDialog();
  return (
    <>
      <Button variant="secondary" onClick={dialog.show}>
        Edit routing
      </Button>
      <Dialog open={dialog.open} onClose={dialog.close} title={`Alert routing of ${settings.service}`} wide>
        <RulesEditor key={dialog.openCount} settings={settings} onDone={dialog.close} />
      </Dialog>
    </>
  );
}

function RulesEditor({ settings, onDone }: { settings: EditableSettings; onDone: () => void }) {
  const router = useRouter();
  const [rules, setRules] = useState<Draft[]>(() => settings.rules.map(toDraft));
  const [windowMinutes, setWindowMinutes] = useState(String(settings.groupWindowMinutes));
  const [labels, setLabels] = useState(settings.groupingLabels.join(", "));
  const { pending, errors, message, run } = useSubmit(["groupWindowMinutes", "groupingLabels"], {
    onError: (e) => {
      if (isStaleVersion(e)) return "Someone saved this service's routing first: close, and edit it again from what they saved.";
      // A rule's refusals are shown on the rule.
      if (e instanceof ApiRequestError && Object.keys(e.fields).some((k) => k.startsWith("rules."))) return "Check the marked rules.";
      return undefined;
    },
  });
  const update = (key: string, patch: Partial<Draft>) => setRules((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const move = (i: number, by: -1 | 1) =>
    setRules((all) => {
      const next = [...all];
      [next[i], next[i + by]] = [next[i + by]!, next[i]!];
      return next;
    });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const ok = await run(async () => {
      await fetchJson(`/api/v1/services/${settings.service}/alert-settings`, {
        method: "PUT",
        json: {
          version: settings.version,
          rules: rules.map(toInput),
          groupWindowMinutes: Number(windowMinutes),
          groupingLabels: labels
            .split(",")
            .map((l) => l.trim())
            .filter(Boolean),
        },
      });
    });
    if (ok) {
      onDone();
      router.refresh();
    }
  }

  /** The server's words for one rule's fields: `rules.2.matchers.0` → on rule 3. */
  const ruleErrors = (i: number) =>
    Object.entries(errors)
      .filter(([k]) => k.startsWith(`rules.${i}.`))
      .map(([k, v]) => `${k.slice(`rules.${i}.`.length).replace(/\.\d+$/, "")}: ${v}`);

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <p className="text-sm text-slate-600 dark:text-slate-400">The first rule that matches takes an alert; an alert no rule matches goes by the defaults.</p>
      <ol className="space-y-2">
        {rules.map((r, i) => (
          <li key={r.key} className="space-y-2 rounded-md border border-slate-200 p-2 dark:border-slate-700" data-rule-draft={i + 1}>
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-sm font-semibold">Rule {i + 1}</span>
              <span className="ml-auto flex gap-1">
                <Button type="button" variant="ghost" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move rule ${i + 1} up`}>
                  ↑
                </Button>
                <Button type="button" variant="ghost" disabled={i === rules.length - 1} onClick={() => move(i, 1)} aria-label={`Move rule ${i + 1} down`}>
                  ↓
                </Button>
                <Button type="button" variant="ghost" onClick={() => setRules((all) => all.filter((x) => x.key !== r.key))} aria-label={`Remove rule ${i + 1}`}>
                  Remove
                </Button>
              </span>
            </div>
            <div className="grid gap-2 sm:grid-cols-2">
              <Field label="Name" htmlFor={`${r.key}-name`}>
                <Input id={`${r.key}-name`} value={r.name} maxLength={100} onChange={(e) => update(r.key, { name: e.target.value })} placeholder="Production pages" />
              </Field>
              <Field label="Owner (handle)" htmlFor={`${r.key}-owner`}>
                <Input id={`${r.key}-owner`} value={r.owner} onChange={(e) => update(r.key, { owner: e.target.value })} placeholder="nobody: flagged" />
              </Field>
            </div>
            <fieldset className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
              <legend className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-300">Severities (none: any)</legend>
              {ALERT_SEVERITIES.map((s) => (
                <label key={s} className="inline-flex min-h-11 items-center gap-1.5">
                  <input
                    type="checkbox"
                    checked={r.severities.includes(s)}
                    onChange={(e) => update(r.key, { severities: e.target.checked ? [...r.severities, s] : r.severities.filter((x) => x !== s) })}
                  />
                  {s}
                </label>
              ))}
            </fieldset>
            <Field label="Labels to match, one per line" htmlFor={`${r.key}-matchers`} hint="env=prod, or team!=db">
              <Textarea id={`${r.key}-matchers`} rows={2} value={r.matchers} onChange={(e) => update(r.key, { matchers: e.target.value })} className="font-mono text-xs" spellCheck={false} />
            </Field>
            <div className="grid gap-2 sm:grid-cols-3">
              <Field label="Then" htmlFor={`${r.key}-action`}>
                <Select id={`${r.key}-action`} value={r.action} onChange={(e) => update(r.key, { action: e.target.value as Draft["action"] })}>
                  {ROUTE_ACTIONS.map((a) => (
                    <option key={a} value={a}>
                      {a}: {ROUTE_ACTION_WORDS[a]}
                    </option>
                  ))}
                </Select>
              </Field>
              {r.action === "open" && (
                <Field label="Incident severity" htmlFor={`${r.key}-sev`}>
                  <Select id={`${r.key}-sev`} value={r.incidentSeverity} onChange={(e) => update(r.key, { incidentSeverity: e.target.value })}>
                    {SEVERITIES.map((s) => (
                      <option key={s} value={s}>
                        {s}
                      </option>
                    ))}
                  </Select>
                </Field>
              )}
              <Field label="Hold (seconds, 0–900)" htmlFor={`${r.key}-hold`}>
                <Input id={`${r.key}-hold`} type="number" inputMode="numeric" min={0} max={900} value={r.holdSeconds} onChange={(e) => update(r.key, { holdSeconds: e.target.value })} />
              </Field>
            </div>
            {ruleErrors(i).map((text) => (
              <p key={text} role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
                {text}
              </p>
            ))}
          </li>
        ))}
      </ol>
      <Button type="button" variant="secondary" onClick={() => setRules((all) => [...all, newDraft()])} disabled={rules.length >= 50}>
        Add a rule
      </Button>
      <div className="grid gap-2 border-t border-slate-200 pt-3 sm:grid-cols-2 dark:border-slate-800">
        <Field label="Grouping window (minutes)" htmlFor="routing-window" error={errors.groupWindowMinutes}>
          <Input id="routing-window" type="number" inputMode="numeric" min={1} max={1440} value={windowMinutes} onChange={(e) => setWindowMinutes(e.target.value)} />
        </Field>
        <Field label="Grouping labels (comma-separated)" htmlFor="routing-labels" error={errors.groupingLabels} hint="alertname, cluster: one incident per value">
          <Input id="routing-labels" value={labels} onChange={(e) => setLabels(e.target.value)} placeholder="alertname, cluster" />
        </Field>
      </div>
      <FormFooter message={message} pending={pending} onCancel={onDone} label="Save routing" pendingLabel="Saving…" keyHint={false} />
    </form>
  );
}
