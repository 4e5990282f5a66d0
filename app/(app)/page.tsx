import { redirect } from "next/navigation";
import { hasRole } from "@/lib/server/access";
import { currentActor } from "@/lib/server/current-actor";

/** Responders land in the war room; read-only viewers on the incident list. */
export default async function Home() {
  const actor = await currentActor();
  redirect(actor && hasRole(actor, "responder") ? "/dashboard" : "/incidents");
}
