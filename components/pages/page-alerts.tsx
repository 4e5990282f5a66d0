"use client";
// The in-app page: a red bar under the header on every screen while a page to
// me waits for an answer — what, why me, when it escalates — with Acknowledge
// one tap away. Optional sound (off by default; remembered on this device) on
// each new page, and the tab title says so. Shown to responders and admins.
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { SeverityBadge } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { useNow } from "@/components/ui/relative-time";
import { describeVia, type PageDto } from "@/lib/domain/pages";
import type { Severity } from "@/lib/domain/severity";
import { formatDuration } from "@/lib/domain/time";
import { alertCountWords } from "./alert-page";
import { useAcknowledgePage, useMyOpenPages } from "./use-pages";

const SOUND_KEY = "conn.pageSound";

export function PageAlerts() {
  const { pages } = useMyOpenPages();
  const [sound, setSound] = useSoundPreference();
  useAnnounce(pages, sound);
  if (pages.length === 0) return null;
  return (
    <section aria-label="Pages waiting for you" role="alert" className="border-t border-red-800 bg-red-700 text-white print:hidden">
      <ul className="mx-auto max-w-6xl divide-y divide-red-600">
        {pages.map((p) => (
          <PageAlert key={p.id} page={p} />
        ))}
      </ul>
      <div className="mx-auto flex max-w-6xl justify-end px-3 pb-1">
        <button type="button" onClick={() => setSound(!sound)} className="min-h-11 px-2 text-xs underline decoration-red-300 underline-offset-2" aria-pressed={sound}>
          {sound ? "Sound on" : "Sound off"} · change
        </button>
      </div>
    </section>
  );
}

function PageAlert({ page }: { page: PageDto }) {
  const ack = useAcknowledgePage();
  const now = useNow(1000);
  const escalatesAt = page.escalation?.escalatesAt ? new Date(page.escalation.escalatesAt) : null;
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-2 px-3 py-2" data-page={page.id}>
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-2 font-semibold">
          <span>You are paged</span>
          {page.incident && (
            <>
              <Link href={`/incidents/${page.incident.ref}`} className="tap font-mono underline underline-offset-2">
                {page.incident.ref}
              </Link>
              <SeverityBadge severity={page.incident.severity as Severity} />
            </>
          )}
        </p>
        {/* The whole title, wrapped: on a phone at 3 AM a cut title is a guess. */}
        <p className="break-words text-sm text-white [overflow-wrap:anywhere]">{page.incident?.title ?? page.reason}</p>
        {page.alert && (
          <p className="text-xs text-red-50">
            No incident: {alertCountWords(page.alert)} ·{" "}
            <Link href={`/pages?page=${encodeURIComponent(page.id)}`} className="tap font-semibold text-white underline underline-offset-2">
              details, or declare an incident
            </Link>
          </p>
        )}
        <p className="text-xs text-red-50">
          {describeVia(page.via)}
          {page.escalation && ` · ${page.escalation.policy}, step ${page.step + 1}`}
          {escalatesAt && (
            <>
              {" · "}
              <span className="font-semibold tabular-nums text-white">
                {escalatesAt > now ? `escalates in ${formatDuration(escalatesAt.getTime() - now.getTime())}` : "escalating now"}
              </span>
            </>
          )}
        </p>
        {ack.isError && <p className="text-sm font-semibold text-yellow-200">{ack.error.message}</p>}
      </div>
      <Button
        variant="secondary"
        className="min-h-11 w-full !border-white !bg-white !text-red-700 hover:!bg-red-50 sm:w-auto"
        disabled={ack.isPending || ack.isSuccess}
        onClick={() => ack.mutate(page.id)}
      >
        {page.incident ? (ack.isPending || ack.isSuccess ? "Opening the incident…" : "Acknowledge and join") : ack.isPending ? "Acknowledging…" : "Acknowledge"}
      </Button>
    </li>
  );
}

function useSoundPreference(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(false);
  useEffect(() => setOn(localStorage.getItem(SOUND_KEY) === "on"), []);
  return [
    on,
    (next) => {
      localStorage.setItem(SOUND_KEY, next ? "on" : "off");
      setOn(next);
      if (next) beep(); // the click unlocks audio in browsers that need a gesture
    },
  ];
}

/** A new page: the tab title counts open pages; with sound on, two short tones. */
function useAnnounce(pages: PageDto[], sound: boolean) {
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    const ids = pages.map((p) => p.id);
    const fresh = seen.current ? ids.filter((id) => !seen.current!.has(id)) : [];
    seen.current = new Set(ids);
    if (fresh.length && sound) beep();
  }, [pages, sound]);
  useEffect(() => {
    const base = document.title.replace(/^\(\d+\) Paged · /, "");
    document.title = pages.length ? `(${pages.length}) Paged · ${base}` : base;
  }, [pages.length]);
}

function beep() {
  try {
    const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    const ctx = new Ctx();
    [0, 0.25].forEach((offset, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = i === 0 ? 880 : 660;
      gain.gain.setValueAtTime(0.2, ctx.currentTime + offset);
      gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + offset + 0.2);
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + offset);
      osc.stop(ctx.currentTime + offset + 0.22);
    });
    setTimeout(() => void ctx.close(), 1000);
  } catch {
    // no audio: the bar and the title still say it
  }
}

/** "Pages" in the navigation, with how many wait for me. */
export function PagesNavLink({ className }: { className: string }) {
  const { pages } = useMyOpenPages();
  return (
    <Link href="/pages" className={className}>
      Pages
      {pages.length > 0 && (
        <span className="ml-1 rounded-full bg-red-600 px-1.5 py-0.5 text-xs font-bold text-white" aria-label={`${pages.length} waiting for you`}>
          {pages.length}
        </span>
      )}
    </Link>
  );
}
