"use client";
// Since you last looked (issue 18): the page opens with what others changed while the person was away — from the
// timeline, grouped by what it is about — or, for someone who never opened the incident, the brief from the
// declaration. "Mark as read" puts it away; until then the read marker stays where it was.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ClockTime, RelativeTime } from "@/components/ui/relative-time";
import { useReadMarker } from "@/lib/client/read-marker";
import { DIGEST_TOPIC_LABELS, DIGEST_TOPICS, digestWorthShowing, type Digest, type DigestItem } from "@/lib/domain/digest";
import { useIncident } from "./context";

/** Lines shown per topic before "n earlier". */
const SHOWN_PER_TOPIC = 5;

export function SinceYouLastLooked({ initial }: { initial: Digest | null }) {
  const { view } = useIncident();
  const [digest, setDigest] = useState(() => (initial && digestWorthShowing(initial) ? initial : null));
  const markRead = useReadMarker(view.ref, view.lastSeq, {
    paused: digest !== null,
    onReturn: (next) => (digestWorthShowing(next) ? setDigest(next) : markRead(next.upTo)),
  });
  if (!digest) return null;

  const count = digest.items.length + (digest.latestUpdate ? 1 : 0);
  const done = () => {
    // Everything on the page now has been seen, also what arrived live while the digest was open.
    markRead(view.lastSeq);
    setDigest(null);
  };
  return (
    <section
      aria-labelledby="digest-heading"
      data-testid="digest"
      className="rounded-lg border border-violet-300 bg-violet-50 p-3 dark:border-violet-800 dark:bg-violet-950/40"
    >
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <h2 id="digest-heading" className="text-sm font-semibold uppercase tracking-wide text-violet-900 dark:text-violet-200">
          {digest.firstVisit ? "The story so far" : "Since you last looked"}
        </h2>
        <span className="text-xs text-slate-600 dark:text-slate-400">
          {count} {count === 1 ? "change" : "changes"}
          {digest.lastReadAt && (
            <>
              {" "}
              since you looked <RelativeTime at={digest.lastReadAt} />
            </>
          )}
        </span>
        <Button variant="secondary" className="ml-auto min-h-9 text-xs" onClick={done}>
          Mark as read
        </Button>
      </div>
      <div className="mt-2 space-y-2">
        {DIGEST_TOPICS.map((topic) => {
          const items = digest.items.filter((i) => i.topic === topic);
          return items.length ? <TopicLines key={topic} label={DIGEST_TOPIC_LABELS[topic]} items={items} /> : null;
        })}
        {digest.latestUpdate && (
          <div data-testid="digest-update">
            <h3 className="text-xs font-semibold text-slate-600 dark:text-slate-400">
              Latest update{digest.latestUpdate.author && ` · @${digest.latestUpdate.author.handle}`} · <ClockTime at={digest.latestUpdate.at} />
            </h3>
            <p className="text-sm break-words">
              {digest.latestUpdate.condition}
              {digest.latestUpdate.action && <> — {digest.latestUpdate.action}</>}
              {digest.latestUpdate.need && <> · Need: {digest.latestUpdate.need}</>}
            </p>
          </div>
        )}
      </div>
      {(digest.otherEntries > 0 || digest.truncated) && (
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
          {digest.truncated ? "Only the newest changes are listed; " : ""}
          {digest.otherEntries > 0 && `${digest.otherEntries} other ${digest.otherEntries === 1 ? "entry" : "entries"} (notes, pages, alerts, edits) on the timeline below.`}
        </p>
      )}
    </section>
  );
}

function TopicLines({ label, items }: { label: string; items: DigestItem[] }) {
  const [all, setAll] = useState(false);
  const hidden = all ? 0 : Math.max(0, items.length - SHOWN_PER_TOPIC);
  return (
    <div>
      <h3 className="text-xs font-semibold text-slate-600 dark:text-slate-400">{label}</h3>
      <ul className="space-y-0.5">
        {hidden > 0 && (
          <li>
            <button type="button" className="tap text-xs text-violet-800 underline dark:text-violet-300" onClick={() => setAll(true)}>
              {hidden} earlier
            </button>
          </li>
        )}
        {items.slice(hidden).map((item) => (
          <li key={item.seq} data-testid="digest-item" className="flex gap-2 text-sm">
            <ClockTime at={item.at} className="shrink-0 text-xs leading-5 text-slate-500 dark:text-slate-400" />
            <span className="min-w-0 break-words">
              {item.text}
              {item.since && <span className="text-slate-600 dark:text-slate-400"> (since {item.since})</span>}
              {item.author && item.topic !== "command" && <span className="text-slate-600 dark:text-slate-400"> · @{item.author.handle}</span>}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
