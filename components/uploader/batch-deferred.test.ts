// Details while uploading (#15): a kept take goes up at once and waits for its details; the batch
// is not finished (no "Thank you") until they are sent, and Upload with only such takes sends the
// details instead of asking for a file. A record-only link points an empty Upload at the recorder.
import { describe, expect, it } from "vitest";
import { batchReducer, initialBatch, isFinished, needsDetails, planSubmit, type BatchAction, type BatchState } from "./batch-state";
import type { Item, Phase } from "./types";

const take = (id: string, phase: Phase, more: Partial<Item> = {}): Item => ({
  id,
  file: new File([new Uint8Array(10)], `${id}.webm`, { type: "video/webm" }),
  previewUrl: `blob:${id}`,
  phase,
  recording: { responseId: "r", kind: "take", source: "camera", durationSeconds: 2 },
  ...more,
});
const run = (s: BatchState, ...actions: BatchAction[]) => actions.reduce(batchReducer, s);
const withItems = (...items: Item[]): BatchState => ({ ...initialBatch, items });

describe("a take sent before its details", () => {
  it("goes up at once without making the batch run, so the details form stays open", () => {
    const s = run(withItems(take("t", "ready")), { type: "early", id: "t" });
    expect(s.running).toBe(false);
    expect(s.items[0]).toMatchObject({ phase: "queued", deferred: true, detailsApplied: false });
    expect(needsDetails(s.items[0]!)).toBe(true);
  });
  it("confirmed before the details came: no thank-you yet; once they are sent, finished", () => {
    const sent = run(withItems(take("t", "ready")), { type: "early", id: "t" }, { type: "settled", id: "t", ok: false, text: "" });
    const done = { ...sent, items: sent.items.map((i) => ({ ...i, phase: "done" as const })) };
    expect(isFinished(done)).toBe(false);
    expect(isFinished(run(done, { type: "detailsApplied", id: "t" }))).toBe(true);
  });
  it("an early mint that did not happen puts the take back to wait for Upload, with the reason shown", () => {
    const s = run(
      withItems(take("t", "ready")),
      { type: "early", id: "t" },
      { type: "earlyFailed", id: "t", notice: { text: "Too many uploads", retryable: true } },
    );
    expect(s.items[0]).toMatchObject({ phase: "ready", deferred: false });
    expect(needsDetails(s.items[0]!)).toBe(false);
    expect(s.notice).toEqual({ text: "Too many uploads", retryable: true });
  });
  it("a failed or cancelled early take no longer waits for details", () => {
    expect(needsDetails(take("t", "failed", { deferred: true }))).toBe(false);
    expect(needsDetails(take("t", "cancelled", { deferred: true }))).toBe(false);
    expect(needsDetails(take("t", "uploading", { deferred: true, detailsApplied: true }))).toBe(false);
  });
});

describe("pressing Upload", () => {
  it("with only takes on their way: sends their details (nothing new to upload), no file asked for", () => {
    expect(planSubmit([take("t", "uploading", { deferred: true, detailsApplied: false })])).toEqual({ ids: [] });
  });
  it("with details already sent and nothing else: asks for something to send", () => {
    expect(planSubmit([take("t", "done", { deferred: true, detailsApplied: true })])).toMatchObject({ focus: "picker" });
  });
  it("on a record-only link (no file picker): asks for a recording and points at the recorder", () => {
    expect(planSubmit([], false)).toEqual({ error: "Please record a video first.", focus: "record" });
    expect(planSubmit([take("t", "invalid")], false)).toEqual({ error: "This recording cannot be sent. Please record again.", focus: "record" });
  });
});
