import { describe, expect, it } from "vitest";
import { checkRecording, recordingSettings, storedQuestions, videoTitle } from "@/lib/recording/settings";
import type { RecordingMeta, RecordingSettings } from "@/lib/recording/types";

const questions = [
  { id: "q1", text: "Who are you?" },
  { id: "q2", text: "What changed?", limitSeconds: 30 },
  { id: "q3", text: "Would you recommend us?" },
];
const take: RecordingSettings = { allowRecord: true, allowUpload: true, allowScreen: false, mode: "ONE_TAKE", questions, maxSeconds: 120 };
const clips: RecordingSettings = { ...take, mode: "CLIPS" };
const responseId = "2f1c1d0e-2b7a-4c1e-9a53-1f0d8b0c9e11";
const meta = (m: Partial<RecordingMeta>): RecordingMeta => ({ responseId, kind: "take", durationSeconds: 60, source: "camera", ...m });
const marks = (...t: [string, number][]) => t.map(([questionId, startSeconds]) => ({ questionId, startSeconds }));

describe("checkRecording: one take", () => {
  it("accepts marks of the link's questions in ascending order within the take", () => {
    expect(checkRecording(take, meta({ marks: marks(["q1", 0], ["q2", 12.5], ["q3", 40]) }), 1)).toEqual({ ok: true });
  });
  it.each([
    ["an unknown question", marks(["q1", 0], ["qX", 10]), "questionGone"],
    ["a question twice", marks(["q1", 0], ["q1", 10]), "questionGone"],
    ["descending marks", marks(["q1", 0], ["q3", 30], ["q2", 20]), "marksDoNotFit"],
    ["equal marks", marks(["q1", 5], ["q2", 5]), "marksDoNotFit"],
    ["a mark after the end", marks(["q1", 0], ["q2", 61]), "marksDoNotFit"],
  ])("refuses %s", (_name, m, code) => {
    const r = checkRecording(take, meta({ marks: m }), 1);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toBe(code);
  });
  it("refuses a take longer than the link's cap plus a little slack, accepts one within it", () => {
    expect(checkRecording(take, meta({ durationSeconds: 122 }), 1).ok).toBe(true);
    expect(checkRecording(take, meta({ durationSeconds: 130 }), 1)).toMatchObject({ ok: false, code: "recordingTooLong", values: { seconds: 120 } });
  });
  it("refuses a clip on a one-take link, several files, and a screen recording the link does not allow", () => {
    expect(checkRecording(take, meta({ kind: "clip", questionId: "q1" }), 1).ok).toBe(false);
    expect(checkRecording(take, meta({}), 2).ok).toBe(false);
    expect(checkRecording(take, meta({ source: "screen" }), 1)).toMatchObject({ ok: false, code: "noScreen" });
    expect(checkRecording({ ...take, allowScreen: true }, meta({ source: "screen" }), 1).ok).toBe(true);
  });
});

describe("checkRecording: clips and files", () => {
  it("accepts a clip of a known question and returns that question", () => {
    expect(checkRecording(clips, meta({ kind: "clip", questionId: "q2", durationSeconds: 20 }), 1)).toEqual({ ok: true, question: questions[1] });
  });
  it("refuses a clip past its question's limit, of an unknown question, or with marks", () => {
    expect(checkRecording(clips, meta({ kind: "clip", questionId: "q2", durationSeconds: 40 }), 1)).toMatchObject({
      code: "answerTooLong",
      values: { seconds: 30 },
    });
    expect(checkRecording(clips, meta({ kind: "clip", questionId: "nope" }), 1).ok).toBe(false);
    expect(checkRecording(clips, meta({ kind: "clip", questionId: "q1", marks: marks(["q1", 0]) }), 1).ok).toBe(false);
    expect(checkRecording(clips, meta({ kind: "take" }), 1).ok).toBe(false);
  });
  it("refuses recordings on a files-only link and files on a recordings-only link", () => {
    expect(checkRecording({ ...take, allowRecord: false }, meta({}), 1)).toMatchObject({
      ok: false,
      code: "noRecordings",
    });
    expect(checkRecording({ ...take, allowUpload: false }, undefined, 3)).toMatchObject({ ok: false, code: "recordHere" });
    expect(checkRecording(take, undefined, 3)).toEqual({ ok: true });
  });
});

describe("stored settings", () => {
  it("skip malformed or repeated questions and never leave a link taking nothing", () => {
    expect(storedQuestions([{ id: "a", text: "A" }, { id: "a", text: "again" }, { text: "no id" }, "x"])).toEqual([{ id: "a", text: "A" }]);
    const s = recordingSettings({ allowRecord: false, allowUpload: false, allowScreen: true, recordMode: "ONE_TAKE", questions: null, maxRecordSeconds: null });
    expect(s).toMatchObject({ allowUpload: true, allowScreen: false, questions: [] });
  });
  it("title clips with their question", () => {
    expect(videoTitle("Stories", {}, questions[0])).toBe("Stories: Who are you?");
    expect(videoTitle("Stories", { name: "Ada" })).toBe("Stories — Ada");
    expect(videoTitle("Stories", { title: "My story", name: "Ada" }, questions[1])).toBe("My story: What changed?");
  });
});
