// Issue #15: once a one-take recording is confirmed, one chapter (TwentyThree section) per question,
// starting when the question was shown. Run by the chapters job (lib/jobs), retried with backoff.
//
// Never twice: each created section is recorded (upload_sections, one row per upload + question)
// the moment TwentyThree answers; a section created but not recorded (the process died in between)
// is recognised on TwentyThree's list by its start and title before anything is created; and one
// transaction-scoped advisory lock per upload keeps two workers from running it at once.
import { Prisma } from "@/generated/prisma/client";
import { clientFor } from "@/lib/connections";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { twentyThreeErrorOf, type Section } from "@/lib/twentythree";
import type { RecordingMeta } from "./types";

/** Attempts before the chapters are given up (the admin sees "failed" and the error). */
export const CHAPTERS_MAX_ATTEMPTS = 8;

export type ChaptersResult =
  { kind: "skipped" } | { kind: "busy" } | { kind: "done"; created: number } | { kind: "retry"; error: string } | { kind: "failed"; error: string };

type Stored = RecordingMeta & { texts?: Record<string, string> };
type Mark = { questionId: string; startSeconds: number; title: string };

/** The marks of a one-take recording, titled with the question as the visitor saw it. */
export function chapterMarks(recording: unknown): Mark[] {
  const r = recording as Stored | null;
  if (!r || r.kind !== "take" || !Array.isArray(r.marks)) return [];
  return r.marks.map((m, i) => ({ questionId: m.questionId, startSeconds: m.startSeconds, title: r.texts?.[m.questionId] ?? `Question ${i + 1}` }));
}

const sameSection = (s: Section, m: Mark) => Math.abs(s.startTime - m.startSeconds) < 0.01 && s.title.trim() === m.title.trim();

export async function createChapters(uploadId: string, opts: { timeoutMs?: number } = {}): Promise<ChaptersResult> {
  const upload = await db().upload.findFirst({
    where: { id: uploadId, verifiedAt: { not: null }, photoId: { not: null }, state: { notIn: ["DISOWNED", "DELETED"] } },
    include: { token: { select: { recording: true, connection: true } }, sections: { select: { questionId: true } } },
  });
  const marks = chapterMarks(upload?.token.recording);
  if (!upload || !upload.photoId || !marks.length || upload.chapters === "DONE" || upload.chapters === "FAILED") return { kind: "skipped" };

  return db().$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<{ ok: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext(${`chapters:${uploadId}`})) AS ok`;
      if (!lock?.ok) return { kind: "busy" as const };
      // Counted and marked outside the lock's transaction, so a crash keeps the count.
      const { chaptersAttempts: attempt } = await db().upload.update({
        where: { id: uploadId },
        data: { chapters: "PENDING", chaptersAttempts: { increment: 1 } },
        select: { chaptersAttempts: true },
      });
      const recorded = new Set((await db().uploadSection.findMany({ where: { uploadId }, select: { questionId: true } })).map((s) => s.questionId));
      const todo = marks.filter((m) => !recorded.has(m.questionId));
      let created = 0;
      try {
        if (todo.length) {
          const client = clientFor(upload.token.connection, { timeoutMs: opts.timeoutMs ?? 10_000 });
          const existing = await client.listSections({ photoId: upload.photoId! });
          for (const m of todo) {
            const found = existing.find((s) => sameSection(s, m));
            const section =
              found ?? (await client.createSection({ photoId: upload.photoId!, startTime: m.startSeconds, title: m.title, description: m.title }));
            if (!found) created++;
            await db().uploadSection.create({
              data: { uploadId, questionId: m.questionId, sectionId: section.sectionId, startTime: m.startSeconds, title: m.title },
            });
          }
        }
      } catch (err) {
        const tt = twentyThreeErrorOf(err);
        const error = tt ? `TwentyThree: ${tt.safeMessage}` : "Could not create the chapters.";
        const final = (tt != null && !tt.transient && tt.code !== "http_error") || attempt >= CHAPTERS_MAX_ATTEMPTS;
        if (!tt && !(err instanceof Prisma.PrismaClientKnownRequestError))
          log.error("chapters: unexpected failure", { uploadId, error: (err as Error).message });
        await db().upload.update({ where: { id: uploadId }, data: { chaptersError: error, ...(final ? { chapters: "FAILED" } : {}) } });
        log.warn("chapters not created", { uploadId, attempt, final, code: tt?.code });
        return final ? { kind: "failed" as const, error } : { kind: "retry" as const, error };
      }
      await db().upload.update({ where: { id: uploadId }, data: { chapters: "DONE", chaptersError: null } });
      log.info("chapters created", { uploadId, created });
      return { kind: "done" as const, created };
    },
    { maxWait: 10_000, timeout: 10 * 60_000 },
  );
}

/** Confirmed one-take recordings whose chapters are still to make (the sweep queues them again). */
export async function pendingChapters(limit = 100): Promise<string[]> {
  const rows = await db().$queryRaw<{ id: string }[]>`
    SELECT u.id::text AS id FROM uploads u JOIN upload_tokens t ON t.id = u.token_id
    WHERE u.verified_at IS NOT NULL AND u.photo_id IS NOT NULL AND u.state NOT IN ('DISOWNED', 'DELETED')
      AND (u.chapters = 'PENDING' OR (u.chapters IS NULL AND t.recording->>'kind' = 'take' AND jsonb_array_length(COALESCE(t.recording->'marks', '[]')) > 0))
    ORDER BY u.verified_at LIMIT ${limit}`;
  return rows.map((r) => r.id);
}
