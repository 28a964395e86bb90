// The link form's recording settings (issue #15), one nested object of linkSchema so the shared
// link schema needs one line. The questions arrive as one JSON field written by
// components/admin/link-recording-fields.tsx.
import { z } from "zod";
import { questionSchema, RECORD_MODES, type RecordingSettings } from "@/lib/recording/types";

export const MAX_QUESTIONS = 20;

export const recordingLinkSchema = z
  .object({
    allowRecord: z.boolean(),
    allowUpload: z.boolean(),
    allowScreen: z.boolean(),
    recordMode: z.enum(RECORD_MODES, { error: "Choose how answers are recorded." }),
    questions: z
      .array(questionSchema, { error: "The questions could not be read; please reload the page." })
      .max(MAX_QUESTIONS, `Use at most ${MAX_QUESTIONS} questions.`)
      .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, "Each question must appear once."),
    maxRecordSeconds: z.preprocess(
      (v) => (v === "" || v === null || v === undefined ? null : v),
      z.coerce
        .number({ error: "Maximum recording length must be a number." })
        .int("Maximum recording length must be a whole number of seconds.")
        .min(10, "Maximum recording length must be at least 10 seconds.")
        .max(7200, "Maximum recording length must be at most 7200 seconds (2 hours).")
        .nullable(),
    ),
  })
  .refine((r) => r.allowRecord || r.allowUpload, "Let visitors record, pick files, or both.")
  .refine((r) => !r.allowRecord || r.recordMode !== "CLIPS" || r.questions.length > 0, "One clip per question needs at least one question.")
  .transform((r) => ({ ...r, allowScreen: r.allowRecord && r.allowScreen }));

/** A link saved without recording settings (older callers) takes files only, as before #15. */
export const recordingLinkDefault = (): RecordingFormDefaults => ({
  allowRecord: false,
  allowUpload: true,
  allowScreen: false,
  recordMode: "ONE_TAKE",
  questions: [],
  maxRecordSeconds: null,
});

/** What the form posts: `visitorsMay` (record / upload / both), the mode, a JSON list of questions. */
export function recordingFormInput(f: FormData): Record<string, unknown> {
  const may = String(f.get("visitorsMay") ?? "upload");
  let questions: unknown;
  try {
    questions = JSON.parse(String(f.get("questions") ?? "[]"));
  } catch {
    questions = null; // refused by the schema with a sentence
  }
  return {
    allowRecord: may === "record" || may === "both",
    allowUpload: may === "upload" || may === "both",
    allowScreen: f.get("allowScreen") === "on",
    recordMode: String(f.get("recordMode") ?? "ONE_TAKE"),
    questions,
    maxRecordSeconds: String(f.get("maxRecordSeconds") ?? ""),
  };
}

/** The form's starting values: a link's settings, or the defaults for a new link. */
export type RecordingFormDefaults = Omit<RecordingSettings, "mode" | "maxSeconds"> & { recordMode: RecordingSettings["mode"]; maxRecordSeconds: number | null };
