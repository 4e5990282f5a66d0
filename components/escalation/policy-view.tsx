"use client";
// One escalation policy: its steps in order with when each fires, what happens
// after the last one, and the services it pages for. Everyone reads; admins
// edit it (with the version they opened) and delete it after saying so once.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Tag } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { ConfirmDeleteButton } from "@/components/ui/confirm-delete";
import { Dialog, useDialog } from "@/components/ui/dialog";
import { describeRepeat, formatDelay, type PolicyDto } from "@/lib/domain/escalation";
import { fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";
import { PolicyForm, type ScheduleOption } from "./policy-form";

const at = (minutes: number) => (minutes === 0 ? "0 min" : formatDelay(minutes));

export function NewPolicyButton({ schedules }: { schedules: ScheduleOption[] }) {
  const dialog = useDialog();
  const router = useRouter();
  return (
    <>
      <Button onClick={dialog.show}>New policy</Button>
      <Dialog open={dialog.open} onClose={dialog.close} title="New escalation policy" wide>
        <PolicyForm
          key={dialog.openCount}
          schedules={schedules}
          onCancel={dialog.close}
          onSaved={(p) => {
            dialog.close();
            router.push(`/escalation-policies/${p.id}`);
          }}
        />
      </Dialog>
    </>
  );
}

export function PolicyView({ initial, canEdit, schedules }: { initial: PolicyDto; canEdit: boolean; schedules: ScheduleOption[] }) {
  const client = useQueryClient();
  const edit = useDialog();
  const { data: policy } = useQuery({
    queryKey: queryKeys.escalationPolicy(initial.id),
    queryFn: () => fetchJson<PolicyDto>(`/api/v1/escalation-policies/${initial.id}`),
    initialData: initial,
    staleTime: 30_000,
  });
  const last = policy.steps.length - 1;

  return (
    <div className="space-y-4">
      <div className="space-y-1 [overflow-wrap:anywhere]">
        <Link href="/escalation-policies" className="text-sm text-slate-500 hover:underline">
          ← Escalation policies
        </Link>
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="mr-auto text-xl font-bold">{policy.name}</h1>
          {canEdit && (
            <>
              <Button variant="secondary" onClick={edit.show}>
                Edit policy
              </Button>
              <DeletePolicyButton policy={policy} />
            </>
          )}
        </div>
        {policy.description && <p className="text-sm text-slate-600 dark:text-slate-400">{policy.description}</p>}
      </div>

      <section aria-label="Steps" className="space-y-3 rounded-lg border border-slate-200 bg-white p-3 [overflow-wrap:anywhere] sm:p-4 dark:border-slate-800 dark:bg-slate-900">
        <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Steps</h2>
        <ol className="space-y-3">
          {policy.steps.map((step, i) => (
            <li key={i} className="flex gap-3" data-step={i + 1}>
              <div className="flex w-16 shrink-0 flex-col items-end text-right">
                <span className="rounded bg-slate-900 px-1.5 py-0.5 text-xs font-semibold text-white dark:bg-slate-100 dark:text-slate-900">{at(step.startsAfterMinutes)}</span>
                <span className="mt-1 text-xs text-slate-500">step {i + 1}</span>
              </div>
              <div className="min-w-0 flex-1 space-y-1 border-l border-slate-200 pl-3 dark:border-slate-700">
                <ul className="space-y-0.5 text-sm">
                  {step.targets.map((t, j) => (
                    <li key={j}>
                      {t.missing ? (
                        <span className="font-semibold text-red-600 dark:text-red-400">{t.kind === "schedule" ? "A deleted schedule" : "A person who left"}: pages nobody</span>
                      ) : t.kind === "schedule" ? (
                        <>
                          Whoever is on call for{" "}
                          <Link href={`/schedules/${t.id}`} className="font-semibold underline">
                            {t.name}
                          </Link>
                        </>
                      ) : (
                        <>
                          <span className="font-semibold">{t.name}</span> <span className="text-slate-500 dark:text-slate-400">@{t.handle}</span>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
                <p className="text-xs text-slate-500 dark:text-slate-400">
                  Unacknowledged after {formatDelay(step.delayMinutes)}:{" "}
                  {i < last ? `step ${i + 2}` : policy.repeat > 0 ? "back to step 1" : "the escalation stops"}
                </p>
              </div>
            </li>
          ))}
        </ol>
        <p className="text-sm" data-testid="policy-repeat">
          The whole policy {describeRepeat(policy.repeat)}
          {policy.repeat > 0 && ` if nobody acknowledges`}.
        </p>
      </section>

      <section aria-label="Services" className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 sm:p-4 dark:border-slate-800 dark:bg-slate-900">
        <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Services using it</h2>
        {policy.services.length === 0 ? (
          <p className="text-sm text-slate-500">None yet: an admin picks it in a service&apos;s edit form.</p>
        ) : (
          <ul className="flex flex-wrap gap-2 text-sm">
            {policy.services.map((s) => (
              <li key={s.key}>
                <Link href={`/services/${s.key}`} title={s.name} className="font-mono hover:underline">
                  <Tag>{s.key}</Tag>
                </Link>
              </li>
            ))}
          </ul>
        )}
        <p className="text-xs text-slate-500 dark:text-slate-400">An incident declared on one of them pages step 1. A change here applies to the next page; a running escalation keeps the steps it started with.</p>
      </section>

      {canEdit && (
        <Dialog open={edit.open} onClose={edit.close} title={`Edit ${policy.name}`} wide>
          <PolicyForm
            key={edit.openCount}
            policy={policy}
            schedules={schedules}
            onCancel={edit.close}
            onSaved={(p) => {
              client.setQueryData(queryKeys.escalationPolicy(p.id), p);
              edit.close();
            }}
          />
        </Dialog>
      )}
    </div>
  );
}

function DeletePolicyButton({ policy }: { policy: PolicyDto }) {
  const n = policy.services.length;
  return (
    <ConfirmDeleteButton what="policy" name={policy.name} url={`/api/v1/escalation-policies/${policy.id}`} then="/escalation-policies">
      {n > 0 ? (
        <>
          <strong>{policy.services.map((s) => s.key).join(", ")}</strong> will page nobody when an incident is declared on {n === 1 ? "it" : "them"} until an
          admin gives {n === 1 ? "it" : "them"} another policy.
        </>
      ) : (
        "No service uses it."
      )}{" "}
      Escalations already running finish with their own copy of the steps. The audit log keeps what it held.
    </ConfirmDeleteButton>
  );
}
