// The stops a visitor does not choose (#15): the length cap of a take or a clip, the overall cap
// across clips, and the size limit reached with room to spare.
import { describe, expect, it } from "vitest";
import { capReached, nearSizeLimit, recordingCapMs } from "./handover";

describe("the length cap of the recording about to start", () => {
  it("one take: the smaller of the link's recording cap and its video length limit, or none", () => {
    expect(recordingCapMs({ clips: false, linkSeconds: 120, fileSeconds: 90, usedMs: 0 })).toBe(90_000);
    expect(recordingCapMs({ clips: false, linkSeconds: 60, fileSeconds: null, usedMs: 0 })).toBe(60_000);
    expect(recordingCapMs({ clips: false, linkSeconds: null, fileSeconds: null, usedMs: 0 })).toBeNull();
  });
  it("a take ignores time used by earlier clips (there are none in one-take mode)", () => {
    expect(recordingCapMs({ clips: false, linkSeconds: 60, fileSeconds: null, usedMs: 50_000 })).toBe(60_000);
  });
  it("a clip: its question's limit, within what the other clips left of the overall cap", () => {
    expect(recordingCapMs({ clips: true, questionSeconds: 30, linkSeconds: 120, fileSeconds: null, usedMs: 0 })).toBe(30_000);
    expect(recordingCapMs({ clips: true, questionSeconds: 30, linkSeconds: 120, fileSeconds: null, usedMs: 100_000 })).toBe(20_000);
    expect(recordingCapMs({ clips: true, questionSeconds: null, linkSeconds: 120, fileSeconds: null, usedMs: 45_500 })).toBe(74_500);
    expect(recordingCapMs({ clips: true, questionSeconds: null, linkSeconds: null, fileSeconds: null, usedMs: 45_500 })).toBeNull();
  });
  it("the overall cap used up: the last clip still gets a second, never zero or less", () => {
    expect(recordingCapMs({ clips: true, questionSeconds: 30, linkSeconds: 60, fileSeconds: null, usedMs: 60_000 })).toBe(1000);
    expect(recordingCapMs({ clips: true, questionSeconds: null, linkSeconds: 60, fileSeconds: null, usedMs: 75_000 })).toBe(1000);
  });
  it("the cap is reached at its value, not before; no cap never stops", () => {
    expect(capReached(1999, 2000)).toBe(false);
    expect(capReached(2000, 2000)).toBe(true);
    expect(capReached(10_000_000, null)).toBe(false);
  });
});

describe("the size limit", () => {
  const MB = 1024 * 1024;
  it("stops while two more chunks like the last one would still fit, so the file stays under the limit", () => {
    expect(nearSizeLimit(7 * MB, 300_000, 10 * MB)).toBe(false);
    expect(nearSizeLimit(10 * MB - 600_000, 300_000, 10 * MB)).toBe(true);
    // the flush after stop adds at most one more chunk: still under the limit
    const at = 10 * MB - 600_001;
    expect(nearSizeLimit(at, 300_000, 10 * MB)).toBe(false);
    expect(at + 300_000 + 300_000).toBeLessThan(10 * MB);
  });
  it("a link without a size limit never stops a take for its size", () => {
    expect(nearSizeLimit(50 * 1024 * MB, 5 * MB, null)).toBe(false);
  });
});
