import { redirect } from "next/navigation";
import { hasRole } from "@/lib/server/access";
import { currentActor } from "@/lib/server/current-actor";

/** Responders land in the war room; read-only viewers (execs) on the status page. */
export default async function Home() {
  const actor = await currentActor();
  redirect(actor && hasRole(actor, "responder") ? "/dashboard" : "/status");
}
