// The browser's Accept-Language → one of our languages, as a Danish, Austrian or Norwegian
// visitor's browser sends it, and never a failure for a header nobody planned for.
import { describe, expect, it } from "vitest";
import { negotiateLocale } from "./negotiate";

describe("negotiateLocale", () => {
  it("takes the visitor's first language we have, honouring q-values", () => {
    expect(negotiateLocale("da-DK,da;q=0.9,en;q=0.8")).toBe("da");
    expect(negotiateLocale("en;q=0.5, de-AT;q=0.9")).toBe("de");
    expect(negotiateLocale("ja-JP, fr-CA;q=0.7")).toBe("fr");
  });
  it("reads Norwegian however the browser names it", () => {
    expect(negotiateLocale("no")).toBe("nb");
    expect(negotiateLocale("nn-NO")).toBe("nb");
    expect(negotiateLocale("nb-NO")).toBe("nb");
  });
  it("falls back to English for nothing, an unknown language or a malformed header", () => {
    expect(negotiateLocale(null)).toBe("en");
    expect(negotiateLocale("ja")).toBe("en");
    expect(negotiateLocale("*")).toBe("en");
    expect(negotiateLocale(";;;,,q=abc,\u0000")).toBe("en");
  });
});
