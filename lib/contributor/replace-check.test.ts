import { describe, expect, it } from "vitest";
import { replacedSince, type ObjectPrint } from "./replace-check";

const old: ObjectPrint = { size: "1000", name: "clip.mp4", type: "video/mp4", width: "320", height: "240", encoded: true };

describe("replacedSince", () => {
  it("sees another original file in any of its facts", () => {
    expect(replacedSince(old, { ...old, size: "2000" })).toBe(true);
    expect(replacedSince(old, { ...old, name: "new.webm" })).toBe(true);
    expect(replacedSince(old, { ...old, type: "video/webm" })).toBe(true);
    expect(replacedSince(old, { ...old, width: "640" })).toBe(true);
  });
  it("sees transcoding start again after it had ended", () => {
    expect(replacedSince(old, { ...old, encoded: false })).toBe(true);
  });
  it("does not take the same object, or one that merely finished transcoding, for a replacement", () => {
    expect(replacedSince(old, { ...old })).toBe(false);
    expect(replacedSince({ ...old, encoded: false }, old)).toBe(false);
  });
});
