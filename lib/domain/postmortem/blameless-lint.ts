// A gentle blameless lint for postmortem text: hints, never a refusal. Pure: no I/O.

export interface BlameHint {
  /** The flagged text, and where it is. */
  match: string;
  index: number;
  message: string;
  suggestion: string;
}

const BLAME_VERBS =
  "broke|caused|forgot|forgotten|failed to|neglected|ignored|missed|messed up|screwed up|should have|should've|didn't|did not|mistakenly|carelessly|accidentally|wrongly|overlooked|blew up|pushed a bad";
/** A handle: may contain dots and dashes, never ends with one (the sentence's full stop is not part of it). */
const PERSON = String.raw`@[a-z0-9](?:[\w.-]*[\w-])?`;

const BLAME_RULES: { pattern: RegExp; message: string; suggestion: string }[] = [
  {
    pattern: new RegExp(String.raw`${PERSON}(?:\s+(?:had|has|just|then|also|simply|clearly|really))*\s+(?:${BLAME_VERBS})\b`, "gi"),
    message: "This sentence puts the cause on a person.",
    suggestion: "Describe what the system allowed and why the action made sense at the time, e.g. “the deploy pipeline let a config without X through”.",
  },
  {
    pattern: new RegExp(String.raw`(?:${PERSON}|\b[A-Z][a-z]+)(?:'s|’s)\s+(?:mistake|fault|error|blunder|screw-?up|negligence|carelessness|oversight)\b`, "g"),
    message: "Naming whose mistake it was is blame, not a contributing factor.",
    suggestion: "Name the condition instead: which check, guard rail or signal was missing?",
  },
  {
    pattern: new RegExp(String.raw`\b(?:because of|due to|blame[sd]? (?:on)?)\s+${PERSON}`, "gi"),
    message: "A person is given as the cause.",
    suggestion: "Ask “what made this possible?” and write down the system's part.",
  },
  {
    pattern: /\bhuman error\b/gi,
    message: "“Human error” ends the inquiry where it should start.",
    suggestion: "Which design, tooling or process made the error easy to make and hard to notice?",
  },
];

/** Gentle hints on blaming language: suggestions only, never a reason to refuse a save. */
export function lintBlame(text: string): BlameHint[] {
  const hints: BlameHint[] = [];
  for (const rule of BLAME_RULES) {
    for (const m of text.matchAll(rule.pattern)) {
      const index = m.index ?? 0;
      if (hints.some((h) => index < h.index + h.match.length && h.index < index + m[0].length)) continue;
      hints.push({ match: m[0], index, message: rule.message, suggestion: rule.suggestion });
    }
  }
  return hints.sort((a, b) => a.index - b.index);
}
