import { describe, expect, it } from "vitest";
import { checkFile, checkFileSync } from "./checks";

const limits = { maxFileBytes: null, maxDurationSeconds: null };

describe("file checks before upload", () => {
  it("accepts videos and photos, also by extension when the browser gives no type", () => {
    expect(checkFileSync({ name: "a.mp4", type: "video/mp4", size: 10 }, limits)).toBeNull();
    expect(checkFileSync({ name: "a.jpg", type: "image/jpeg", size: 10 }, limits)).toBeNull();
    expect(checkFileSync({ name: "a.MOV", type: "", size: 10 }, limits)).toBeNull();
  });
  it("refuses other types and empty files", () => {
    expect(checkFileSync({ name: "a.txt", type: "text/plain", size: 10 }, limits)).toMatch(/not a video or photo/);
    expect(checkFileSync({ name: "a.mp4", type: "video/mp4", size: 0 }, limits)).toMatch(/empty/);
  });
  it("refuses files over the link's size limit", () => {
    expect(checkFileSync({ name: "a.mp4", type: "video/mp4", size: 2048 }, { ...limits, maxFileBytes: 1024 })).toBe(
      "This file is 2.0 KB; this link takes files up to 1.0 KB.",
    );
  });
  it("refuses videos over the duration limit, and lets unreadable ones through", async () => {
    const f = new File(["x"], "a.mp4", { type: "video/mp4" });
    const l = { maxFileBytes: null, maxDurationSeconds: 60 };
    expect(await checkFile(f, l, async () => 90)).toMatch(/1 min 30 s long; this link takes videos up to 1 min 0 s/);
    expect(await checkFile(f, l, async () => 59)).toBeNull();
    expect(await checkFile(f, l, async () => null)).toBeNull();
  });
});
