import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PolicyView } from "@/components/escalation/policy-view";
import { AppError } from "@/lib/domain/errors";
import { hasRole } from "@/lib/server/access";
import { requireActor } from "@/lib/server/current-actor";
import { loadPolicy } from "@/lib/server/escalations/policies";
import { listScheduleOptions } from "@/lib/server/schedules/data";

type Params = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Escalation policy" };

export default async function EscalationPolicyPage({ params }: Params) {
  const { id } = await params;
  const actor = await requireActor();
  const isAdmin = hasRole(actor, "admin");
  let loaded;
  try {
    loaded = await Promise.all([loadPolicy(actor, id), isAdmin ? listScheduleOptions(actor) : Promise.resolve([])]);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  const [policy, schedules] = loaded;
  return <PolicyView initial={policy} canEdit={isAdmin} schedules={schedules} />;
}
