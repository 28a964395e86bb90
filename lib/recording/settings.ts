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

/** Why a recording is refused: a key of "visitorRefusals" in messages/*.json (worded in the visitor's language by the mint). */
export type RecordingRefusal =
  | "recordHere"
  | "noRecordings"
  | "noScreen"
  | "oneVideo"
  | "recordingTooLong"
  | "oneClipPerQuestion"
  | "questionGone"
  | "answerTooLong"
  | "oneTake"
  | "marksDoNotFit";
export type MetaCheck = { ok: true; question?: Question } | { ok: false; code: RecordingRefusal; values?: { seconds: number } };

const refuse = (code: RecordingRefusal, seconds?: number): MetaCheck => ({ ok: false, code, ...(seconds === undefined ? {} : { values: { seconds } }) });

/**
 * Is this recording one the link asked for? Besides the shape (recordingMetaSchema), the ids must
 * be the link's questions, marks ascending within the take, the length within the link's caps.
 * `recording` absent means a picked file: refused when the link takes recordings only.
 * Refusals name no field: the visitor did nothing wrong in a form, the recording is not accepted.
 */
export function checkRecording(settings: RecordingSettings, meta: RecordingMeta | undefined, fileCount: number): MetaCheck {
  if (!meta) return settings.allowUpload ? { ok: true } : refuse("recordHere");
  if (!settings.allowRecord) return refuse("noRecordings");
  if (meta.source === "screen" && !settings.allowScreen) return refuse("noScreen");
  if (fileCount !== 1) return refuse("oneVideo");
  const byId = new Map(settings.questions.map((q) => [q.id, q]));
  const tooLong = (cap: number | null | undefined) => cap != null && meta.durationSeconds > cap + DURATION_SLACK_SECONDS;
  if (tooLong(settings.maxSeconds)) return refuse("recordingTooLong", settings.maxSeconds!);

  if (settings.mode === "CLIPS") {
    if (meta.kind !== "clip" || !meta.questionId || meta.marks?.length) return refuse("oneClipPerQuestion");
    const question = byId.get(meta.questionId);
    if (!question) return refuse("questionGone");
    if (tooLong(question.limitSeconds)) return refuse("answerTooLong", question.limitSeconds!);
    return { ok: true, question };
  }

  if (meta.kind !== "take" || meta.questionId) return refuse("oneTake");
  const marks = meta.marks ?? [];
  const used = new Set<string>();
  let last = -1;
  for (const m of marks) {
    if (!byId.has(m.questionId) || used.has(m.questionId)) return refuse("questionGone");
    if (m.startSeconds <= last || m.startSeconds > meta.durationSeconds) return refuse("marksDoNotFit");
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
