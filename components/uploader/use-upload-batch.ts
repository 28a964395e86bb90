"use client";
// Over 200 lines: the one place the reducer meets the network (mint, CORS probe, sends, status polls, recordings).
// Running a batch: the state lives in batch-state.ts's reducer; this hook only wires the effects.
// It probes CORS, mints one token for the batch (re-minted when it expired or was refused), sends
// files one after the other, feeds progress to the reducer (throttled) and warns before the page
// is closed mid-upload. Without CORS, one plain form post to TwentyThree instead. A recorded take
// goes up at once, minted without details (issue #15); Upload then sends the details to its ticket.
import { useLocale, useTranslations } from "next-intl";
import type { NoteWords, UploaderWords } from "./words";
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import type { FieldErrors } from "@/lib/field-errors";
import { checkFile } from "@/components/uploader/client/checks";
import { canUploadCrossOrigin } from "@/components/uploader/client/cors";
import { createMeter } from "@/components/uploader/client/meter";
import { loadResume, pruneResume } from "@/components/uploader/client/resume-store";
import { failureText, uploadFile, UploadFailedError, type GetToken, type UploadTokenInfo } from "@/components/uploader/client/upload-file";
import { earlyTakes, newEarlyState } from "./early-takes";
import { batchReducerWith, initialBatch, needsDetails, pace, planAdd, resumingIds, stillToSend, tokenUsable, type Pace } from "./batch-state";
import type { Item, PrepareResult, UploaderProps } from "./types";
import type { RecordingMeta } from "@/lib/recording/types";

class PrepareError extends Error {
  constructor(readonly result: Extract<PrepareResult, { ok: false }>) {
    super(result.message);
  }
}

type Args = UploaderProps & { onFieldErrors: (e: FieldErrors) => void; readValues: () => Record<string, string> };
let nextId = 0;

export function useUploadBatch({ link, redeemUrl, chunkBytes, chunkThresholdBytes, prepare, applyDetails, onFieldErrors, readValues }: Args) {
  const t = useTranslations("uploader");
  const locale = useLocale();
  const words: UploaderWords = (key, values) => t(key, values);
  const tn = useTranslations("uploaderNotes");
  const notes: NoteWords = (key, values) => tn(key, values);
  // The reducer keeps its words for the page's life: the language does not change under a running batch.
  const [reducer] = useState(() => batchReducerWith(notes));
  const [state, dispatch] = useReducer(reducer, initialBatch);
  const { items } = state;
  // The running batch reads the latest items (a file may be cancelled while it waits its turn).
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const controllers = useRef(new Map<string, AbortController>());
  const fallbackRef = useRef<HTMLFormElement>(null);
  const leaving = useRef(false);
  const earlyState = useRef(newEarlyState());

  useEffect(() => pruneResume(), []);
  // A take that went up early without its details is not done either: leaving would drop them.
  const busy = items.some((i) => i.phase === "uploading" || i.phase === "queued" || needsDetails(i));
  useEffect(() => {
    if (!busy) return;
    const warn = (e: BeforeUnloadEvent) => {
      if (leaving.current) return;
      e.preventDefault();
      e.returnValue = ""; // older browsers need it set
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [busy]);

  /** Adds files (checking each in the background); returns the picker's message, if any. */
  const addFiles = (files: File[]): string | undefined => {
    const plan = planAdd(items, files.length, link.maxUploads, words);
    for (const i of items) if (!plan.keep.includes(i)) URL.revokeObjectURL(i.previewUrl);
    const added: Item[] = files.slice(0, plan.take).map((file) => ({ id: `file-${++nextId}`, file, previewUrl: URL.createObjectURL(file), phase: "checking" }));
    dispatch({ type: "add", items: added, keepIds: plan.keep.map((i) => i.id) });
    const limits = { maxFileBytes: link.maxFileBytes, maxDurationSeconds: link.maxDurationSeconds, locale };
    for (const item of added) void checkFile(item.file, limits, undefined, words).then((problem) => dispatch({ type: "checked", id: item.id, problem }));
    return plan.error;
  };

  /** Takes from the recorder join the list like chosen files (same checks), keeping their meta. */
  const addTakes = (takes: { file: File; recording: RecordingMeta; takeId: string | null }[]) => {
    const plan = planAdd(items, takes.length, Math.max(link.maxUploads, takes.length), words);
    const added: Item[] = takes.map((t) => ({
      id: `file-${++nextId}`,
      file: t.file,
      previewUrl: URL.createObjectURL(t.file),
      phase: "checking",
      recording: t.recording,
      takeId: t.takeId,
    }));
    dispatch({ type: "add", items: added, keepIds: plan.keep.filter((i) => !i.recording).map((i) => i.id) });
    const limits = { maxFileBytes: link.maxFileBytes, maxDurationSeconds: link.maxDurationSeconds, locale };
    for (const item of added)
      void checkFile(item.file, limits, undefined, words).then((problem) => {
        dispatch({ type: "checked", id: item.id, problem });
        if (!problem) void early.send(item);
      });
  };

  const remove = (id: string) => {
    const item = items.find((i) => i.id === id);
    if (item) URL.revokeObjectURL(item.previewUrl);
    dispatch({ type: "remove", id });
  };

  const failPrepare = (ids: string[], err: PrepareError) => {
    if (err.result.fieldErrors) onFieldErrors(err.result.fieldErrors);
    dispatch({ type: "prepareFailed", ids, message: err.result.message, retryable: Boolean(err.result.retryable) });
  };

  /** No CORS: one file through a real form to TwentyThree; the browser follows its redirect. */
  const fallback = async (ids: string[], values: Record<string, string>) => {
    const first = itemsRef.current.find((i) => i.id === ids[0]);
    const form = fallbackRef.current;
    if (!first || !form) return;
    // A take keeps its RecordingMeta on this path too: a record-only link takes nothing else.
    const r = await prepare(link.slug, values, { fileCount: 1, background: false, recording: first.recording });
    if (!r.ok) return failPrepare(ids, new PrepareError(r));
    onFieldErrors({});
    (form.elements.namedItem("upload_token") as HTMLInputElement).value = r.token.uploadToken;
    form.action = r.token.redeemUrl;
    const dt = new DataTransfer();
    dt.items.add(first.file);
    (form.elements.namedItem("file") as HTMLInputElement).files = dt.files;
    dispatch({ type: "fallback", ids });
    leaving.current = true;
    form.submit();
  };

  /** Sends one file with the batch's token source; every outcome becomes one reducer action. */
  const sendOne = async (item: Item, getToken: GetToken, onSent: () => void) => {
    const { id, file } = item;
    const ctrl = new AbortController();
    controllers.current.set(id, ctrl);
    const meter = createMeter(file.size);
    let p: Pace = { paintedAt: 0, spoken: { step: 0, at: Date.now() } };
    dispatch({ type: "fileStarted", id, reading: meter.update(0) });
    try {
      const out = await uploadFile({
        file,
        slug: link.slug,
        getToken,
        chunkSize: chunkBytes,
        chunkThreshold: chunkThresholdBytes,
        signal: ctrl.signal,
        onEvent: (e) => {
          if (e.kind === "retrying") return dispatch({ type: "note", id, note: words("retrying") });
          if (e.kind === "resuming") return dispatch({ type: "note", id, note: notes("resuming", { stored: e.chunksStored, total: e.chunksTotal }) });
          const reading = meter.update(e.bytes);
          const step = pace(p, reading.percent, Date.now());
          p = step.next;
          if (step.paint) dispatch({ type: "progress", id, reading });
          if (step.speak !== null) dispatch({ type: "say", text: notes("sayPercent", { file: file.name, percent: step.speak }) });
        },
      });
      if (out.answer.kind === "ok") {
        onSent();
        dispatch({ type: "sent", id, ticket: out.ticket, photoId: out.answer.photoId, reading: meter.update(file.size) });
      } else if (out.answer.kind === "error") dispatch({ type: "refused", id, message: out.answer.message || words("sendFailed") });
      else dispatch({ type: "sentUnconfirmed", id });
    } catch (err) {
      if ((err as Error).name === "AbortError") dispatch({ type: "cancelled", id });
      else {
        const message = err instanceof UploadFailedError ? failureText(err, notes) : err instanceof PrepareError ? err.message : words("sendFailed");
        dispatch({ type: "failed", id, message });
      }
    } finally {
      controllers.current.delete(id);
    }
  };

  const early = earlyTakes(earlyState.current, { slug: link.slug, redeemUrl, prepare, applyDetails, readValues, dispatch, sendOne, words });

  const run = async (ids: string[], values: Record<string, string>, fresh: boolean) => {
    dispatch({ type: "start", ids });
    try {
      const refused = await early.applyPending(itemsRef.current, values);
      if (refused) return failPrepare(ids, new PrepareError(refused));
      // Takes whose early mint did not happen while this waited go now, with the details.
      const late = itemsRef.current.filter((i) => i.recording && i.phase === "ready" && !ids.includes(i.id)).map((i) => i.id);
      if (late.length) dispatch({ type: "start", ids: late });
      ids = [...ids, ...late];
      if (!ids.length) return onFieldErrors({});
      if (!(await canUploadCrossOrigin(redeemUrl))) return await fallback(ids, values);
      const resuming = resumingIds(itemsRef.current, ids, chunkThresholdBytes, (f) => loadResume(link.slug, f) !== null);
      let token: UploadTokenInfo | null = null;
      let usesLeft = 0;
      let forceFresh = fresh;
      const getToken: GetToken = async (o) => {
        if (!o.fresh && !forceFresh && token && tokenUsable(token, usesLeft, Date.now())) return token;
        forceFresh = false;
        const r = await prepare(link.slug, values, { fileCount: Math.max(1, stillToSend(itemsRef.current, ids, resuming)), background: true });
        if (!r.ok) throw new PrepareError(r);
        token = r.token;
        usesLeft = r.token.maxUploads;
        return token;
      };
      // A recorded take is minted on its own, with its RecordingMeta (one clip = one video).
      const recTokens = new Map<string, UploadTokenInfo>();
      const tokenFor = (item: Item): GetToken => {
        const recording = item.recording;
        if (!recording) return getToken;
        return async (o) => {
          const had = recTokens.get(item.id);
          if (had && !o.fresh && tokenUsable(had, 1, Date.now())) return had;
          const r = await prepare(link.slug, values, { fileCount: 1, background: true, recording });
          if (!r.ok) throw new PrepareError(r);
          recTokens.set(item.id, r.token);
          return r.token;
        };
      };
      const firstTake = itemsRef.current.find((i) => ids.includes(i.id) && i.recording);
      if (resuming.size < ids.length) {
        try {
          // validates the details before any byte is sent
          await (stillToSend(itemsRef.current, ids, resuming) === 0 && firstTake ? tokenFor(firstTake) : getToken)({ fresh: false });
        } catch (err) {
          if (err instanceof PrepareError) return failPrepare(ids, err);
          throw err;
        }
      }
      onFieldErrors({});
      for (const id of ids) {
        const item = itemsRef.current.find((i) => i.id === id);
        if (!item || item.phase !== "queued") continue; // cancelled while waiting
        await sendOne(item, tokenFor(item), () => (item.recording ? undefined : usesLeft--));
      }
    } finally {
      if (!leaving.current) dispatch({ type: "finished" });
    }
  };

  const retry = (id: string, values: Record<string, string>) => {
    const item = itemsRef.current.find((i) => i.id === id);
    dispatch({ type: "retry", id });
    // A take whose details were not sent yet goes up early again (new token, new ticket).
    if (item && item.deferred && !item.detailsApplied) return void early.send(item);
    void run([id], values, true);
  };

  const cancel = useCallback((id: string) => {
    const c = controllers.current.get(id);
    if (c) c.abort();
    else dispatch({ type: "cancelled", id });
  }, []);

  const settle = useCallback((id: string, outcome: { ok: boolean; text: string }) => {
    // The portal confirmed the upload: the recording's copy on this device is no longer needed.
    const takeId = itemsRef.current.find((i) => i.id === id)?.takeId;
    if (outcome.ok && takeId) void import("@/components/recorder/take-store").then((m) => m.deleteTake(takeId)).catch(() => undefined);
    dispatch({ type: "settled", id, ...outcome });
  }, []);

  return { state, addFiles, addTakes, remove, run, retry, cancel, settle, fallbackRef };
}
