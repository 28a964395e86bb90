import { describe, expect, it } from "vitest";
import { currentQuestion, nextQuestion, pauseTimeline, recordedMs, resumeTimeline, startTimeline, stopTimeline, timelineMarks } from "./timeline";

const ids = ["q1", "q2", "q3"];

describe("question timeline", () => {
  it("marks each question at the recorded time it was shown, the first at 0", () => {
    let t = startTimeline(1000);
    t = nextQuestion(t, 6000, 3);
    t = nextQuestion(t, 13_500, 3);
    t = stopTimeline(t, 20_000);
    expect(timelineMarks(t, ids)).toEqual([
      { questionId: "q1", startSeconds: 0 },
      { questionId: "q2", startSeconds: 5 },
      { questionId: "q3", startSeconds: 12.5 },
    ]);
    expect(recordedMs(t, 99_999)).toBe(19_000);
  });

  it("leaves paused time out, as the recording does", () => {
    let t = startTimeline(0);
    t = pauseTimeline(t, 4000);
    expect(recordedMs(t, 9000)).toBe(4000); // the clock stands still while paused
    t = nextQuestion(t, 9000, 3); // pressed while paused: marked where the video resumes
    t = resumeTimeline(t, 10_000);
    t = nextQuestion(t, 12_000, 3);
    t = stopTimeline(t, 15_000);
    expect(timelineMarks(t, ids).map((m) => m.startSeconds)).toEqual([0, 4, 6]);
    expect(recordedMs(t, 15_000)).toBe(9000);
  });

  it("stopping while paused ends the take at the pause", () => {
    let t = pauseTimeline(startTimeline(0), 3000);
    t = stopTimeline(t, 8000);
    expect(recordedMs(t, 20_000)).toBe(3000);
  });

  it("a double pause or resume changes nothing", () => {
    let t = pauseTimeline(startTimeline(0), 1000);
    t = pauseTimeline(t, 2000);
    t = resumeTimeline(t, 3000);
    t = resumeTimeline(t, 4000);
    expect(recordedMs(t, 5000)).toBe(3000);
  });

  it("never marks past the last question or after stop", () => {
    let t = startTimeline(0);
    for (const at of [1000, 2000, 3000, 4000]) t = nextQuestion(t, at, 3);
    expect(currentQuestion(t)).toBe(2);
    t = stopTimeline(t, 5000);
    expect(nextQuestion(t, 6000, 3)).toBe(t);
    expect(timelineMarks(t, ids)).toHaveLength(3);
  });

  it("a take without questions has no marks", () => {
    expect(timelineMarks(stopTimeline(startTimeline(0), 1000), [])).toEqual([]);
  });
});
