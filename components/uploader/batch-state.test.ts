// The uploader's transitions, one by one and through the edges a visitor meets: cancelling while
// the token is minted, retrying after a network error, resuming after a reload, several files,
// and the link's max_uploads.
// Over 200 lines: one table of transitions for one reducer, sharing the small builders at its top.
import { describe, expect, it } from "vitest";
import {
  batchReducer,
  initialBatch,
  isFinished,
  pace,
  planAdd,
  planSubmit,
  resumingIds,
  stillToSend,
  tokenUsable,
  type BatchAction,
  type BatchState,
} from "./batch-state";
import type { Item, Phase } from "./types";

const file = (name: string, size = 1000) => new File([new Uint8Array(size)], name, { type: "video/mp4", lastModified: 1 });
const item = (id: string, phase: Phase, size = 1000): Item => ({ id, file: file(`${id}.mp4`, size), previewUrl: `blob:${id}`, phase });
const reading = (bytes: number, total = 1000) => ({ bytes, total, percent: Math.floor((bytes / total) * 100), bytesPerSecond: null, secondsLeft: null });
const run = (s: BatchState, ...actions: BatchAction[]) => actions.reduce(batchReducer, s);
const phases = (s: BatchState) => s.items.map((i) => i.phase);
const withItems = (...items: Item[]): BatchState => ({ ...initialBatch, items });

describe("adding and checking files", () => {
  it("adds files as checking, then marks each ready or invalid with the reason spoken", () => {
    const s = run(
      initialBatch,
      { type: "add", items: [item("a", "checking"), item("b", "checking")], keepIds: [] },
      { type: "checked", id: "a", problem: null },
      { type: "checked", id: "b", problem: "too long" },
    );
    expect(phases(s)).toEqual(["ready", "invalid"]);
    expect(s.items[1]!.message).toBe("too long");
    expect(s.announcement).toBe("b.mp4 cannot be sent: too long");
  });

  it("a check that ends after the file was removed changes nothing", () => {
    const s = run(withItems(item("a", "checking")), { type: "remove", id: "a" }, { type: "checked", id: "a", problem: null });
    expect(s.items).toEqual([]);
  });

  it("planAdd keeps valid files, drops invalid ones and says when max_uploads left files out", () => {
    const items = [item("a", "ready"), item("b", "invalid")];
    expect(planAdd(items, 2, 3)).toEqual({ keep: [items[0]], take: 2, error: undefined });
    expect(planAdd(items, 4, 3).error).toBe("This link takes up to 3 files at a time; the extra ones were left out.");
    expect(planAdd(items, 4, 3).take).toBe(2);
  });

  it("planAdd on a one-file link replaces the chosen file and refuses a second one", () => {
    const items = [item("a", "ready")];
    expect(planAdd(items, 1, 1)).toEqual({ keep: [], take: 1, error: undefined });
    expect(planAdd(items, 2, 1)).toEqual({ keep: [], take: 1, error: "This link takes up to 1 file at a time; the extra ones were left out." });
  });

  it("planSubmit waits for checks, refuses an empty or all-invalid choice, else sends the ready files", () => {
    expect(planSubmit([item("a", "checking")])).toEqual({ error: "Still checking your files — press Upload again in a moment.", focus: null });
    expect(planSubmit([])).toEqual({ error: "Please choose a video or photo to upload.", focus: "picker" });
    expect(planSubmit([item("a", "invalid")])).toEqual({ error: "None of the chosen files can be sent. Please choose another one.", focus: "picker" });
    expect(planSubmit([item("a", "ready"), item("b", "invalid"), item("c", "ready")])).toEqual({ ids: ["a", "c"] });
  });
});

describe("a run", () => {
  const two = withItems(item("a", "ready"), item("b", "ready"));

  it("start queues the files, clears old messages and the notice, and marks the batch running", () => {
    const before: BatchState = { ...withItems({ ...item("a", "failed"), message: "old", note: "n" }), notice: { text: "x", retryable: true } };
    const s = run(before, { type: "start", ids: ["a"] });
    expect(s.running).toBe(true);
    expect(s.notice).toBeUndefined();
    expect(s.items[0]).toMatchObject({ phase: "queued", message: undefined, note: undefined, reading: undefined });
  });

  it("several files go through one after the other to confirming and done", () => {
    let s = run(two, { type: "start", ids: ["a", "b"] }, { type: "fileStarted", id: "a", reading: reading(0) });
    expect(phases(s)).toEqual(["uploading", "queued"]);
    expect(s.announcement).toBe("Uploading a.mp4.");
    s = run(s, { type: "progress", id: "a", reading: reading(500) }, { type: "sent", id: "a", ticket: "t", photoId: "p1", reading: reading(1000) });
    expect(s.items[0]).toMatchObject({ phase: "confirming", ticket: "t", photoId: "p1" });
    s = run(s, { type: "fileStarted", id: "b", reading: reading(0) }, { type: "sent", id: "b", ticket: "t", photoId: "p2", reading: reading(1000) });
    s = run(s, { type: "finished" }, { type: "settled", id: "a", ok: true, text: "Received and confirmed" });
    expect(isFinished(s)).toBe(false); // b still confirming
    s = run(s, { type: "settled", id: "b", ok: false, text: "The video library could not confirm this upload" });
    expect(phases(s)).toEqual(["done", "failed"]);
    expect(s.items[0]!.stateText).toBe("Received and confirmed");
    expect(s.announcement).toBe("b.mp4: The video library could not confirm this upload.");
    expect(isFinished(s)).toBe(true);
  });

  it("a refusal by TwentyThree fails the file in its words; an unanswered upload is done, unconfirmed", () => {
    const s = run(two, { type: "start", ids: ["a", "b"] }, { type: "refused", id: "a", message: "Not a video" }, { type: "sentUnconfirmed", id: "b" });
    expect(s.items[0]).toMatchObject({ phase: "failed", message: "The video library said: Not a video" });
    expect(s.items[1]).toMatchObject({ phase: "done", stateText: "Sent — the team will confirm it shortly" });
  });

  it("a refused mint puts the files back to ready with a notice that says whether to retry", () => {
    const s = run(
      two,
      { type: "start", ids: ["a", "b"] },
      { type: "prepareFailed", ids: ["a", "b"], message: "Please check the highlighted fields.", retryable: false },
      { type: "finished" },
    );
    expect(phases(s)).toEqual(["ready", "ready"]);
    expect(s.notice).toEqual({ text: "Please check the highlighted fields.", retryable: false });
    expect(s.running).toBe(false);
  });

  it("cancel during mint: the file stays cancelled even when the mint then fails", () => {
    let s = run(two, { type: "start", ids: ["a", "b"] }, { type: "cancelled", id: "b" });
    expect(phases(s)).toEqual(["queued", "cancelled"]);
    expect(s.announcement).toBe("Upload of b.mp4 cancelled.");
    s = run(s, { type: "prepareFailed", ids: ["a", "b"], message: "TwentyThree is not answering", retryable: true });
    expect(phases(s)).toEqual(["ready", "cancelled"]);
  });

  it("cancel while uploading; a late abort after the file was sent does not undo it", () => {
    let s = run(
      two,
      { type: "start", ids: ["a", "b"] },
      { type: "fileStarted", id: "a", reading: reading(0) },
      { type: "note", id: "a", note: "Connection trouble — trying again…" },
      { type: "cancelled", id: "a" },
    );
    expect(s.items[0]).toMatchObject({ phase: "cancelled", note: undefined });
    s = run(
      s,
      { type: "fileStarted", id: "b", reading: reading(0) },
      { type: "sent", id: "b", ticket: "t", photoId: "p", reading: reading(1000) },
      { type: "cancelled", id: "b" },
    );
    expect(s.items[1]!.phase).toBe("confirming");
  });

  it("retry after a network error: failed → ready (message cleared) → queued in a new run", () => {
    let s = run(
      withItems(item("a", "ready")),
      { type: "start", ids: ["a"] },
      { type: "fileStarted", id: "a", reading: reading(0) },
      { type: "failed", id: "a", message: "The connection dropped." },
      { type: "finished" },
    );
    expect(s.items[0]).toMatchObject({ phase: "failed", message: "The connection dropped." });
    expect(s.announcement).toBe("a.mp4 could not be sent. The connection dropped.");
    s = run(s, { type: "retry", id: "a" });
    expect(s.items[0]).toMatchObject({ phase: "ready", message: undefined, reading: undefined });
    s = run(s, { type: "start", ids: ["a"] });
    expect(s.items[0]!.phase).toBe("queued");
  });

  it("the no-CORS fallback sends the first file and keeps the others for later, saying so", () => {
    const s = run(two, { type: "start", ids: ["a", "b"] }, { type: "fallback", ids: ["a", "b"] });
    expect(phases(s)).toEqual(["uploading", "ready"]);
    expect(s.notice?.text).toMatch(/one file at a time/);
    expect(s.announcement).toBe("Uploading a.mp4. Keep this page open.");
  });

  it("settling only applies to a file that is waiting for confirmation", () => {
    const s = run(withItems(item("a", "cancelled")), { type: "settled", id: "a", ok: true, text: "Received" });
    expect(s.items[0]!.phase).toBe("cancelled");
  });
});

describe("step helpers", () => {
  it("resume after reload: only large files with a stored record reuse their token", () => {
    const items = [item("big", "queued", 5000), item("small", "queued", 10), item("fresh", "queued", 5000)];
    const stored = (f: File) => f.name !== "fresh.mp4";
    expect([...resumingIds(items, ["big", "small", "fresh"], 1000, stored)]).toEqual(["big"]);
  });

  it("a new token is minted for the files still to send, not the resuming or finished ones", () => {
    const items = [item("a", "queued"), item("b", "uploading"), item("c", "cancelled"), item("d", "queued")];
    expect(stillToSend(items, ["a", "b", "c", "d"], new Set(["d"]))).toBe(2);
  });

  it("a token is reused only with uses left and more than a minute to live", () => {
    const now = Date.parse("2026-11-27T12:00:00Z");
    const t = { validUntil: "2026-11-27T12:05:00Z" };
    expect(tokenUsable(t, 1, now)).toBe(true);
    expect(tokenUsable(t, 0, now)).toBe(false);
    expect(tokenUsable({ validUntil: "2026-11-27T12:00:30Z" }, 1, now)).toBe(false);
    expect(tokenUsable(null, 1, now)).toBe(false);
  });

  it("progress is painted at most every 100 ms (always at 100 %) and spoken per quarter at most every 5 s", () => {
    let p = { paintedAt: 0, spoken: { step: 0, at: 0 } };
    let r = pace(p, 10, 1000);
    expect(r).toMatchObject({ paint: true, speak: null });
    p = r.next;
    expect(pace(p, 12, 1050).paint).toBe(false);
    expect(pace(p, 100, 1050).paint).toBe(true);
    r = pace(p, 30, 6001);
    expect(r.speak).toBe(25);
    p = r.next;
    expect(pace(p, 60, 7000).speak).toBeNull(); // too soon after the last one
    expect(pace(p, 60, 11_002).speak).toBe(50);
    expect(pace(p, 100, 20_000).speak).toBeNull(); // the end is said by the "sent" message
  });
});
