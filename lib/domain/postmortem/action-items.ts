// Action items from postmortems: kinds, statuses and their rules, the wire shape and
// the request schemas. Pure: no I/O.
import { z } from "zod";
import { INT4_MAX, isoDate, isoInstant as isoInstantOf, tooLong } from "../input";
import type { PostmortemType } from "./review-types";
import type { PersonRef } from "../people";

export const ACTION_ITEM_KINDS = ["mitigate", "prevent", "detect", "process"] as const;
export type ActionItemKind = (typeof ACTION_ITEM_KINDS)[number];
export const ACTION_ITEM_STATUSES = ["open", "in_progress", "done", "verified", "wont_do"] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];
export const ACTION_ITEM_STATUS_LABELS: Record<ActionItemStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  done: "Done",
  verified: "Verified",
  wont_do: "Won't do",
};

const ACTION_FLOW: Record<ActionItemStatus, readonly ActionItemStatus[]> = {
  open: ["in_progress", "done", "wont_do"],
  in_progress: ["open", "done", "wont_do"],
  done: ["verified", "in_progress", "open"], // verified: it had the effect; reopened: it did not
  verified: ["open"],
  wont_do: ["open"],
};

export type ActionStatusCheck = { ok: true } | { ok: false; field: "status" | "reason"; message: string };

/** An action item's status change: verified only after done; won't do only with a reason. */
export function checkActionItemStatus(from: ActionItemStatus, to: ActionItemStatus, reason: string | null | undefined): ActionStatusCheck {
  if (to === "wont_do" && !reason?.trim()) return { ok: false, field: "reason", message: "Say why it won't be done." };
  if (from === to) return { ok: true };
  if (!ACTION_FLOW[from].includes(to)) {
    const hint = to === "verified" ? " Mark it done first, then verify it had the effect." : "";
    return { ok: false, field: "status", message: `Cannot go from ${ACTION_ITEM_STATUS_LABELS[from].toLowerCase()} to ${ACTION_ITEM_STATUS_LABELS[to].toLowerCase()}.${hint}` };
  }
  return { ok: true };
}

/** Still to do and past its due date. */
export function isOverdue(item: { status: string; dueAt: string | null }, now: Date): boolean {
  return (item.status === "open" || item.status === "in_progress") && item.dueAt !== null && new Date(item.dueAt).getTime() < now.getTime();
}

/** PRACTICES.md: at least one structural change per major incident. True when a SEV0/1 review has no live "prevent" item. */
export function missingPreventItem(severity: string | null, items: readonly { kind: string; status: string }[]): boolean {
  if (severity !== "SEV0" && severity !== "SEV1") return false;
  return !items.some((i) => i.kind === "prevent" && i.status !== "wont_do");
}

/** The kind a new item starts as: "prevent" while a SEV0/1 review still lacks one, else "mitigate". */
export function defaultActionItemKind(severity: string | null, items: readonly { kind: string; status: string }[]): ActionItemKind {
  return missingPreventItem(severity, items) ? "prevent" : "mitigate";
}

/** An owner's home list: overdue first (most overdue first), then soonest due, undated last. Only open and in progress. */
export function sortMyActionItems<T extends { status: string; dueAt: string | null; createdAt: string }>(items: readonly T[], now: Date): T[] {
  const due = (i: T) => (i.dueAt ? new Date(i.dueAt).getTime() : Number.POSITIVE_INFINITY);
  return items
    .filter((i) => i.status === "open" || i.status === "in_progress")
    .sort((a, b) => Number(isOverdue(b, now)) - Number(isOverdue(a, now)) || due(a) - due(b) || a.createdAt.localeCompare(b.createdAt));
}

export interface ActionItemDto {
  id: string;
  title: string;
  owner: PersonRef | null;
  dueAt: string | null;
  priority: "P1" | "P2" | "P3" | "P4";
  kind: ActionItemKind;
  status: ActionItemStatus;
  statusReason: string | null;
  trackerUrl: string | null;
  version: number;
  overdue: boolean;
  incident: { ref: string; title: string; severity: string } | null;
  postmortemId: string | null;
  /** The review it came from (an incident's, a near miss or a positive retro), or null for a standalone item. */
  postmortem: { id: string; title: string; type: PostmortemType } | null;
  createdAt: string;
  updatedAt: string;
}

const version = z.number({ error: "Required: the version you last read" }).int().min(1).max(INT4_MAX);
const httpUrl = z
  .string()
  .trim()
  .max(2000, tooLong(2000))
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === "http:" || u.protocol === "https:";
    } catch {
      return false;
    }
  }, "Must be an http(s) URL");
/** A due date: a day (`2026-12-01`, end of that day UTC) or an instant. */
const dueAt = z.union([isoDate(), isoInstantOf()], { error: "Must be a date (2026-12-01) or an ISO 8601 date-time, years 1970–9999" });

export function dueInstant(value: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T23:59:59.999Z`) : new Date(value);
}

export const actionItemCreateSchema = z
  .object({
    title: z.string().trim().min(1, "Required").max(300, tooLong(300)),
    /** One person: handle or email. */
    owner: z.string().trim().toLowerCase().min(1, "Required: one owner").max(320),
    dueAt,
    priority: z.enum(["P1", "P2", "P3", "P4"]).default("P3"),
    kind: z.enum(ACTION_ITEM_KINDS),
    trackerUrl: httpUrl.nullish(),
    /** The incident whose postmortem it comes from (`INC-42`). */
    incident: z.string().regex(/^INC-\d{1,9}$/i, "Must look like INC-123").optional(),
    /** Or the postmortem by id (a near miss or positive retro has no incident). */
    postmortem: z.string().trim().min(1).max(50).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.incident && v.postmortem) ctx.addIssue({ code: "custom", path: ["postmortem"], message: "Give the incident or the postmortem, not both" });
  });
export type ActionItemCreateInput = z.infer<typeof actionItemCreateSchema>;

export const actionItemPatchSchema = z
  .object({
    version,
    title: z.string().trim().min(1, "Required").max(300, tooLong(300)).optional(),
    owner: z.string().trim().toLowerCase().min(1, "Required: one owner").max(320).optional(),
    dueAt: dueAt.optional(),
    priority: z.enum(["P1", "P2", "P3", "P4"]).optional(),
    kind: z.enum(ACTION_ITEM_KINDS).optional(),
    status: z.enum(ACTION_ITEM_STATUSES).optional(),
    /** Required when the status becomes wont_do. */
    reason: z.string().trim().max(2000, tooLong(2000)).optional(),
    trackerUrl: httpUrl.nullable().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.status === "wont_do" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "Required: say why it won't be done" });
  });
export type ActionItemPatchInput = z.infer<typeof actionItemPatchSchema>;

export const actionItemListQuerySchema = z.object({
  /** A handle, an email, or `me`. */
  owner: z.string().trim().toLowerCase().max(320).optional(),
  /** A team key: items owned by its members. */
  team: z.string().trim().toLowerCase().max(100).optional(),
  overdue: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  incident: z.string().regex(/^INC-\d{1,9}$/i, "Must look like INC-123").optional(),
  /** A postmortem's id: its items (also for a near miss or positive retro). */
  postmortem: z.string().trim().min(1).max(50).optional(),
  /** Comma-separated statuses. */
  status: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",") : undefined))
    .pipe(z.array(z.enum(ACTION_ITEM_STATUSES)).optional()),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  cursor: z.string().regex(/^\d{1,6}$/, "Invalid cursor").optional(),
});
export type ActionItemListQuery = z.infer<typeof actionItemListQuerySchema>;
