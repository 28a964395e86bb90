// A link's recording settings as the public page and the mint see them, and the server's check of
// the RecordingMeta a visitor's browser sends with prepareUpload. Pure functions (no database), so
// the same rules are unit-tested and shared by every caller.
import type { IntakeLink } from "@/generated/prisma/client";
import { questionSchema, type Question, type RecordingMeta, type RecordingSettings } from "./types";

type RecordingColumns = Pick<IntakeLink, "allowRecord" | "allowUpload" | "allowScreen" | "recordMode" | "questions" | "maxRecordSeconds">;

/**
 * Seconds a recording may run past its cap: the browser stops at the cap, but its clock, the
 * container's rounding and a last 1 s chunk may add a little. Beyond this the meta is refused.
 */
export const DURATION_SLACK_SECONDS = 3;

/** The stored questions, skipping anything malformed (a row written before the schema or by hand). */
export function storedQuestions(raw: unknown): Question[] {
  if (!Array.isArray(raw)) return [];
  const out: Question[] = [];
  const seen = new Set<string>();
  for (const q of raw) {
    const r = questionSchema.safeParse(q);
    if (r.success && !seen.has(r.data.id)) {
      seen.add(r.data.id);
      out.push(r.data);
    }
  }
  return out;
}

export function recordingSettings(link: RecordingColumns): RecordingSettings {
  return {
    allowRecord: link.allowRecord,
    // A link must take something: one that allows neither falls back to files.
    allowUpload: link.allowUpload || !link.allowRecord,
    allowScreen: link.allowRecord && link.allowScreen,
    mode: link.recordMode,
    questions: storedQuestions(link.questions),
    maxSeconds: link.maxRecordSeconds,
  };
}

export type MetaCheck = { ok: true; question?: Question } | { ok: false; message: string };

const refuse = (message: string): MetaCheck => ({ ok: false, message });

/**
 * Is this recording one the link asked for? Besides the shape (recordingMetaSchema), the ids must
 * be the link's questions, marks ascending within the take, the length within the link's caps.
 * `recording` absent means a picked file: refused when the link takes recordings only.
 * Messages name no field: the visitor did nothing wrong in a form, the recording is not accepted.
 */
export function checkRecording(settings: RecordingSettings, meta: RecordingMeta | undefined, fileCount: number): MetaCheck {
  if (!meta) return settings.allowUpload ? { ok: true } : refuse("This link takes recordings made on this page, not files. Please record your video here.");
  if (!settings.allowRecord) return refuse("This link does not take recordings. Please choose a video file instead.");
  if (meta.source === "screen" && !settings.allowScreen) return refuse("This link does not take screen recordings. Please record with your camera.");
  if (fileCount !== 1) return refuse("A recording is sent as one video. Please try again.");
  const byId = new Map(settings.questions.map((q) => [q.id, q]));
  const tooLong = (cap: number | null | undefined) => cap != null && meta.durationSeconds > cap + DURATION_SLACK_SECONDS;
  if (tooLong(settings.maxSeconds))
    return refuse(`This recording is longer than the ${settings.maxSeconds} seconds this link allows. Please record a shorter one.`);

  if (settings.mode === "CLIPS") {
    if (meta.kind !== "clip" || !meta.questionId || meta.marks?.length) return refuse("This link asks for one clip per question. Please record again.");
    const question = byId.get(meta.questionId);
    if (!question) return refuse("This recording answers a question the link no longer asks. Please reload the page and record again.");
    if (tooLong(question.limitSeconds))
      return refuse(`This answer is longer than the ${question.limitSeconds} seconds allowed for it. Please record a shorter one.`);
    return { ok: true, question };
  }

  if (meta.kind !== "take" || meta.questionId) return refuse("This link asks for one recording with all questions. Please record again.");
  const marks = meta.marks ?? [];
  const used = new Set<string>();
  let last = -1;
  for (const m of marks) {
    if (!byId.has(m.questionId) || used.has(m.questionId))
      return refuse("This recording answers a question the link no longer asks. Please reload the page and record again.");
    if (m.startSeconds <= last || m.startSeconds > meta.durationSeconds)
      return refuse("The question times of this recording do not fit it. Please record again.");
    used.add(m.questionId);
    last = m.startSeconds;
  }
  return { ok: true };
}

/** The video's title on TwentyThree: the visitor's, else the link's (with the name), a clip's with its question. */
export function videoTitle(linkTitle: string, details: { title?: string; name?: string }, question?: Question): string {
  const base = details.title ?? (details.name ? `${linkTitle} — ${details.name}` : linkTitle);
  return question ? `${base}: ${question.text}`.slice(0, 200) : base;
}
