"use client";
// Running a batch: probe CORS, mint one token for the batch (re-minted when it expired or was
// refused), send files one after the other, announce progress (throttled) and warn before the
// page is closed mid-upload. Without CORS, one plain form post to TwentyThree instead.
import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from "react";
import type { FieldErrors } from "@/lib/intake/details";
import { canUploadCrossOrigin } from "@/components/uploader/client/cors";
import { createMeter } from "@/components/uploader/client/meter";
import { loadResume, pruneResume } from "@/components/uploader/client/resume-store";
import { uploadFile, UploadFailedError, type GetToken, type UploadTokenInfo } from "@/components/uploader/client/upload-file";
import type { Item, UploaderProps } from "./types";

type Prepared = Awaited<ReturnType<UploaderProps["prepare"]>>;
class PrepareError extends Error {
  constructor(readonly result: Extract<Prepared, { ok: false }>) {
    super(result.message);
  }
}

type Args = UploaderProps & { items: Item[]; setItems: Dispatch<SetStateAction<Item[]>>; onFieldErrors: (e: FieldErrors) => void };

export function useUploadBatch({ link, redeemUrl, chunkBytes, chunkThresholdBytes, prepare, items, setItems, onFieldErrors }: Args) {
  const [running, setRunning] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const [notice, setNotice] = useState<{ text: string; retryable: boolean }>();
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const controllers = useRef(new Map<string, AbortController>());
  const fallbackRef = useRef<HTMLFormElement>(null);
  const leaving = useRef(false);

  const patch = useCallback((id: string, p: Partial<Item>) => setItems((prev) => prev.map((i) => (i.id === id ? { ...i, ...p } : i))), [setItems]);
  const announce = useCallback((text: string) => setAnnouncement(text), []);

  useEffect(() => pruneResume(), []);
  const busy = items.some((i) => i.phase === "uploading" || i.phase === "queued");
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

  const failPrepare = (ids: string[], err: PrepareError) => {
    for (const id of ids) patch(id, { phase: "ready" });
    if (err.result.fieldErrors) onFieldErrors(err.result.fieldErrors);
    setNotice({ text: err.result.message, retryable: Boolean(err.result.retryable) });
    announce(err.result.message);
  };

  /** No CORS: one file through a real form to TwentyThree; the browser follows its redirect. */
  const fallback = async (ids: string[], values: Record<string, string>) => {
    const first = itemsRef.current.find((i) => i.id === ids[0]);
    const form = fallbackRef.current;
    if (!first || !form) return;
    const r = await prepare(link.slug, values, { fileCount: 1, background: false });
    if (!r.ok) return failPrepare(ids, new PrepareError(r));
    onFieldErrors({});
    const tokenInput = form.elements.namedItem("upload_token") as HTMLInputElement;
    const fileInput = form.elements.namedItem("file") as HTMLInputElement;
    tokenInput.value = r.token.uploadToken;
    form.action = r.token.redeemUrl;
    const dt = new DataTransfer();
    dt.items.add(first.file);
    fileInput.files = dt.files;
    patch(first.id, { phase: "uploading", note: "Sending with your browser's own upload: this page moves on by itself when the file has arrived." });
    for (const id of ids.slice(1)) patch(id, { phase: "ready" });
    if (ids.length > 1) setNotice({ text: "This video library only takes one file at a time from this browser: send the others after this one.", retryable: false });
    announce(`Uploading ${first.file.name}. Keep this page open.`);
    leaving.current = true;
    form.submit();
  };

  const run = async (ids: string[], values: Record<string, string>, fresh: boolean) => {
    setRunning(true);
    setNotice(undefined);
    for (const id of ids) patch(id, { phase: "queued", message: undefined, reading: undefined, note: undefined });
    try {
      if (!(await canUploadCrossOrigin(redeemUrl))) return await fallback(ids, values);
      const fileOf = (id: string) => itemsRef.current.find((i) => i.id === id)?.file;
      // Files resuming a stored chunked upload reuse its token; the others share one new token.
      const resuming = new Set(ids.filter((id) => {
        const f = fileOf(id);
        return f !== undefined && f.size > chunkThresholdBytes && loadResume(link.slug, f) !== null;
      }));
      let token: UploadTokenInfo | null = null;
      let usesLeft = 0;
      let forceFresh = fresh;
      const remaining = () => itemsRef.current.filter((i) => ids.includes(i.id) && !resuming.has(i.id) && (i.phase === "queued" || i.phase === "uploading")).length;
      const getToken: GetToken = async (o) => {
        if (!o.fresh && !forceFresh && token && usesLeft > 0 && Date.parse(token.validUntil) - Date.now() > 60_000) return token;
        forceFresh = false;
        const r = await prepare(link.slug, values, { fileCount: Math.max(1, remaining()), background: true });
        if (!r.ok) throw new PrepareError(r);
        token = r.token;
        usesLeft = r.token.maxUploads;
        return token;
      };
      if (resuming.size < ids.length) {
        try {
          await getToken({ fresh: false }); // validates the details before any byte is sent
        } catch (err) {
          if (err instanceof PrepareError) return failPrepare(ids, err);
          throw err;
        }
      }
      onFieldErrors({});

      for (const id of ids) {
        const item = itemsRef.current.find((i) => i.id === id);
        if (!item || item.phase !== "queued") continue; // cancelled while waiting
        const { file } = item;
        const ctrl = new AbortController();
        controllers.current.set(id, ctrl);
        const meter = createMeter(file.size);
        let lastPaint = 0;
        let lastSpoken = { step: 0, at: Date.now() };
        patch(id, { phase: "uploading", reading: meter.update(0) });
        announce(`Uploading ${file.name}.`);
        try {
          const out = await uploadFile({
            file,
            slug: link.slug,
            getToken,
            chunkSize: chunkBytes,
            chunkThreshold: chunkThresholdBytes,
            signal: ctrl.signal,
            onEvent: (e) => {
              if (e.kind === "retrying") patch(id, { note: "Connection trouble — trying again…" });
              else if (e.kind === "resuming") patch(id, { note: `Resuming: ${e.chunksStored} of ${e.chunksTotal} parts were already sent.` });
              else {
                const reading = meter.update(e.bytes);
                const now = Date.now();
                if (now - lastPaint > 100 || reading.percent === 100) {
                  lastPaint = now;
                  patch(id, { reading });
                }
                // Speak every quarter, at most every 5 s: a screen reader reading each percent is noise.
                const step = Math.floor(reading.percent / 25) * 25;
                if (step > lastSpoken.step && step < 100 && now - lastSpoken.at > 5000) {
                  lastSpoken = { step, at: now };
                  announce(`${file.name}: ${step} percent sent.`);
                }
              }
            },
          });
          if (out.answer.kind === "ok") {
            usesLeft--;
            patch(id, { phase: "confirming", ticket: out.ticket, photoId: out.answer.photoId, note: undefined, reading: meter.update(file.size) });
            announce(`${file.name}: 100 percent sent. Waiting for the video library to confirm.`);
          } else if (out.answer.kind === "error") {
            const message = `The video library said: ${out.answer.message}`;
            patch(id, { phase: "failed", message });
            announce(`${file.name} was not accepted. ${message}`);
          } else {
            patch(id, { phase: "done", stateText: "Sent — the team will confirm it shortly" });
            announce(`${file.name} sent.`);
          }
        } catch (err) {
          if ((err as Error).name === "AbortError") {
            patch(id, { phase: "cancelled", note: undefined });
            announce(`Upload of ${file.name} cancelled.`);
          } else {
            const message =
              err instanceof PrepareError || err instanceof UploadFailedError ? err.message : "Something went wrong while sending this file. Please try again.";
            patch(id, { phase: "failed", message, note: undefined });
            announce(`${file.name} could not be sent. ${message}`);
          }
        } finally {
          controllers.current.delete(id);
        }
      }
    } finally {
      if (!leaving.current) setRunning(false);
    }
  };

  const cancel = useCallback(
    (id: string) => {
      const c = controllers.current.get(id);
      if (c) c.abort();
      else patch(id, { phase: "cancelled" });
    },
    [patch],
  );

  const settle = useCallback(
    (id: string, outcome: { ok: boolean; text: string }) => {
      const name = itemsRef.current.find((i) => i.id === id)?.file.name ?? "Your file";
      patch(id, outcome.ok ? { phase: "done", stateText: outcome.text } : { phase: "failed", message: outcome.text });
      announce(`${name}: ${outcome.text}.`);
    },
    [patch, announce],
  );

  return { running, announcement, notice: notice?.text, noticeRetryable: notice?.retryable ?? false, patch, announce, run, cancel, settle, fallbackRef };
}
