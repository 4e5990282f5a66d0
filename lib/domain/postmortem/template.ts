// An organization's postmortem template: the ordered sections a new review
// starts with (key, title, the prompt its writers see). The default is
// PRACTICES.md's list plus "Automation and AI involvement". Admins may rename,
// reorder, add their own sections and remove the optional ones; a few stay,
// because the product hangs behaviour on them. Pure: no I/O.
import { z } from "zod";
import { INT4_MAX, tooLong } from "../input";
import { DEFAULT_SECTIONS, type SectionTemplate } from "./sections";

/**
 * Sections no template may drop (they may be renamed, re-prompted and moved):
 * - summary: what happened, the first thing every reader and the export need;
 * - contributing_factors: the blameless "which conditions made this possible";
 * - action_items: the tracked action items hang under it;
 * - automation: what automated systems and AI agents did and were allowed to do
 *   (a failure of inference is not a documentation gap, so it is never optional).
 */
export const REQUIRED_SECTION_KEYS = ["summary", "contributing_factors", "action_items", "automation"] as const;
export const MAX_TEMPLATE_SECTIONS = 30;

export const isRequiredSection = (key: string) => (REQUIRED_SECTION_KEYS as readonly string[]).includes(key);

/** The keys a pre-fill knows how to fill (incident reviews, near misses, retros). */
export const isKnownSection = (key: string) => DEFAULT_SECTIONS.some((s) => s.key === key);

/** A section key: lowercase letters and underscores (it appears in URLs and socket payloads). */
export const TEMPLATE_KEY_PATTERN = /^[a-z][a-z_]{0,49}$/;

const templateSectionSchema = z
  .object({
    key: z.string().trim().regex(TEMPLATE_KEY_PATTERN, "Must be lowercase letters and underscores, such as customer_communication (at most 50)"),
    title: z.string().trim().min(1, "Required").max(100, tooLong(100)),
    prompt: z.string().trim().max(1000, tooLong(1000)).default(""),
  })
  .strict();

const templateSectionsSchema = z
  .array(templateSectionSchema)
  .min(1, "At least one section")
  .max(MAX_TEMPLATE_SECTIONS, `At most ${MAX_TEMPLATE_SECTIONS} sections`)
  .superRefine((sections, ctx) => {
    const seen = new Set<string>();
    sections.forEach((s, i) => {
      if (seen.has(s.key)) ctx.addIssue({ code: "custom", path: [i, "key"], message: `Duplicate key ${s.key}: each section needs its own` });
      seen.add(s.key);
    });
    const missing = REQUIRED_SECTION_KEYS.filter((k) => !seen.has(k));
    if (missing.length) ctx.addIssue({ code: "custom", message: `Must keep the required sections: ${missing.join(", ")}` });
  });

/** `PUT /api/v1/org/postmortem-template`: the whole ordered list, with the version last read (0: never saved). */
export const postmortemTemplatePutSchema = z
  .object({
    sections: templateSectionsSchema,
    version: z.number({ error: "Required: the version you last read (0 when the organization uses the default)" }).int().min(0).max(INT4_MAX),
  })
  .strict();
export type PostmortemTemplatePutInput = z.infer<typeof postmortemTemplatePutSchema>;

/** The stored column as read back: anything invalid falls back to the default rather than break a new postmortem. */
export const storedTemplateSchema = templateSectionsSchema.nullable().catch(null);

/** The sections new postmortems of an organization start with: its own template, else the default. */
export function effectiveTemplate(stored: unknown): SectionTemplate[] {
  const parsed = storedTemplateSchema.parse(stored ?? null);
  return parsed ? parsed.map((s) => ({ key: s.key, title: s.title, prompt: s.prompt })) : DEFAULT_SECTIONS.map((s) => ({ ...s }));
}

export interface PostmortemTemplateDto {
  sections: (SectionTemplate & { required: boolean; prefilled: boolean })[];
  /** 0 while the organization uses the default. */
  version: number;
  custom: boolean;
  updatedAt: string | null;
  updatedBy: { handle: string; name: string } | null;
  /** The default, to restore it or to add back a default section that was removed. */
  defaults: SectionTemplate[];
}

export function presentTemplate(
  sections: readonly SectionTemplate[],
  meta: { version: number; custom: boolean; updatedAt: string | null; updatedBy: { handle: string; name: string } | null },
): PostmortemTemplateDto {
  return {
    sections: sections.map((s) => ({ ...s, required: isRequiredSection(s.key), prefilled: isKnownSection(s.key) })),
    ...meta,
    defaults: DEFAULT_SECTIONS.map((s) => ({ ...s })),
  };
}

/** A key for a new section from its title: "Customer communication" → customer_communication, unique among `taken`. */
export function sectionKeyFromTitle(title: string, taken: readonly string[]): string {
  const base =
    title
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 40)
      .replace(/_+$/, "") || "section";
  if (!taken.includes(base)) return base;
  // Letters only (digits are not allowed in keys): _a, _b, … _z, then _aa.
  for (let n = 1; ; n++) {
    let suffix = "";
    for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) suffix = String.fromCharCode(97 + ((i - 1) % 26)) + suffix;
    const key = `${base}_${suffix}`;
    if (!taken.includes(key)) return key;
  }
}

/** Move the section at `from` to `to` (a new array; out-of-range moves change nothing). */
export function moveSection<T>(sections: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= sections.length || to < 0 || to >= sections.length || from === to) return [...sections];
  const next = [...sections];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved!);
  return next;
}
