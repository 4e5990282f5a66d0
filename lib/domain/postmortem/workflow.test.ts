import { describe, expect, it } from "vitest";
import { afterSectionEdit, checkPostmortemTransition } from "./workflow";

describe("review workflow", () => {
  it("goes draft → in review → published, and back to draft from review", () => {
    expect(checkPostmortemTransition({ status: "draft", revision: 1 }, "in_review")).toEqual({ ok: true, status: "in_review", revision: 1, publishedAt: "keep" });
    expect(checkPostmortemTransition({ status: "in_review", revision: 1 }, "published")).toEqual({ ok: true, status: "published", revision: 1, publishedAt: "set" });
    expect(checkPostmortemTransition({ status: "in_review", revision: 1 }, "draft")).toMatchObject({ ok: true, status: "draft", revision: 1 });
  });

  it("refuses to publish without review and to repeat a status", () => {
    expect(checkPostmortemTransition({ status: "draft", revision: 1 }, "published")).toMatchObject({ ok: false, message: expect.stringContaining("review first") });
    expect(checkPostmortemTransition({ status: "draft", revision: 1 }, "draft")).toMatchObject({ ok: false });
    expect(checkPostmortemTransition({ status: "published", revision: 1 }, "in_review")).toMatchObject({ ok: false });
  });

  it("reopening a published postmortem, or editing a section of it, starts the next revision as a draft", () => {
    expect(checkPostmortemTransition({ status: "published", revision: 2 }, "draft")).toMatchObject({ ok: true, status: "draft", revision: 3 });
    expect(afterSectionEdit({ status: "published", revision: 2 })).toEqual({ status: "draft", revision: 3 });
    expect(afterSectionEdit({ status: "in_review", revision: 2 })).toEqual({ status: "in_review", revision: 2 });
    expect(afterSectionEdit({ status: "draft", revision: 1 })).toEqual({ status: "draft", revision: 1 });
  });
});
