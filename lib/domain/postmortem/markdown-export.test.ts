import { describe, expect, it } from "vitest";
import { exportMarkdown } from "./markdown-export";
import { DEFAULT_SECTIONS } from "./sections";

describe("exportMarkdown", () => {
  it("has a heading per section in order, placeholders for empty ones, and the action items table", () => {
    const md = exportMarkdown({
      incidentRef: "INC-7",
      title: "Checkout 502s in EU",
      status: "published",
      revision: 2,
      publishedAt: "2026-11-24T10:00:00.000Z",
      sections: DEFAULT_SECTIONS.map((s) => ({ key: s.key, title: s.title, body: s.key === "summary" ? "It broke | badly" : "" })),
      actionItems: [{ title: "Chain check | CI", owner: { handle: "ada" }, dueAt: "2026-12-01T23:59:59.999Z", priority: "P2", kind: "prevent", status: "open", trackerUrl: "https://t.example/1" }],
    });
    const headings = md.split("\n").filter((l) => l.startsWith("## ")).map((l) => l.slice(3));
    expect(headings).toEqual(DEFAULT_SECTIONS.map((s) => s.title));
    expect(md).toContain("INC-7 · Published 2026-11-24 10:00 UTC · revision 2");
    expect(md).toContain("It broke | badly");
    expect(md).toContain("| [Chain check \\| CI](https://t.example/1) | @ada | 2026-12-01 | P2 | prevent | Open |");
    expect(md).toContain("_Nothing written yet._");
  });

  it("heads a near miss or positive retro with its type, and no incident", () => {
    const md = exportMarkdown({ incidentRef: null, type: "near_miss", title: "Disk almost full", status: "draft", revision: 1, publishedAt: null, sections: [], actionItems: [] });
    expect(md.split("\n").slice(0, 3)).toEqual(["# Near miss: Disk almost full", "", "Draft · revision 1"]);
    expect(exportMarkdown({ incidentRef: "INC-7", type: "incident_review", title: "x", status: "draft", revision: 1, publishedAt: null, sections: [], actionItems: [] })).toMatch(/^# Postmortem: x/);
  });
});
