import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { IncidentHeader } from "@/components/incident/incident-header";
import { Timeline } from "@/components/incident/timeline";
import { AppError } from "@/lib/domain/errors";
import { currentActor } from "@/lib/server/current-actor";
import { loadIncident, loadTimeline } from "@/lib/server/incidents/data";

type Params = { params: Promise<{ ref: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: (await params).ref.toUpperCase() };
}

export default async function IncidentPage({ params }: Params) {
  const { ref } = await params;
  const actor = (await currentActor())!;
  try {
    const [incident, timeline] = await Promise.all([loadIncident(actor, ref), loadTimeline(actor, ref, { after: 0, limit: 500 })]);
    return (
      <div className="space-y-4">
        <IncidentHeader incident={incident} />
        <section aria-labelledby="timeline-heading" className="space-y-2">
          <h2 id="timeline-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
            Timeline
          </h2>
          <Timeline entries={timeline.items} />
        </section>
      </div>
    );
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
