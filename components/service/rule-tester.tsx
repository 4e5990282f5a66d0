"use client";
// The routing rule tester (issue 16): paste a payload as the sender posts it and see, per alert, the rule that takes it
// and what Conn would do — before the 3 AM alert finds out. Nothing is stored (POST …/alert-settings/test).
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Select, Textarea } from "@/components/ui/field";
import { ClientValidationError, FormMessage, useSubmit } from "@/components/ui/form-kit";
import { ROUTE_ACTION_WORDS } from "@/lib/domain/alerts/rules";
import type { RuleTestRow } from "@/lib/domain/alerts/tester";
import { fetchJson } from "@/lib/query/fetch-json";

const SOURCES = [
  ["alertmanager", "Alertmanager webhook"],
  ["grafana", "Grafana webhook"],
  ["events_v2", "PagerDuty Events v2"],
  ["opsgenie", "Opsgenie create-alert"],
  ["generic", "Generic JSON"],
] as const;

const EXAMPLE = JSON.stringify(
  { version: "4", status: "firing", alerts: [{ status: "firing", labels: { alertname: "CheckoutErrors", severity: "critical", env: "prod" }, annotations: { summary: "Checkout 5xx above 5%" } }] },
  null,
  2,
);

const card = "min-w-0 space-y-3 rounded-lg border border-slate-200 bg-white p-3 [overflow-wrap:anywhere] dark:border-slate-800 dark:bg-slate-900";

export function RuleTester({ serviceKey }: { serviceKey: string }) {
  const [rows, setRows] = useState<RuleTestRow[] | null>(null);
  const { pending, errors, message, run } = useSubmit(["payload"]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = String(form.get("payload") ?? "");
    // An answer shown beside a payload it was not for would mislead: cleared until the new one comes.
    setRows(null);
    await run(async () => {
      let payload: unknown;
      try {
        payload = JSON.parse(text);
      } catch {
        throw new ClientValidationError({ payload: "Not valid JSON: paste the body exactly as the sender posts it." });
      }
      const result = await fetchJson<{ alerts: RuleTestRow[] }>(`/api/v1/services/${serviceKey}/alert-settings/test`, { method: "POST", json: { source: form.get("source"), payload } });
      setRows(result.alerts);
    });
  }

  // Errors about the payload's own fields ("payload.alerts.0.labels") belong beside the payload.
  const nested = Object.entries(errors).find(([k]) => k.startsWith("payload."));
  const payloadError = errors.payload ?? (nested ? `${nested[0].slice("payload.".length)}: ${nested[1]}` : undefined);
  return (
    <section className={card} aria-label="Try the routing" data-testid="rule-tester">
      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">Try the routing</h2>
      <form onSubmit={onSubmit} noValidate className="space-y-2">
        <Field label="Sent as" htmlFor="rt-source">
          <Select id="rt-source" name="source" defaultValue="alertmanager">
            {SOURCES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Payload, as the sender posts it" htmlFor="rt-payload" error={payloadError}>
          <Textarea id="rt-payload" name="payload" rows={6} defaultValue={EXAMPLE} className="font-mono text-xs" spellCheck={false} />
        </Field>
        {!payloadError && <FormMessage message={message} />}
        <Button type="submit" variant="secondary" disabled={pending}>
          Show what would happen
        </Button>
      </form>
      {rows && (
        <ul className="space-y-1 text-sm" data-testid="rule-test-results">
          {rows.length === 0 && <li className="text-slate-500">No alerts in that payload.</li>}
          {rows.map((r, i) => (
            <li key={`${r.identity}-${i}`} className="rounded border border-slate-200 p-2 dark:border-slate-800">
              <span className="font-medium">{r.summary}</span> <span className="text-xs text-slate-500">({r.severity}{r.action !== "trigger" ? `, ${r.action}` : ""})</span>
              <span className="block">
                → {r.rule ? `Rule ${r.rule.position}${r.rule.name ? ` (${r.rule.name})` : ""}` : `The default for ${r.severity}`}: {ROUTE_ACTION_WORDS[r.route]}
                {r.route === "open" ? ` (${r.incidentSeverity})` : ""}
                {r.holdSeconds > 0 ? `, after a ${r.holdSeconds} s hold` : ""}
                {r.action !== "trigger" ? " — only a trigger is routed; this one acts on an alert already open" : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
