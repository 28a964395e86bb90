"use client";
// The upload page's player with the recording's questions (issue #15): pressing a question starts
// the player at the moment it was shown (the player URL's `start`, in seconds). Clips of one
// response are listed together, each linking to its own page.
import Link from "next/link";
import { useState } from "react";
import { formatLength } from "@/lib/uploads/format-length";

export type RecordingPanelProps = {
  player: string | null;
  title: string;
  recording: {
    kind: "take" | "clip";
    marks: { questionId: string; title: string; startSeconds: number; chaptered: boolean }[];
    chapters: { state: "PENDING" | "DONE" | "FAILED" | null; error: string | null };
    clips: { uploadId: string; question: string; state: string; current: boolean }[];
  } | null;
};

const CHAPTER_WORDS = {
  PENDING: "Chapters are being created on TwentyThree.",
  DONE: "Each question is a chapter on TwentyThree.",
  FAILED: "The chapters could not be created on TwentyThree.",
};

export function RecordingPanel({ player, title, recording }: RecordingPanelProps) {
  const [start, setStart] = useState<number | null>(null);
  const src = player && start !== null ? `${player}&start=${start}&autoPlay=1` : player;
  return (
    <>
      {src ? (
        <div className="aspect-video w-full overflow-hidden rounded-md bg-black">
          {/* The key remounts the frame, so the same question pressed twice starts it again. */}
          <iframe
            key={src}
            src={src}
            title={`Video player: ${title}`}
            className="h-full w-full"
            allow="autoplay; fullscreen; picture-in-picture"
            allowFullScreen
          />
        </div>
      ) : null}
      {recording?.kind === "take" && recording.marks.length ? (
        <div className="mt-4">
          <h3 className="font-semibold">Questions</h3>
          <ol className="mt-2 space-y-1" data-testid="recording-questions">
            {recording.marks.map((m) => (
              <li key={m.questionId} className="flex items-baseline gap-3">
                <span className="w-12 shrink-0 text-right font-mono text-sm text-slate-700">{formatLength(m.startSeconds)}</span>
                {player ? (
                  <button type="button" className="text-left text-blue-800 underline" onClick={() => setStart(m.startSeconds)}>
                    {m.title}
                    <span className="sr-only">{`, play from ${formatLength(m.startSeconds)}`}</span>
                  </button>
                ) : (
                  <span>{m.title}</span>
                )}
              </li>
            ))}
          </ol>
          {recording.chapters.state ? (
            <p className="mt-2 text-sm text-slate-700">
              {CHAPTER_WORDS[recording.chapters.state]}
              {recording.chapters.state !== "DONE" && recording.chapters.error ? ` (${recording.chapters.error})` : ""}
            </p>
          ) : null}
        </div>
      ) : null}
      {recording?.kind === "clip" ? (
        <div className="mt-4">
          <h3 className="font-semibold">Clips of this response</h3>
          <ol className="mt-2 space-y-1" data-testid="response-clips">
            {recording.clips.map((c) => (
              <li key={c.uploadId}>
                {c.current ? (
                  <span aria-current="page" className="font-medium">
                    {c.question} (this clip)
                  </span>
                ) : (
                  <Link href={`/admin/uploads/${c.uploadId}`} className="text-blue-800 underline">
                    {c.question}
                  </Link>
                )}{" "}
                <span className="text-sm text-slate-600">· {c.state.toLowerCase()}</span>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </>
  );
}
