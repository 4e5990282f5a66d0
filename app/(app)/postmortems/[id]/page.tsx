import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { PostmortemEditor } from "@/components/postmortem/postmortem-editor";
import { AppError } from "@/lib/domain/errors";
import { hasRole } from "@/lib/server/access";
import { requireActor } from "@/lib/server/current-actor";
import { loadPostmortem } from "@/lib/server/postmortems/data";

export const metadata: Metadata = { title: "Review" };

type Params = { params: Promise<{ id: string }> };

// A review by id: the postmortem editor for a near miss or positive retro. An incident's postmortem lives under its incident.
export default async function ReviewPage({ params }: Params) {
  const { id } = await params;
  const actor = await requireActor();
  let pm;
  try {
    pm = await loadPostmortem(actor, { id });
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  if (pm.incident) redirect(`/incidents/${pm.incident.ref}/postmortem`);
  return <PostmortemEditor initial={pm} canWrite={hasRole(actor, "responder")} viewerHandle={actor.handle} />;
}
