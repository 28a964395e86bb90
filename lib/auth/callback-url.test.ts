import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/lib/auth/callback-url";

describe("safeCallbackUrl (no open redirect)", () => {
  it.each(["/admin", "/admin/links?x=1", "/u/team-media#top"])("keeps the same-origin path %s", (p) => {
    expect(safeCallbackUrl(p)).toBe(p);
  });
  it.each([
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "http:/evil.example",
    "/\t/evil.example",
    "",
    undefined,
    ["/admin"],
  ])("falls back for %s", (p) => {
    expect(safeCallbackUrl(p)).toBe("/admin");
  });
  it("normalises dot segments without leaving the origin", () => {
    expect(safeCallbackUrl("/a/../../admin")).toBe("/admin");
  });
});
