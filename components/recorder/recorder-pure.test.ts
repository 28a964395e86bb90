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

describe("hand-over helpers", () => {
  it("the cap is the smallest limit set, none when no limit", async () => {
    const { capMs } = await import("./handover");
    expect(capMs(120, null, 90)).toBe(90_000);
    expect(capMs(null, undefined)).toBeNull();
  });
  it("the clock shows minutes and seconds, never negative", async () => {
    const { clock } = await import("./handover");
    expect(clock(65_400)).toBe("1:05");
    expect(clock(-10)).toBe("0:00");
  });
  it("a take becomes a named File with its meta and length in seconds", async () => {
    const { toUpload } = await import("./handover");
    const meta = { responseId: "7f0c1f5e-8d6b-4b8e-9a57-3b8a4d2c9e11", kind: "clip" as const, questionId: "q2", source: "camera" as const };
    const out = await toUpload({ blob: new Blob(["x"], { type: "video/mp4" }), durationMs: 12_345, label: "Answer 2: Why us?", takeId: "t", meta });
    expect(out.file.name).toBe("Answer 2 Why us.mp4");
    expect(out.file.type).toBe("video/mp4");
    expect(out.recording).toEqual({ ...meta, durationSeconds: 12.345 });
  });
});
