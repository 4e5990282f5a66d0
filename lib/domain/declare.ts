// Declaring an incident pages the right people, visibly: the form shows each
// service with who its escalation policy pages now, suggests the services the
// title names and the declarer's team owns, and lists open incidents that may
// be the same one. The wire types of those answers and the pure rules behind
// the suggestions live here.
import { z } from "zod";
import { tooLong } from "./input";
import type { PersonRef } from "./people";
import type { IncidentStatus } from "./lifecycle";
import type { Severity } from "./severity";

export interface DeclareServiceOption {
  id: string;
  key: string;
  name: string;
  tier: number;
  team: { key: string; name: string } | null;
  /** The escalation policy declaring on this service starts; null: declaring pages nobody. */
  policy: string | null;
  /** Who its first step pages now (empty when nobody is on call for it). */
  pages: PersonRef[];
}

export interface DeclareOptionsDto {
  at: string;
  services: DeclareServiceOption[];
  /** Keys of the declarer's teams: their services are suggested first. */
  myTeams: string[];
}

export interface SimilarIncident {
  ref: string;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  declaredAt: string;
  services: string[];
  /** Why it is listed: it is open on one of the services chosen, or its title is alike. */
  because: ("service" | "title")[];
}

export const similarQuerySchema = z.object({
  title: z.string().trim().max(200, tooLong(200)).default(""),
  /** Service keys, comma-separated. */
  services: z
    .string()
    .max(2000)
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((k) => k.trim().toUpperCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().max(100)).max(50, "At most 50 services")),
});
export type SimilarQuery = z.infer<typeof similarQuerySchema>;

/** A title shorter than this says too little to compare (pg_trgm's similarity of "db" to anything is noise). */
export const MIN_SIMILAR_TITLE = 4;
/** pg_trgm's similarity above which two titles are shown as possibly the same incident. */
export const SIMILAR_TITLE_THRESHOLD = 0.3;

const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** The key as people say it: `SVC-CHECKOUT` → `checkout`. */
const spokenKey = (key: string) => key.toLowerCase().replace(/^svc-/, "");

/**
 * Does the title name this service? By key (`SVC-CHECKOUT`, `checkout`) or by its
 * name, as whole words: "checkout 502s" names Checkout, "checkouts" does not.
 */
export function titleMentions(title: string, service: { key: string; name: string }): boolean {
  const said = ` ${words(title).join(" ")} `;
  const phrases = [service.key, spokenKey(service.key), service.name].map((p) => words(p).join(" ")).filter((p) => p.length >= 3);
  return phrases.some((p) => said.includes(` ${p} `));
}

/**
 * The services to suggest, in order: those the title names, then those the
 * declarer's teams own (only when the title names none: a mention is a stronger
 * hint than ownership). Never one already chosen.
 */
export function suggestServices(
  title: string,
  services: readonly { key: string; name: string; team: { key: string } | null }[],
  myTeams: readonly string[],
  chosen: readonly string[],
): { key: string; because: "title" | "team" }[] {
  const open = services.filter((s) => !chosen.includes(s.key));
  const named = open.filter((s) => titleMentions(title, s)).map((s) => ({ key: s.key, because: "title" as const }));
  if (named.length > 0) return named.slice(0, 5);
  // Once a service is chosen, the declarer knows what broke: the team's other services would be noise.
  if (chosen.length > 0) return [];
  return open
    .filter((s) => s.team && myTeams.includes(s.team.key))
    .slice(0, 5)
    .map((s) => ({ key: s.key, because: "team" as const }));
}

/** The service picker's search: every word typed appears in the key, name or team. */
export function matchesServiceSearch(query: string, service: { key: string; name: string; team: { key: string; name: string } | null }): boolean {
  const hay = [service.key, service.name, service.team?.key ?? "", service.team?.name ?? ""].join(" ").toLowerCase();
  return words(query).every((w) => hay.includes(w));
}

/** Who declaring with these services pages, deduplicated; empty means nobody will be paged. */
export function whoWillBePaged(services: readonly DeclareServiceOption[], chosen: readonly string[]): PersonRef[] {
  const people = new Map<string, PersonRef>();
  for (const s of services) if (chosen.includes(s.key)) for (const p of s.pages) people.set(p.handle, p);
  return [...people.values()];
}
