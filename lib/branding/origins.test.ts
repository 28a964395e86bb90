import { describe, expect, it } from "vitest";
import { MAX_EMBED_ORIGINS, parseEmbedOrigins } from "./origins";
import { brandingSchema } from "./schema";

describe("embed origins", () => {
  it("accepts https origins one per line or comma-separated, normalised and de-duplicated", () => {
    expect(parseEmbedOrigins("https://www.Example.com\nhttps://shop.example.com:8443, https://www.example.com/")).toEqual({
      ok: true,
      origins: ["https://www.example.com", "https://shop.example.com:8443"],
    });
    expect(parseEmbedOrigins("")).toEqual({ ok: true, origins: [] });
  });

  it("allows plain http only for this machine (local testing)", () => {
    expect(parseEmbedOrigins("http://127.0.0.1:5173 http://localhost:8080")).toMatchObject({ ok: true });
    expect(parseEmbedOrigins("http://www.example.com")).toMatchObject({ ok: false, message: expect.stringMatching(/https/) });
  });

  it("refuses paths, wildcards, keywords and anything that could add CSP directives", () => {
    for (const bad of [
      "https://example.com/page",
      "https://*.example.com",
      "*",
      "'self'",
      "'none'",
      "https://a.com;script-src *",
      "data:",
      "https://u:p@example.com",
    ]) {
      expect(parseEmbedOrigins(bad).ok, bad).toBe(false);
    }
  });

  it("caps the list", () => {
    const many = Array.from({ length: MAX_EMBED_ORIGINS + 1 }, (_, i) => `https://s${i}.example.com`).join("\n");
    expect(parseEmbedOrigins(many)).toMatchObject({ ok: false });
  });

  it("the form schema refuses a failing colour and a non-https 'go to' address with field messages", () => {
    const r = brandingSchema.safeParse({
      scope: "site",
      color: "#ffff00",
      welcome: "",
      thanks: "",
      afterUrl: "http://example.com",
      embedOrigins: "",
      removeLogo: false,
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path[0]);
    expect(paths).toEqual(expect.arrayContaining(["color", "afterUrl"]));
  });
});
