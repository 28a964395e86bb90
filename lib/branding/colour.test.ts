import { colord, extend } from "colord";
import a11y from "colord/plugins/a11y";
import { describe, expect, it } from "vitest";
import { AA_RATIO, checkBrandColour } from "./colour";

extend([a11y]);

describe("brand colour contrast (WCAG AA against white)", () => {
  it("accepts a dark blue and reports its ratio", () => {
    const r = checkBrandColour("#1D4ED8");
    expect(r).toMatchObject({ ok: true, hex: "#1d4ed8" });
    expect(r.ok && r.ratio).toBeGreaterThanOrEqual(AA_RATIO);
  });

  it("refuses a light yellow and suggests a darker shade that passes", () => {
    const r = checkBrandColour("#ffcc00");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toMatch(/too light.*4\.5:1/);
    expect(r.suggestion).toMatch(/^#[0-9a-f]{6}$/);
    expect(colord(r.suggestion!).contrast("#ffffff")).toBeGreaterThanOrEqual(AA_RATIO);
    expect(checkBrandColour(r.suggestion!).ok).toBe(true);
  });

  it("refuses colours just under the line (#777777 is 4.48:1)", () => {
    expect(checkBrandColour("#777777").ok).toBe(false);
    expect(checkBrandColour("#767676").ok).toBe(true);
  });

  it("refuses anything that is not a hex code, including CSS that could escape a style", () => {
    for (const bad of ["red", "rgb(0,0,0)", "#12", "#1d4ed8; background:url(x)", "", "javascript:alert(1)"]) {
      const r = checkBrandColour(bad);
      expect(r.ok, bad).toBe(false);
    }
  });
});
