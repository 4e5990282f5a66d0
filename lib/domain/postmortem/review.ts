// Reviewing a postmortem: the reviewers asked, and comments on its sections. Pure: no I/O.
import { z } from "zod";
import { tooLong } from "../input";
import type { PersonRef } from "../people";

export interface CommentDto {
  id: string;
  section: string;
  author: PersonRef | null;
  /** Markdown, rendered safely (no raw HTML, no `javascript:` links). */
  body: string;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: PersonRef | null;
}

/** A comment as it is now, into a list: replaced by id, else added in the conversation's order (oldest first). */
export function upsertComment(list: readonly CommentDto[] | undefined, comment: CommentDto): CommentDto[] {
  const prev = list ?? [];
  if (prev.some((c) => c.id === comment.id)) return prev.map((c) => (c.id === comment.id ? comment : c));
  return [...prev, comment].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

const sectionKey = z.string().regex(/^[a-z_]{1,50}$/, "Must be a section key such as contributing_factors");

/** A reviewer: one person, by handle or email. */
export const reviewerAddSchema = z.object({ reviewer: z.string().trim().toLowerCase().min(1, "Required: a handle or email").max(320) }).strict();
export type ReviewerAddInput = z.infer<typeof reviewerAddSchema>;
export const reviewerRemoveQuerySchema = z.object({ user: z.string().trim().toLowerCase().min(1, "Required: a handle or email").max(320) });

export const commentCreateSchema = z
  .object({ section: sectionKey, body: z.string().trim().min(1, "Required").max(10_000, tooLong(10_000)) })
  .strict();
export type CommentCreateInput = z.infer<typeof commentCreateSchema>;
export const commentPatchSchema = z.object({ resolved: z.boolean({ error: "Required: true or false" }) }).strict();
export type CommentPatchInput = z.infer<typeof commentPatchSchema>;
export const commentListQuerySchema = z.object({
  section: sectionKey.optional(),
  resolved: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
});
export type CommentListQuery = z.infer<typeof commentListQuerySchema>;
