// A postmortem's wire shapes and its request schemas (action items, comments and diffs have their own files). Pure: no I/O.
import { z } from "zod";
import { INT4_MAX, tooLong } from "../input";
import { serviceKeySchema } from "../services";
import type { PersonRef } from "../people";
import type { ActionItemDto } from "./action-items";
import { POSTMORTEM_TYPES, STANDALONE_TYPES, type PostmortemType } from "./review-types";
import { POSTMORTEM_STATUSES, type PostmortemStatus } from "./workflow";


export interface SectionDto {
  key: string;
  title: string;
  prompt: string;
  body: string;
  position: number;
  version: number;
  updatedAt: string;
  updatedBy: PersonRef | null;
}

export interface PostmortemDto {
  id: string;
  incident: { ref: string; title: string; severity: string; status: string } | null;
  title: string;
  type: PostmortemType;
  /** The incident's services, or the related services of a review without an incident. */
  services: { key: string; name: string }[];
  status: PostmortemStatus;
  revision: number;
  createdAt: string;
  publishedAt: string | null;
  transitions: PostmortemStatus[];
  sections: SectionDto[];
  actionItems: ActionItemDto[];
  /** People asked to review it, in the order they were asked. */
  reviewers: PersonRef[];
  /** The latest published revision (its text is kept for diffs), or null when never published. */
  lastPublishedRevision: number | null;
  /** SEV0/1 without a live "prevent" action item. */
  missingPreventItem: boolean;
}

const version = z.number({ error: "Required: the version you last read" }).int().min(1).max(INT4_MAX);

export const postmortemCreateSchema = z.object({ title: z.string().trim().min(1).max(200).optional() }).strict();

/** `POST /api/v1/postmortems`: a review with no incident, optionally about some services (their keys). */
export const standalonePostmortemCreateSchema = z
  .object({
    type: z.enum(STANDALONE_TYPES),
    title: z.string().trim().min(1, "Required").max(200, tooLong(200)),
    services: z
      .array(serviceKeySchema)
      .max(20, "At most 20 services")
      .transform((keys) => [...new Set(keys)])
      .optional(),
  })
  .strict();
export type StandalonePostmortemCreateInput = z.infer<typeof standalonePostmortemCreateSchema>;
export const postmortemListQuerySchema = z.object({
  type: z.enum(POSTMORTEM_TYPES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type PostmortemListQuery = z.infer<typeof postmortemListQuerySchema>;
export type PostmortemCreateInput = z.infer<typeof postmortemCreateSchema>;

export const sectionPatchSchema = z.object({ body: z.string().max(100_000, tooLong(100_000)), version }).strict();
export type SectionPatchInput = z.infer<typeof sectionPatchSchema>;

export const postmortemPatchSchema = z.object({ status: z.enum(POSTMORTEM_STATUSES) }).strict();
export type PostmortemPatchInput = z.infer<typeof postmortemPatchSchema>;
