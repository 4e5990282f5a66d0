"use client";
// Subscribe in a calendar app: the feeds take an API token in the URL, since
// calendar apps cannot send headers. One click makes a token named "Calendar
// feed" (revocable under Settings › API tokens) and shows the links once.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, useSubmit } from "@/components/ui/form-kit";
import { fetchJson } from "@/lib/query/fetch-json";

function FeedLink({ label, url }: { label: string; url: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium">{label}</p>
      <div className="flex gap-2">
        <input readOnly value={url} aria-label={label} onFocus={(e) => e.currentTarget.select()} className="min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-xs dark:border-slate-700 dark:bg-slate-950" />
        <Button
          type="button"
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard?.writeText(url).catch(() => {});
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <a className="text-xs text-sky-700 underline dark:text-sky-400" href={url.replace(/^https?:/, "webcal:")}>
        Open in your calendar app
      </a>
    </div>
  );
}

export function CalendarLinks({ scheduleId }: { scheduleId?: string }) {
  const [token, setToken] = useState<string | null>(null);
  const { pending, message, run } = useSubmit([]);
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const withToken = (path: string) => `${origin}${path}?token=${encodeURIComponent(token ?? "")}`;

  return (
    <div className="space-y-3 text-sm">
      <p className="text-slate-600 dark:text-slate-400">
        Subscribe in Google Calendar, Apple Calendar or Outlook: the feed covers 30 days back and 90 days ahead and follows every change.
      </p>
      {token ? (
        <>
          {scheduleId && <FeedLink label="This schedule" url={withToken(`/api/v1/schedules/${scheduleId}/calendar.ics`)} />}
          <FeedLink label="My shifts, across all schedules" url={withToken("/api/v1/users/me/shifts.ics")} />
          <p className="text-xs text-amber-800 dark:text-amber-300">
            These links hold a personal API token that reads what you can read. Keep them private; revoke the token “Calendar feed” under Settings › API tokens to cut them off.
          </p>
        </>
      ) : (
        <Button
          type="button"
          variant="secondary"
          disabled={pending}
          onClick={() =>
            run(async () => {
              const created = await fetchJson<{ token: string }>("/api/v1/tokens", { method: "POST", json: { name: "Calendar feed" } });
              setToken(created.token);
            })
          }
        >
          {pending ? "Creating…" : "Get calendar links"}
        </Button>
      )}
      <FormMessage message={message} />
    </div>
  );
}
