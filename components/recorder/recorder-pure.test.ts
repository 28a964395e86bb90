import { describe, expect, it } from "vitest";
import { checkSupport, classifyMediaError } from "./availability";
import { containerOf, pickFormat } from "./format";

describe("recording format", () => {
  it("prefers WebM VP9 + Opus where supported (Chromium)", () => {
    expect(pickFormat(() => true)?.mimeType).toBe("video/webm;codecs=vp9,opus");
  });
  it("falls back to VP8 (older Firefox) and to MP4 H.264 + AAC (Safari)", () => {
    expect(pickFormat((t) => t.includes("vp8"))).toEqual({ mimeType: "video/webm;codecs=vp8,opus", extension: "webm" });
    expect(pickFormat((t) => t.startsWith("video/mp4"))?.extension).toBe("mp4");
  });
  it("none supported: null, so the file picker is offered", () => {
    expect(pickFormat(() => false)).toBeNull();
  });
  it("containerOf strips the codecs", () => {
    expect(containerOf("video/webm;codecs=vp9,opus")).toBe("video/webm");
  });
});

describe("why recording is unavailable", () => {
  const ok = { isSecureContext: true, hasGetUserMedia: true, hasMediaRecorder: true, hasFormat: true };
  it("an insecure page is said first, an old browser second", () => {
    expect(checkSupport({ ...ok, isSecureContext: false, hasMediaRecorder: false })).toBe("insecure");
    expect(checkSupport({ ...ok, hasMediaRecorder: false })).toBe("unsupported");
    expect(checkSupport(ok)).toBeNull();
  });
  it("maps getUserMedia's errors to the visitor's reasons", () => {
    expect(classifyMediaError(new DOMException("no", "NotAllowedError"))).toBe("denied");
    expect(classifyMediaError(new DOMException("none", "NotFoundError"))).toBe("no-camera");
    expect(classifyMediaError(new DOMException("busy", "NotReadableError"))).toBe("busy");
    expect(classifyMediaError(new Error("odd"))).toBe("failed");
    expect(classifyMediaError(undefined)).toBe("failed");
  });
});
