import { describe, expect, it } from "vitest";
import { parseDraft } from "./preview";
import { TEXT_MAX } from "./schema";

const ORIGIN = "http://localhost:3100";
const ok = { color: "#7c2d12", welcome: "Hi", thanks: "Thanks", afterUrl: "", removeLogo: false };

describe("the live preview's draft, checked as if a stranger wrote it", () => {
  it("keeps a blob: logo of the portal's own origin only", () => {
    const own = `blob:${ORIGIN}/0f8fad5b-d9cb-469f-a165-70867728950e`;
    expect(parseDraft({ ...ok, logo: own }, ORIGIN)?.logo).toBe(own);
    expect(parseDraft({ ...ok, logo: "blob:https://evil.example/0f8fad5b-d9cb-469f-a165-70867728950e" }, ORIGIN)?.logo).toBeNull();
    expect(parseDraft({ ...ok, logo: "https://evil.example/logo.png" }, ORIGIN)?.logo).toBeNull();
    expect(parseDraft({ ...ok, logo: "javascript:alert(1)" }, ORIGIN)?.logo).toBeNull();
  });

  it("refuses drafts with missing, wrong-typed or oversized fields", () => {
    expect(parseDraft(null, ORIGIN)).toBeNull();
    expect(parseDraft("draft", ORIGIN)).toBeNull();
    expect(parseDraft({ ...ok, welcome: 42 }, ORIGIN)).toBeNull();
    expect(parseDraft({ ...ok, thanks: "x".repeat(TEXT_MAX + 1) }, ORIGIN)).toBeNull();
    expect(parseDraft({ ...ok, color: "x".repeat(100) }, ORIGIN)).toBeNull();
  });

  it("reads removeLogo as true only when it is exactly true", () => {
    expect(parseDraft({ ...ok, removeLogo: "yes" }, ORIGIN)?.removeLogo).toBe(false);
    expect(parseDraft({ ...ok, removeLogo: true }, ORIGIN)?.removeLogo).toBe(true);
  });
});
