// The bounded record kept for callbacks that are not accepted: a short excerpt that never shows
// a token or state, and a hash of everything that arrived.
import { describe, expect, it } from "vitest";
import { digest, excerpt, EXCERPT_CHARS } from "./callback-audit";
import { connectionDomains } from "./callback";

describe("callback audit excerpt", () => {
  it("stays short however large the callback, and hides upload_token and state", () => {
    const raw: Array<[string, string]> = [
      ["state", "v1.secret-state"],
      ["upload_token", "f".repeat(40)],
      ...Array.from({ length: 59 }, (_, i) => [`p${i}`, "\u0000x".repeat(1000)] as [string, string]),
    ];
    const text = excerpt(raw);
    expect(text.length).toBeLessThanOrEqual(EXCERPT_CHARS);
    expect(text).toContain("state=%28hidden%29");
    expect(text).not.toContain("secret-state");
    expect(text).not.toContain("f".repeat(40));
  });

  it("hashes the whole callback, so two that differ only past the excerpt differ", () => {
    const a: Array<[string, string]> = [["p", "x".repeat(5000)]];
    const b: Array<[string, string]> = [["p", "x".repeat(4999) + "y"]];
    expect(excerpt(a)).toBe(excerpt(b));
    expect(digest(a)).not.toBe(digest(b));
    expect(digest(a)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("a connection's callback domains", () => {
  it("are the checked site domain and the API URL's host, lower-cased", () => {
    expect(connectionDomains({ domain: "Video.Example.com", apiUrl: "https://api.example.com:8443/" })).toEqual(["video.example.com", "api.example.com:8443"]);
    expect(connectionDomains({ domain: null, apiUrl: "http://localhost:4023" })).toEqual(["localhost:4023"]);
    expect(connectionDomains({ domain: null, apiUrl: "not a url" })).toEqual([]);
  });
});
