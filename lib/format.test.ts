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
  it("words sizes and lengths in the visitor's language (issue #18)", () => {
    // Intl separates some units with a no-break space (French); read it as a space
    const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");
    expect(plain(formatBytes(97_536, "da"))).toBe("95,3 kB");
    expect(plain(formatBytes(97_536, "de"))).toBe("95,3 kB");
    expect(plain(formatBytes(97_536, "fr"))).toBe("95,3 ko");
    expect(plain(formatBytes(97_536, "en"))).toBe("95.3 kB");
    expect(plain(formatBytes(20 * 1024 * 1024, "sv"))).toBe("20,0 MB");
    expect(plain(formatBytes(512, "de"))).toBe("512 Byte");
    expect(plain(formatDuration(125, "de"))).toBe("2 Min. 5 Sek.");
    expect(plain(formatDuration(125, "da"))).toBe("2 min. 5 sek.");
    expect(plain(formatDuration(3725, "fr"))).toBe("1 h 2 min");
  });
  it("formats durations and moments", () => {
    expect(formatDuration(5)).toBe("5 s");
    expect(formatDuration(125)).toBe("2 min 5 s");
    expect(formatDuration(3725)).toBe("1 h 2 min");
    expect(formatWhen("2026-11-27T14:05:59.000Z")).toBe("2026-11-27 14:05 UTC");
    expect(formatWhen(null)).toBe("—");
  });
});
