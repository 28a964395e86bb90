// What the admin's upload page shows of a recording (issue #15): the questions of a one take with
// the times they were shown and whether their chapters exist on TwentyThree, or all clips of the
// response a clip belongs to.
import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { chapterMarks } from "./chapters";

export type RecordingView = {
  kind: "take" | "clip";
  source: "camera" | "screen";
  durationSeconds: number;
  /** One take: each question with when it was shown (seconds from the start). */
  marks: { questionId: string; title: string; startSeconds: number; chaptered: boolean }[];
  chapters: { state: "PENDING" | "DONE" | "FAILED" | null; error: string | null };
  /** Clips: every clip of this response, this one included, in the order they were recorded. */
  clips: { uploadId: string; question: string; state: string; current: boolean }[];
};

type Stored = { kind?: "take" | "clip"; source?: "camera" | "screen"; durationSeconds?: number; questionId?: string; texts?: Record<string, string> };

export const recordingView = cache(async (uploadId: string): Promise<RecordingView | null> => {
  const upload = await db().upload.findUnique({
    where: { id: uploadId },
    select: {
      chapters: true,
      chaptersError: true,
      sections: { select: { questionId: true } },
      token: { select: { recording: true, responseId: true } },
    },
  });
  const rec = upload?.token.recording as Stored | null | undefined;
  if (!upload || !rec?.kind) return null;
  const chaptered = new Set(upload.sections.map((s) => s.questionId));
  const clips =
    rec.kind === "clip" && upload.token.responseId
      ? await db().upload.findMany({
          // Only rows TwentyThree confirmed: a forged claim on the same token names someone else's video.
          where: { token: { responseId: upload.token.responseId }, OR: [{ verifiedAt: { not: null } }, { id: uploadId }] },
          orderBy: { createdAt: "asc" },
          take: 50,
          select: { id: true, state: true, token: { select: { recording: true } } },
        })
      : [];
  return {
    kind: rec.kind,
    source: rec.source ?? "camera",
    durationSeconds: rec.durationSeconds ?? 0,
    marks: chapterMarks(rec).map((m) => ({ ...m, chaptered: chaptered.has(m.questionId) })),
    chapters: { state: upload.chapters, error: upload.chaptersError },
    clips: clips.map((c) => {
      const r = c.token.recording as Stored | null;
      return { uploadId: c.id, question: (r?.questionId && r.texts?.[r.questionId]) || "—", state: c.state, current: c.id === uploadId };
    }),
  };
});
