import { describe, expect, it } from "vitest";
import { embedEventsBetween } from "./embed-events";
import type { Item } from "./types";

const item = (p: Partial<Item>): Item => ({ id: "f1", file: new File(["x"], "a.mp4"), previewUrl: "", phase: "ready", ...p });
const reading = (percent: number) => ({ bytes: percent, total: 100, percent, bytesPerSecond: null, secondsLeft: null });

describe("embed events from uploader state", () => {
  it("a file's life gives started, progress, done with the photo id, in order", () => {
    const seen = new Map();
    const steps: Item[][] = [
      [item({ phase: "ready" })],
      [item({ phase: "uploading", reading: reading(0) })],
      [item({ phase: "uploading", reading: reading(40) })],
      [item({ phase: "uploading", reading: reading(40) })],
      [item({ phase: "confirming", reading: reading(100), photoId: "p9" })],
      [item({ phase: "done", reading: reading(100), photoId: "p9" })],
    ];
    const events = [];
    for (const items of steps) {
      events.push(...embedEventsBetween(seen, items));
      seen.clear();
      for (const i of items) seen.set(i.id, { phase: i.phase, percent: Math.floor(i.reading?.percent ?? 0) });
    }
    expect(events.map((e) => e.type)).toEqual(["upload:started", "upload:progress", "upload:progress", "upload:done"]);
    expect(events.at(-1)).toEqual({ type: "upload:done", id: "f1", photoId: "p9" });
  });

  it("a failure is reported once with its message", () => {
    const seen = new Map<string, { phase: Item["phase"]; percent: number }>([["f1", { phase: "uploading", percent: 10 }]]);
    expect(embedEventsBetween(seen, [item({ phase: "failed", message: "Too big" })])).toEqual([{ type: "upload:failed", id: "f1", message: "Too big" }]);
    seen.set("f1", { phase: "failed", percent: 10 });
    expect(embedEventsBetween(seen, [item({ phase: "failed", message: "Too big" })])).toEqual([]);
  });
});
