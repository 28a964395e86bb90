import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { withDuration } from "./webm-duration";

// fix-webm-duration reads the blob with the browser's FileReader; Node has Blob but no FileReader,
// so the test gives it the one method the library calls, built on Blob.arrayBuffer().
beforeAll(() => {
  if ("FileReader" in globalThis) return;
  class NodeFileReader {
    result: ArrayBuffer | null = null;
    onloadend: (() => void) | null = null;
    readAsArrayBuffer(blob: Blob) {
      void blob.arrayBuffer().then((b) => {
        this.result = b;
        this.onloadend?.();
      });
    }
  }
  (globalThis as unknown as { FileReader: unknown }).FileReader = NodeFileReader;
});

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../../emulator/test/fixtures", name));

/** The Segment Info Duration (EBML id 0x4489) in ms, as a reader would take it (TimecodeScale 1 ms). */
function durationOf(bytes: Uint8Array): number | null {
  for (let i = 0; i < bytes.length - 10; i++) {
    if (bytes[i] !== 0x44 || bytes[i + 1] !== 0x89) continue;
    const size = bytes[i + 2]! & 0x7f; // one-byte size: 0x84 or 0x88
    const view = new DataView(bytes.buffer, bytes.byteOffset + i + 3, size);
    if (size === 8) return view.getFloat64(0);
    if (size === 4) return view.getFloat32(0);
  }
  return null;
}

describe("WebM duration fix", () => {
  it("a MediaRecorder WebM as Chromium writes it has no Duration", () => {
    expect(durationOf(fixture("mediarecorder.webm"))).toBeNull();
  });

  it("writes the recorded length into the header, keeping the media", async () => {
    const raw = fixture("mediarecorder.webm");
    const fixed = await withDuration(new Blob([raw], { type: "video/webm;codecs=vp8" }), 2150);
    const bytes = new Uint8Array(await fixed.arrayBuffer());
    expect(durationOf(bytes)).toBeCloseTo(2150, 0);
    // Only the header changed: the media after it is byte for byte the same.
    const tail = raw.length - 2000;
    expect(Buffer.from(bytes.subarray(bytes.length - tail)).equals(raw.subarray(raw.length - tail))).toBe(true);
    expect(fixed.type).toContain("video/webm");
  });

  it("leaves MP4 (Safari) and empty lengths alone", async () => {
    const mp4 = new Blob([fixture("media-frag.mp4")], { type: "video/mp4" });
    expect(await withDuration(mp4, 2000)).toBe(mp4);
    const webm = new Blob([fixture("mediarecorder.webm")], { type: "video/webm" });
    expect(await withDuration(webm, 0)).toBe(webm);
  });

  it("garbage that only claims to be WebM is sent as it is, not lost", async () => {
    const junk = new Blob(["not a webm"], { type: "video/webm" });
    const out = await withDuration(junk, 1000);
    expect(await out.text()).toBe("not a webm");
  });
});
