import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TeamView } from "@/components/team/team-view";
import { AppError } from "@/lib/domain/errors";
import { hasRole } from "@/lib/server/access";
import { requireActor } from "@/lib/server/current-actor";
import { loadTeam } from "@/lib/server/teams/data";

type Params = { params: Promise<{ key: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `Team ${(await params).key}` };
}

export default async function TeamPage({ params }: Params) {
  const actor = await requireActor();
  let team;
  try {
    team = await loadTeam(actor, (await params).key);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  return <TeamView initial={team} canEdit={hasRole(actor, "admin")} />;
}
