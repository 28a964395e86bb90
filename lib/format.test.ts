import { describe, expect, it } from "vitest";
import { formatBytes, formatDuration, formatWhen } from "./format";

describe("format", () => {
  it("formats sizes in one way for admin and visitor pages", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(97_536)).toBe("95.3 KB");
    expect(formatBytes(150 * 1024)).toBe("150 KB");
    expect(formatBytes(20 * 1024 * 1024)).toBe("20.0 MB");
    expect(formatBytes(BigInt(3) * BigInt(1024 ** 3))).toBe("3.0 GB");
    expect(formatBytes(null)).toBe("—");
  });
  it("formats durations and moments", () => {
    expect(formatDuration(5)).toBe("5 s");
    expect(formatDuration(125)).toBe("2 min 5 s");
    expect(formatDuration(3725)).toBe("1 h 2 min");
    expect(formatWhen("2026-11-27T14:05:59.000Z")).toBe("2026-11-27 14:05 UTC");
    expect(formatWhen(null)).toBe("—");
  });
});
