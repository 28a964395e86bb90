"use client";
// What the visitor reads before the browser's permission prompt (what will happen, that nothing
// is sent before they choose), and why recording is not possible when it is not.
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { Question } from "@/lib/recording/types";
import { unavailableText, type Unavailable } from "./availability";

type IntroProps = { questions: Question[]; clips: boolean; onTurnOn: () => void; onCancel: () => void };

export function RecorderIntro({ questions, clips, onTurnOn, onCancel }: IntroProps) {
  return (
    <div className="space-y-3">
      <h2 className="text-xl font-bold">Record a video</h2>
      <p className="text-slate-700">
        Your browser will now ask to use your camera and microphone. Nothing is sent until you press Upload: you can watch your recording first and record it
        again. It is kept on this device until it has arrived.
      </p>
      {questions.length ? (
        <div>
          <p className="font-medium">{clips ? "You record one short answer per question:" : "The questions appear one after another while you record:"}</p>
          <ol className="mt-1 list-decimal pl-6 text-slate-700">
            {questions.map((q) => (
              <li key={q.id}>{q.text}</li>
            ))}
          </ol>
        </div>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <Button size="lg" onClick={onTurnOn}>
          Turn on camera
        </Button>
        <Button size="lg" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

export function RecorderUnavailable({ why, onClose }: { why: Unavailable; onClose: () => void }) {
  const words = unavailableText[why];
  return (
    <div data-testid="recorder-unavailable" className="space-y-3">
      <Notice tone="error" title={words.title}>
        {words.body}
      </Notice>
      <Button variant="ghost" onClick={onClose} className="px-0">
        Close
      </Button>
    </div>
  );
}
