// How answers name a person: one shape, grown where a reader needs more.
import type { OrgRole } from "./schemas";

/** A person as every answer names them (authors, role holders, leads, reviewers, owners). */
export interface PersonRef {
  handle: string;
  name: string;
}

/** With their email: where someone is reached (schedules, on call, teams). */
export interface PersonWithEmail extends PersonRef {
  email: string;
}

/** A member of the organization as `GET /api/v1/users` lists them (pickers, integrations). */
export interface OrgMember extends PersonWithEmail {
  role: OrgRole;
  timeZone: string;
  teams: string[];
}
