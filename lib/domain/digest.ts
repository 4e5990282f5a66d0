// Since you last looked (issue 18): what changed on an incident after the last entry a person saw, read from the
// timeline itself — never generated text. Severity and status changes, who commands, decisions and their outcomes, new
// blockers, workstreams that became blocked or done, and the latest update; a person's own entries are left out (they
// know them). From seq 0 it is the late joiner's one-screen brief. Pure: the API, the page's first render and the
// tests all call `buildDigest` on the same entries.
import type { PersonRef } from "./people";
import { describeEntry, type TimelineEntry, type TimelineKind } from "./timeline";

/** What a digest line is about; the page groups by it, in this order. */
export const DIGEST_TOPICS = ["command", "state", "decision", "blocker", "workstream"] as const;
export type DigestTopic = (typeof DIGEST_TOPICS)[number];

export const DIGEST_TOPIC_LABELS: Record<DigestTopic, string> = {
  command: "Command",
  state: "Severity and status",
  decision: "Decisions",
  blocker: "New blockers",
  workstream: "Workstreams",
};

/** The only kinds a digest reads (the server asks the database for these alone). */
export const DIGEST_KINDS = [
  "declared",
  "severity_changed",
  "status_changed",
  "merged",
  "role_assigned",
  "role_unassigned",
  "handover_accepted",
  "command_taken",
  "decision",
  "decision_outcome",
  "board",
  "workstream",
  "update",
] as const satisfies readonly TimelineKind[];

export interface DigestItem {
  seq: number;
  at: string;
  /** The entry's kind, and the topic it is listed under. */
  kind: TimelineKind;
  topic: DigestTopic;
  text: string;
  author: PersonRef | null;
  /** What became of it later in the same range ("since resolved"); null when nothing did. */
  since: string | null;
}

export interface DigestUpdate {
  seq: number;
  at: string;
  condition: string;
  action: string;
  need: string;
  nextUpdateDueAt: string | null;
  author: PersonRef | null;
}

export interface Digest {
  /** Entries after this seq are read: the person's marker, or 0 for someone who never opened the incident. */
  since: number;
  /** The incident's last seq when read: "mark as read" moves the marker here. */
  upTo: number;
  /** Never opened before: the digest is the brief from the start. */
  firstVisit: boolean;
  /** When the marker `since` came from last moved ("since you looked 2 h ago"); null for an explicit `since` or a first visit. */
  lastReadAt: string | null;
  /** In seq order. */
  items: DigestItem[];
  /** The newest update after `since`, unless the person posted it themselves. */
  latestUpdate: DigestUpdate | null;
  /** Entries by others after `since` that no line lists (notes, pages, alerts, older updates, other edits). */
  otherEntries: number;
  /** More entries than a digest reads: the oldest were left out. */
  truncated: boolean;
}

/** How many entries of the digest's kinds are read at most (the newest). */
export const DIGEST_ENTRY_LIMIT = 1000;

export interface DigestInput {
  /** Entries of DIGEST_KINDS after `since`, any order, by anyone. */
  entries: readonly TimelineEntry[];
  since: number;
  upTo: number;
  firstVisit: boolean;
  lastReadAt?: string | null;
  /** The reader's handle: their own entries are left out. */
  viewer: string;
  /** Every entry by others after `since`, whatever its kind (for `otherEntries`). */
  othersTotal: number;
  truncated?: boolean;
}

type Line = { topic: DigestTopic; text: string } | null;

/** The digest line an entry makes, or null when it makes none. */
function lineOf(entry: TimelineEntry): Line {
  switch (entry.kind) {
    case "declared":
      return { topic: "state", text: `${describeEntry(entry)}${entry.data.commander ? `, @${entry.data.commander} in command` : ""}` };
    case "severity_changed":
      return { topic: "state", text: `Severity ${describeEntry(entry)}` };
    case "status_changed":
      return { topic: "state", text: `Status ${describeEntry(entry)}` };
    case "merged":
      return entry.data.direction === "into" ? { topic: "state", text: describeEntry(entry) } : null;
    case "role_assigned":
    case "role_unassigned":
      return entry.data.role === "commander" ? { topic: "command", text: describeEntry(entry) } : null;
    case "handover_accepted":
    case "command_taken":
      return { topic: "command", text: describeEntry(entry) };
    case "decision":
      return { topic: "decision", text: `Decided: ${describeEntry(entry)}` };
    case "decision_outcome":
      return { topic: "decision", text: describeEntry(entry) };
    case "board":
      return entry.data.action === "created" && entry.data.kind === "blocker" ? { topic: "blocker", text: entry.data.text } : null;
    case "workstream":
      if (entry.data.action === "status_changed" && (entry.data.status === "blocked" || entry.data.status === "done")) {
        return { topic: "workstream", text: `“${entry.data.title}” is ${entry.data.status}` };
      }
      return null;
    default:
      return null;
  }
}

/** A blocker's state after it was raised, from the later entries of the same range: "since resolved". */
function laterStateOf(entry: TimelineEntry, later: readonly TimelineEntry[]): string | null {
  if (entry.kind !== "board") return null;
  const last = later.filter((e) => e.kind === "board" && e.data.itemId === entry.data.itemId).at(-1);
  if (!last || last.kind !== "board" || last.data.state === "open") return null;
  return last.data.state.replace("_", " ");
}

function updateOf(entry: TimelineEntry): DigestUpdate | null {
  const update = entry.kind === "update" ? entry.data : entry.kind === "status_changed" ? entry.data.update : undefined;
  if (!update) return null;
  const { condition, action, need, nextUpdateDueAt } = update;
  return { seq: entry.seq, at: entry.at, condition, action, need, nextUpdateDueAt, author: entry.author };
}

export function buildDigest(input: DigestInput): Digest {
  const entries = input.entries.filter((e) => e.seq > input.since && e.seq <= input.upTo).sort((a, b) => a.seq - b.seq);
  const byOthers = (e: TimelineEntry) => e.author?.handle !== input.viewer;
  const items: DigestItem[] = [];
  const listed = new Set<number>();
  entries.forEach((entry, i) => {
    const line = byOthers(entry) ? lineOf(entry) : null;
    if (!line) return;
    listed.add(entry.seq);
    items.push({ seq: entry.seq, at: entry.at, kind: entry.kind, ...line, author: entry.author, since: laterStateOf(entry, entries.slice(i + 1)) });
  });
  // The newest update of the range, whoever posted it: when it was the reader, they know it, and an older one is not the latest.
  const newest = entries.filter((e) => updateOf(e) !== null).at(-1);
  const latestUpdate = newest && byOthers(newest) ? updateOf(newest) : null;
  if (latestUpdate) listed.add(latestUpdate.seq);
  return {
    since: input.since,
    upTo: input.upTo,
    firstVisit: input.firstVisit,
    lastReadAt: input.lastReadAt ?? null,
    items,
    latestUpdate,
    otherEntries: Math.max(0, input.othersTotal - listed.size),
    truncated: input.truncated ?? false,
  };
}

/** Whether the page opens with the digest: something beyond the declaration itself (the header already says that). */
export function digestWorthShowing(digest: Pick<Digest, "items" | "latestUpdate">): boolean {
  return digest.latestUpdate !== null || digest.items.some((i) => i.kind !== "declared");
}
