// The default sections of a postmortem (PRACTICES.md "Postmortems"), in order. Pure: no I/O.

export interface SectionTemplate {
  key: string;
  title: string;
  /** What the section asks of its writers (the editor's placeholder). */
  prompt: string;
}

/** The default template, in order (PRACTICES.md); an organization's own template (template.ts) may replace it. */
export const DEFAULT_SECTIONS: readonly SectionTemplate[] = [
  { key: "summary", title: "Summary", prompt: "What happened, in two or three sentences a newcomer understands." },
  { key: "impact", title: "Impact", prompt: "Who and what was affected, how badly, for how long." },
  { key: "timeline", title: "Timeline", prompt: "The key moments, in UTC." },
  {
    key: "contributing_factors",
    title: "Contributing factors",
    prompt: "Rarely one root cause. Which conditions of the system made this possible, and why did each action make sense at the time?",
  },
  { key: "detection", title: "Detection", prompt: "How was it detected, how fast, and what would have caught it sooner?" },
  { key: "mitigation", title: "Mitigation", prompt: "What stopped the impact, and when?" },
  { key: "resolution", title: "Resolution", prompt: "What restored normal service, and how was it verified?" },
  { key: "lessons_learned", title: "Lessons learned", prompt: "What went well, what went wrong, where we got lucky." },
  { key: "action_items", title: "Action items", prompt: "Context for the tracked action items below: specific, one owner, a due date." },
  { key: "preventive_measures", title: "Preventive measures", prompt: "The structural changes that make the system harder to break the same way again." },
  {
    key: "automation",
    title: "Automation and AI involvement",
    prompt:
      "What automated systems or AI agents did, inferred or decided during the incident, and what they were allowed to do. A failure of inference is not a documentation gap.",
  },
];

export const SECTION_KEYS = DEFAULT_SECTIONS.map((s) => s.key);
export const sectionTemplate = (key: string) => DEFAULT_SECTIONS.find((s) => s.key === key);
