// The contract between the link settings (what an admin asks visitors to record), the
// browser recorder (components/recorder/) and the mint (prepareUpload), for issue #15.
// Plain types and zod schemas only, so browser and server code can both import them.
import { z } from "zod";

/** One take with "Next question" marks, or one clip per question (one response, several videos). */
export const RECORD_MODES = ["ONE_TAKE", "CLIPS"] as const;
export type RecordMode = (typeof RECORD_MODES)[number];

export const questionSchema = z.object({
  /** Stable id (uuid or short random), kept when the admin reorders or edits the text. */
  id: z.string().min(1).max(64),
  text: z.string().trim().min(1).max(300),
  note: z.string().trim().max(500).optional(),
  /** Per-answer limit in seconds (clip mode: the clip's cap; one take: a hint on screen). */
  limitSeconds: z.number().int().min(5).max(3600).optional(),
});
export type Question = z.infer<typeof questionSchema>;

/** What the public page gets about recording (part of PublicLinkView as `recording`). */
export type RecordingSettings = {
  allowRecord: boolean;
  allowUpload: boolean;
  allowScreen: boolean;
  mode: RecordMode;
  questions: Question[];
  /** Overall cap of one take (or of all clips of one response), in seconds; null = no cap. */
  maxSeconds: number | null;
};

/** Sent with prepareUpload for a recorded video; checked on the server against the link's questions. */
export const recordingMetaSchema = z.object({
  /** One id per response: the one take, or all clips of one clip-mode response. */
  responseId: z.string().uuid(),
  kind: z.enum(["take", "clip"]),
  /** Clip mode: which question this clip answers. */
  questionId: z.string().min(1).max(64).optional(),
  /** One-take mode: when each question was shown, seconds from the start of the recording, ascending. */
  marks: z
    .array(z.object({ questionId: z.string().min(1).max(64), startSeconds: z.number().min(0).max(86_400) }))
    .max(50)
    .optional(),
  durationSeconds: z.number().min(0).max(86_400),
  source: z.enum(["camera", "screen"]),
});
export type RecordingMeta = z.infer<typeof recordingMetaSchema>;
