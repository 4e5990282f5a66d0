import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ExecSummaryLive } from "@/components/status/exec-summary-live";
import { AppError } from "@/lib/domain/errors";
import { requireActor } from "@/lib/server/current-actor";
import { loadExecSummary } from "@/lib/server/status/data";

type Params = { params: Promise<{ ref: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `${(await params).ref.toUpperCase()} summary` };
}

// One incident's exec summary (404 for a private or unknown incident, even for its members).
export default async function ExecSummaryPage({ params }: Params) {
  const { ref } = await params;
  const actor = await requireActor();
  let summary;
  try {
    summary = await loadExecSummary(actor, ref);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  return <ExecSummaryLive initial={summary} />;
}
