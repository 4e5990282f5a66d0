"use client";
// The live incident landing page: one source of truth, changed by anyone with
// the right to, seen by everyone at once.
import { useMemo } from "react";
import { PostmortemLink } from "@/components/incident/postmortem-link";
import { ShareLinks } from "@/components/incident/share-links";
import { WhatChanged } from "@/components/incident/what-changed";
import { useIncidentWrite, useLiveIncident, type LiveIncident } from "@/lib/client/live-incident";
import { commanderOf } from "@/lib/domain/incident-view";
import { type PersonRef } from "@/lib/domain/people";
import type { NudgeSettings } from "@/lib/domain/nudges";
import type { Cadence } from "@/lib/domain/cadence";
import type { Digest } from "@/lib/domain/digest";
import { IncidentContext, useIncident, type IncidentContextValue } from "./context";
import { SinceYouLastLooked } from "./digest";
import { ActionBar, DecisionsPanel } from "./forms";
import { ImpactPanel } from "./impact-panel";
import { IncidentLiveHeader } from "./header";
import { LatestUpdate } from "./latest-update";
import { LinksPanel } from "./links";
import { IncidentNudges } from "./nudges";
import { HandoverBanner, RolesPanel } from "./roles";
import { ServicesPanel } from "./services-panel";
import { PagesPanel } from "./pages-panel";
import { RecoveryPanel } from "./status";
import { PinnedEntries, TimelinePanel } from "./timeline";
import { BoardPanel, WorkstreamsPanel } from "./work";

export function IncidentLive({
  initial,
  digest,
  me,
  canWrite: mayWrite,
  isAdmin,
  nudgeSettings,
  cadence,
}: {
  initial: LiveIncident;
  /** What others changed since this person last looked, read when the page was rendered. */
  digest: Digest | null;
  me: PersonRef;
  canWrite: boolean;
  isAdmin: boolean;
  nudgeSettings: NudgeSettings;
  cadence: Cadence;
}) {
  const ref = initial.view.ref;
  const { live, connection, viewers, gone, receive, loadOlder, reload } = useLiveIncident(ref, initial);
  const write = useIncidentWrite(ref, receive);
  // A merged incident is a record: the work goes on in the one it went into, so nothing here offers to write.
  const canWrite = mayWrite && !live.view.mergedInto;
  const context = useMemo<IncidentContextValue>(() => ({ view: live.view, me, canWrite, isAdmin, write, reload, cadence }), [live.view, me, canWrite, isAdmin, write, reload, cadence]);

  if (gone) {
    return (
      <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-4 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
        {ref} is no longer available to you.
      </p>
    );
  }
  return (
    <IncidentContext.Provider value={context}>
      {/* pb-20 on a phone: room for the bottom action bar at the end of the page. */}
      <div className={`space-y-4 ${canWrite ? "pb-20 sm:pb-0" : ""}`}>
        <IncidentLiveHeader connection={connection} viewers={viewers} />
        <IncidentNudges settings={nudgeSettings} />
        <HandoverBanner />
        <SinceYouLastLooked initial={digest} />
        {canWrite && <ActionBar />}
        {/* Phone: what matters now, then the timeline (latest first), then roles, services, links and sharing. Desktop: the side column beside both. */}
        <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem] lg:grid-rows-[auto_1fr]">
          <div className="order-1 min-w-0 space-y-4 lg:col-start-1 lg:row-start-1">
            <LatestUpdate />
            <ImpactPanel alertSeq={live.entries.reduce((seq, e) => (e.kind === "alert" ? Math.max(seq, e.seq) : seq), 0)} />
            {/* A merged incident's review is its survivor's. */}
            {!live.view.mergedInto && <RecoveryPanel />}
            {!live.view.mergedInto && <PostmortemLink incidentRef={ref} status={live.view.status} canWrite={canWrite} />}
            <PinnedEntries />
            <WorkstreamsPanel />
            <BoardPanel />
          </div>
          <aside className="order-3 min-w-0 space-y-4 lg:col-start-2 lg:row-span-2 lg:row-start-1" aria-label="Roles, services, decisions, changes and links">
            <RolesPanel />
            <ServicesPanel />
            <PagesPanel entries={live.entries} />
            <DecisionsPanel />
            <WhatChanged incidentRef={ref} canWrite={canWrite} />
            <LinksPanel />
            <ExecViews />
          </aside>
          <div className="order-2 min-w-0 lg:col-start-1 lg:row-start-2">
            <TimelinePanel entries={live.entries} hasOlder={live.olderCursor !== null} loadOlder={loadOlder} />
          </div>
        </div>
      </div>
    </IncidentContext.Provider>
  );
}

/** The exec summary, and (for the commander or an admin) read-only share links for people without an account. */
function ExecViews() {
  const { view, me, canWrite, isAdmin } = useIncident();
  const canManage = canWrite && (isAdmin || commanderOf(view)?.user.handle === me.handle);
  return (
    <section aria-labelledby="exec-views-heading" className="space-y-2">
      <h2 id="exec-views-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
        For stakeholders
      </h2>
      {view.private ? (
        <p className="text-sm text-slate-500">A private incident has no exec summary and cannot be shared.</p>
      ) : (
        <>
          <a href={`/status/${view.ref}`} className="tap text-sm text-sky-700 underline dark:text-sky-400">
            Exec summary of {view.ref}
          </a>
          {canManage && <ShareLinks incidentRef={view.ref} canManage />}
        </>
      )}
    </section>
  );
}
