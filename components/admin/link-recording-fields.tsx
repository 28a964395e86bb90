"use client";
// The link form's recording settings (issue #15): what visitors may do, the mode, the questions
// (add, remove, reorder) and the length limits. The questions travel as one hidden JSON field,
// read by lib/links/recording-schema.ts; each keeps its id when edited or moved, so the times of
// recordings already made still point at the right question.
import { useState } from "react";
import { CheckboxField, FieldErrorList, SelectField, TextField } from "@/components/ui/field";
import type { RecordingFormDefaults } from "@/lib/links/recording-schema";
import type { Question } from "@/lib/recording/types";

type Props = { defaults: RecordingFormDefaults; values?: Record<string, string>; errors?: string[] };

// Not a secret, only a stable key: randomUUID needs a secure page, which an admin on plain HTTP lacks.
const newId = () => `q${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

function initialQuestions(defaults: RecordingFormDefaults, values?: Record<string, string>): Question[] {
  if (values?.questions === undefined) return defaults.questions;
  try {
    const parsed = JSON.parse(values.questions) as Question[];
    return Array.isArray(parsed) ? parsed : defaults.questions;
  } catch {
    return defaults.questions;
  }
}

export function LinkRecordingFields({ defaults, values, errors }: Props) {
  const initialMay = defaults.allowRecord ? (defaults.allowUpload ? "both" : "record") : "upload";
  const [may, setMay] = useState(values?.visitorsMay ?? initialMay);
  const [questions, setQuestions] = useState<Question[]>(() => initialQuestions(defaults, values));
  const records = may !== "upload";
  const update = (id: string, patch: Partial<Question>) => setQuestions((qs) => qs.map((q) => (q.id === id ? { ...q, ...patch } : q)));
  const move = (i: number, by: -1 | 1) =>
    setQuestions((qs) => {
      const next = [...qs];
      [next[i], next[i + by]] = [next[i + by]!, next[i]!];
      return next;
    });
  // Blank rows are dropped on save rather than refused: an "Add question" pressed once too often is no error.
  const posted = questions.filter((q) => q.text.trim() !== "").map((q) => ({ ...q, note: q.note?.trim() || undefined }));

  return (
    <div className="space-y-4">
      <input type="hidden" name="questions" value={JSON.stringify(posted)} />
      <SelectField label="Visitors may" name="visitorsMay" value={may} onChange={(e) => setMay(e.target.value)}>
        <option value="upload">Pick video files</option>
        <option value="record">Record on the page</option>
        <option value="both">Record on the page or pick files</option>
      </SelectField>
      <FieldErrorList id="recording-error" errors={errors} />
      {/* Hidden, not removed, while visitors only pick files: the settings are kept for later. */}
      <div hidden={!records} className="space-y-4">
        <p className="text-sm text-slate-600">
          Recording works in current Chrome, Edge, Firefox and Safari (also on phones) on an HTTPS page. Where a browser cannot record or the visitor refuses
          the camera, the page says why and offers the file picker instead.
        </p>
        <SelectField
          label="How answers are recorded"
          name="recordMode"
          defaultValue={values?.recordMode ?? defaults.recordMode}
          hint="One take: the visitor records once while the questions appear one after another; each question becomes a chapter of the video on TwentyThree. One clip per question: each answer is its own short video, re-recordable before moving on, titled with its question."
        >
          <option value="ONE_TAKE">One take, questions become chapters</option>
          <option value="CLIPS">One clip per question</option>
        </SelectField>
        <TextField
          label="Maximum recording length (seconds)"
          name="maxRecordSeconds"
          type="number"
          inputMode="numeric"
          min={10}
          defaultValue={values?.maxRecordSeconds ?? defaults.maxRecordSeconds ?? ""}
          hint="For the whole take, or all clips of one response. Blank: no limit beyond the file size limit."
        />
        <CheckboxField
          label="Let visitors record their screen (with the camera in a corner)"
          name="allowScreen"
          defaultChecked={values ? values.allowScreen === "on" : defaults.allowScreen}
          hint="For demos by your team. Screen recording works in desktop Chrome, Edge and Firefox, not on phones."
        />
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium text-slate-800">Questions</legend>
          <p className="text-sm text-slate-600">Shown large on screen while recording, in this order. The note appears under the question.</p>
          <ol className="space-y-3">
            {questions.map((q, i) => (
              <li key={q.id} className="space-y-2 rounded-md border border-slate-200 p-3">
                <TextField
                  id={`question-${q.id}`}
                  label={`Question ${i + 1}`}
                  name="questionText"
                  value={q.text}
                  maxLength={300}
                  onChange={(e) => update(q.id, { text: e.target.value })}
                />
                <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
                  <div className="sm:col-span-2">
                    <TextField
                      id={`question-note-${q.id}`}
                      label={`Note for question ${i + 1}`}
                      name="questionNote"
                      value={q.note ?? ""}
                      maxLength={500}
                      onChange={(e) => update(q.id, { note: e.target.value })}
                    />
                  </div>
                  <TextField
                    id={`question-limit-${q.id}`}
                    label={`Time limit for question ${i + 1} (seconds)`}
                    name="questionLimit"
                    type="number"
                    inputMode="numeric"
                    min={5}
                    value={q.limitSeconds ?? ""}
                    onChange={(e) => update(q.id, { limitSeconds: e.target.value === "" ? undefined : Math.trunc(Number(e.target.value)) })}
                  />
                </div>
                <div className="flex flex-wrap gap-3 text-sm">
                  <button type="button" disabled={i === 0} onClick={() => move(i, -1)} className="underline disabled:opacity-40">
                    Move up<span className="sr-only">{` question ${i + 1}`}</span>
                  </button>
                  <button type="button" disabled={i === questions.length - 1} onClick={() => move(i, 1)} className="underline disabled:opacity-40">
                    Move down<span className="sr-only">{` question ${i + 1}`}</span>
                  </button>
                  <button type="button" onClick={() => setQuestions((qs) => qs.filter((x) => x.id !== q.id))} className="text-red-800 underline">
                    Remove<span className="sr-only">{` question ${i + 1}`}</span>
                  </button>
                </div>
              </li>
            ))}
          </ol>
          <button
            type="button"
            onClick={() => setQuestions((qs) => [...qs, { id: newId(), text: "" }])}
            className="rounded-md border border-slate-300 px-3 py-2 text-sm"
          >
            Add question
          </button>
        </fieldset>
      </div>
    </div>
  );
}
