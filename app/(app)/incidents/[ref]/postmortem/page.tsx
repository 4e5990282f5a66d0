import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PostmortemEditor, StartPostmortem } from "@/components/postmortem/postmortem-editor";
import { AppError } from "@/lib/domain/errors";
import { hasRole } from "@/lib/server/access";
import { requireActor } from "@/lib/server/current-actor";
import { loadPostmortem } from "@/lib/server/postmortems/data";

type Params = { params: Promise<{ ref: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `${(await params).ref.toUpperCase()} postmortem` };
}

// The postmortem of an incident: the editor, or "start it" when there is none yet.
export default async function PostmortemPage({ params }: Params) {
  const { ref } = await params;
  const actor = await requireActor();
  const canWrite = hasRole(actor, "responder");
  let postmortem;
  try {
    postmortem = await loadPostmortem(actor, ref);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") {
      if (error.details && "canStart" in error.details) {
        return (
          <StartPostmortem
            incidentRef={ref.toUpperCase()}
            canStart={error.details.canStart === true}
            incidentStatus={String(error.details.incidentStatus)}
            canWrite={canWrite}
          />
        );
      }
      notFound();
    }
    throw error;
  }
  return <PostmortemEditor initial={postmortem} canWrite={canWrite} viewerHandle={actor.handle} />;
}
