// What a later revision changed in a section: a line diff against the published text. Pure: no I/O.
import { z } from "zod";
import { INT4_MAX } from "../input";

export interface DiffLine {
  op: "same" | "add" | "del";
  text: string;
}

/** Above this many lines on a side, the diff is "all removed, all added" rather than a quadratic LCS. */
export const MAX_DIFF_LINES = 3000;

/**
 * A line diff (longest common subsequence): what a later revision removed and
 * added relative to the published text, in reading order, deletions before
 * additions where lines were replaced.
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before === "" ? [] : before.split("\n");
  const b = after === "" ? [] : after.split("\n");
  if (a.length > MAX_DIFF_LINES || b.length > MAX_DIFF_LINES) {
    return [...a.map((text) => ({ op: "del" as const, text })), ...b.map((text) => ({ op: "add" as const, text }))];
  }
  // lcs[i][j]: length of the LCS of a[i..] and b[j..].
  const lcs: Uint32Array[] = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ op: "same", text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ op: "del", text: a[i++]! });
    else out.push({ op: "add", text: b[j++]! });
  }
  while (i < a.length) out.push({ op: "del", text: a[i++]! });
  while (j < b.length) out.push({ op: "add", text: b[j++]! });
  return out;
}

export const sectionDiffQuerySchema = z.object({
  /** A published revision; default: the latest one. */
  revision: z.coerce.number().int().min(1).max(INT4_MAX).optional(),
});

export interface SectionDiffDto {
  key: string;
  /** The published revision compared against. */
  revision: number;
  publishedAt: string;
  published: string;
  current: string;
  currentVersion: number;
  changed: boolean;
  lines: DiffLine[];
}
