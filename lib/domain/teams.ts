// Teams: who owns services and schedules. A team's key is its short canonical
// name (`payments`), lowercase, unique in the organization and never changed
// once made (schedules, filters and links name it); its display name may change.
import { z } from "zod";
import { tooLong } from "./input";

export const teamKeySchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "Lowercase letters, digits and dashes (at most 40), e.g. payments");

/** A key suggested from a display name: "Payments & Billing" → "payments-billing" (accents dropped, at most 40). */
export function suggestTeamKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 40)
    .replace(/-+$/, "");
}

const teamName = z.string().trim().min(1, "Required").max(100, tooLong(100));

export const teamCreateSchema = z.object({ key: teamKeySchema, name: teamName }).strict();
export type TeamCreateInput = z.infer<typeof teamCreateSchema>;

/** The key is the team's identity and stays; the name may change. */
export const teamPatchSchema = z.object({ name: teamName }).strict();
export type TeamPatchInput = z.infer<typeof teamPatchSchema>;

export const teamMemberAddSchema = z
  .object({
    /** A member of the organization by handle (`jtsimmons`, `@jtsimmons`) or email. */
    user: z
      .string()
      .trim()
      .min(1, "Required")
      .max(320)
      .transform((v) => v.replace(/^@/, "").toLowerCase()),
    /** The team's lead (e.g. an escalation step "team lead"). Default false. */
    lead: z.boolean().optional(),
  })
  .strict();
export type TeamMemberAddInput = z.infer<typeof teamMemberAddSchema>;

// ─── Wire shapes ────────────────────────────────────────────────────────────

export interface TeamMemberDto {
  handle: string;
  email: string;
  name: string;
  role: "admin" | "responder" | "viewer" | null;
  lead: boolean;
}

export interface TeamSummaryDto {
  key: string;
  name: string;
  memberCount: number;
  services: { key: string; name: string; tier: number }[];
  schedules: { id: string; name: string }[];
  createdAt: string;
}

export interface TeamOnCallDto {
  schedule: { id: string; name: string };
  users: { handle: string; email: string; name: string }[];
  source: "layer" | "override" | null;
}

export interface TeamDto extends TeamSummaryDto {
  members: TeamMemberDto[];
  /** Who is on call now, per schedule of the team. */
  onCall: TeamOnCallDto[];
}
