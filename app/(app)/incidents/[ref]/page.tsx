import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { IncidentLive } from "@/components/incident/live/incident-live";
import { AppError } from "@/lib/domain/errors";
import type { TimelineEntry } from "@/lib/domain/timeline";
import { hasRole } from "@/lib/server/access";
import { requireActor } from "@/lib/server/current-actor";
import { loadTimeline } from "@/lib/server/incidents/data";
import { loadDigest } from "@/lib/server/incidents/digest";
import { loadIncidentView } from "@/lib/server/incidents/view";
import { loadOrgSettings } from "@/lib/server/org/settings";

type Params = { params: Promise<{ ref: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: (await params).ref.toUpperCase() };
}

// Rendered on the server from a snapshot and the newest entries up to its seq;
// the client then keeps it live (components/incident/live).
export default async function IncidentPage({ params }: Params) {
  const { ref } = await params;
  const actor = await requireActor();
  let loaded;
  try {
    const [view, settings] = await Promise.all([loadIncidentView(actor, ref), loadOrgSettings(actor)]);
    const [page, digest] = await Promise.all([loadTimeline(actor, ref, { after: 0, before: view.lastSeq + 1, limit: 100 }), loadDigest(actor, ref)]);
    loaded = { view, settings, page, digest };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  const { view, settings, page, digest } = loaded;
  const entries = (page.items as TimelineEntry[]).filter((e) => e.seq <= view.lastSeq).reverse();
  return (
    <IncidentLive
      initial={{ view, entries, olderCursor: page.nextCursor ? Number(page.nextCursor) : null }}
      digest={digest}
      me={{ handle: actor.handle, name: actor.name }}
      canWrite={hasRole(actor, "responder")}
      isAdmin={hasRole(actor, "admin")}
      nudgeSettings={settings.effective.nudges}
      cadence={settings.effective.cadence}
    />
  );
}
