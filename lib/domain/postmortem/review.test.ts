import { describe, expect, it } from "vitest";
import { upsertComment, type CommentDto } from "./review";

describe("comments arriving live", () => {
  const comment = (id: string, createdAt: string, resolvedAt: string | null = null): CommentDto => ({ id, section: "impact", author: null, body: id, createdAt, resolvedAt, resolvedBy: null });

  it("replaces a known comment by id and adds a new one in the conversation's order, once", () => {
    const list = [comment("a", "2026-11-23T10:00:00Z"), comment("c", "2026-11-23T12:00:00Z")];
    expect(upsertComment(list, comment("b", "2026-11-23T11:00:00Z")).map((c) => c.id)).toEqual(["a", "b", "c"]);
    const resolved = upsertComment(list, comment("a", "2026-11-23T10:00:00Z", "2026-11-23T13:00:00Z"));
    expect(resolved.map((c) => [c.id, c.resolvedAt])).toEqual([
      ["a", "2026-11-23T13:00:00Z"],
      ["c", null],
    ]);
    // The socket and the POST's answer bring the same comment: it shows once.
    const twice = upsertComment(upsertComment(list, comment("d", "2026-11-23T14:00:00Z")), comment("d", "2026-11-23T14:00:00Z"));
    expect(twice.map((c) => c.id)).toEqual(["a", "c", "d"]);
    expect(upsertComment(undefined, comment("x", "2026-11-23T10:00:00Z")).map((c) => c.id)).toEqual(["x"]);
  });
});
