"use client";
// The one-page uploader (JavaScript on): details and files together, a token minted only when
// the visitor presses Upload, files sent straight to TwentyThree with progress, then the
// portal's record of each upload followed until TwentyThree confirms it.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { Notice } from "@/components/public/shell";
import type { FieldErrors } from "@/lib/intake/details";
import { checkFile } from "@/components/uploader/client/checks";
import { formatBytes, formatDuration } from "@/components/uploader/client/format";
import { DetailsFields } from "./details-fields";
import { FilePicker } from "./file-picker";
import { FileRow } from "./file-row";
import type { Item, UploaderProps } from "./types";
import { useUploadBatch } from "./use-upload-batch";

export function IntakeUploader(props: UploaderProps) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } }));
  return (
    <QueryClientProvider client={client}>
      <Uploader {...props} />
    </QueryClientProvider>
  );
}

let nextId = 0;

function Uploader(props: UploaderProps) {
  const { link } = props;
  const [items, setItems] = useState<Item[]>([]);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [pickerError, setPickerError] = useState<string>();
  const detailsRef = useRef<HTMLFormElement>(null);
  const thanksRef = useRef<HTMLHeadingElement>(null);
  const batch = useUploadBatch({ ...props, items, setItems, onFieldErrors: setFieldErrors });

  const limits = { maxFileBytes: link.maxFileBytes, maxDurationSeconds: link.maxDurationSeconds };
  const addFiles = (files: File[]) => {
    setPickerError(undefined);
    const keep = link.maxUploads === 1 ? [] : items.filter((i) => i.phase !== "invalid");
    for (const i of items) if (!keep.includes(i)) URL.revokeObjectURL(i.previewUrl);
    const room = Math.max(0, link.maxUploads - keep.length);
    if (files.length > room) setPickerError(`This link takes up to ${link.maxUploads} file${link.maxUploads === 1 ? "" : "s"} at a time; the extra ones were left out.`);
    const added: Item[] = files.slice(0, room).map((file) => ({ id: `file-${++nextId}`, file, previewUrl: URL.createObjectURL(file), phase: "checking" }));
    setItems([...keep, ...added]);
    for (const item of added) {
      void checkFile(item.file, limits).then((problem) => {
        batch.patch(item.id, problem ? { phase: "invalid", message: problem } : { phase: "ready" });
        if (problem) batch.announce(`${item.file.name} cannot be sent: ${problem}`);
      });
    }
  };

  const values = useCallback((): Record<string, string> => {
    const out: Record<string, string> = {};
    if (!detailsRef.current) return out;
    for (const [k, v] of new FormData(detailsRef.current)) if (typeof v === "string") out[k] = v;
    return out;
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (batch.running) return;
    const ready = items.filter((i) => i.phase === "ready");
    if (items.some((i) => i.phase === "checking")) return setPickerError("Still checking your files — press Upload again in a moment.");
    if (ready.length === 0) {
      setPickerError(items.length ? "None of the chosen files can be sent. Please choose another one." : "Please choose a video or photo to upload.");
      document.querySelector<HTMLInputElement>("[data-testid=drop-zone] input[type=file]")?.focus();
      return;
    }
    setPickerError(undefined);
    void batch.run(ready.map((i) => i.id), values(), false);
  };

  const onRemove = (id: string) => {
    const item = items.find((i) => i.id === id);
    if (item) URL.revokeObjectURL(item.previewUrl);
    setItems((prev) => prev.filter((i) => i.id !== id));
  };
  const onRetry = (id: string) => {
    batch.patch(id, { phase: "ready", message: undefined, reading: undefined });
    void batch.run([id], values(), true);
  };

  // Focus the first field the server refused, so keyboard and screen-reader users land on it.
  useEffect(() => {
    const first = (["name", "email", "title", "description", "consent"] as const).find((k) => fieldErrors[k]);
    if (first) document.getElementById(`field-${first}`)?.focus();
  }, [fieldErrors]);

  const finished = !batch.running && items.length > 0 && items.some((i) => i.phase === "done") && items.every((i) => ["done", "failed", "cancelled", "invalid"].includes(i.phase));
  useEffect(() => {
    if (finished) thanksRef.current?.focus();
  }, [finished]);

  const readyCount = items.filter((i) => i.phase === "ready").length;
  const hint = [
    "Videos or photos.",
    link.maxFileBytes !== null ? `Up to ${formatBytes(link.maxFileBytes)} each.` : null,
    link.maxDurationSeconds !== null ? `Videos up to ${formatDuration(link.maxDurationSeconds)} long.` : null,
    link.maxUploads > 1 ? `Up to ${link.maxUploads} files.` : null,
  ]
    .filter(Boolean)
    .join(" ");

  return (
    <div className="mt-6 space-y-4" data-testid="uploader">
      <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="announcer">
        {batch.announcement}
      </div>
      {finished ? (
        <div>
          <h2 ref={thanksRef} tabIndex={-1} className="text-2xl font-bold outline-none">
            Thank you!
          </h2>
          <p className="mt-2 text-slate-700">
            {items.filter((i) => i.phase === "done").length === 1 ? "Your file has" : "Your files have"} reached {link.title ? `“${link.title}”` : "the team"}. The team will review
            it; you do not need to do anything else.
          </p>
        </div>
      ) : null}
      {batch.notice ? (
        <Notice tone="error" title={batch.notice}>
          {batch.noticeRetryable ? "Your details and files are kept: press Upload again to retry." : null}
        </Notice>
      ) : null}

      <form ref={detailsRef} id="intake-details" onSubmit={submit} noValidate className={finished ? "hidden" : "space-y-4"}>
        <fieldset disabled={batch.running} className="space-y-4">
          <legend className="sr-only">Your details</legend>
          <DetailsFields link={link} errors={fieldErrors} />
        </fieldset>
      </form>

      {/* Outside every portal form: file bytes never go to the portal. */}
      {!finished ? (
        <FilePicker multiple={link.maxUploads > 1} maxFiles={link.maxUploads} disabled={batch.running} hint={hint} error={pickerError} onFiles={addFiles} />
      ) : null}

      {items.length ? (
        <ul aria-label="Chosen files" className="divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200">
          {items.map((item) => (
            <FileRow key={item.id} item={item} onRemove={onRemove} onCancel={batch.cancel} onRetry={onRetry} onSettled={batch.settle} />
          ))}
        </ul>
      ) : null}

      {finished ? (
        <button type="button" onClick={() => window.location.reload()} className="text-sm text-blue-700 underline">
          Send another
        </button>
      ) : (
        <button
          type="submit"
          form="intake-details"
          disabled={batch.running}
          className="w-full rounded-lg bg-blue-700 px-4 py-3 text-base font-semibold text-white hover:bg-blue-800 disabled:opacity-60"
        >
          {batch.running ? "Uploading…" : readyCount > 1 ? `Upload ${readyCount} files` : "Upload"}
        </button>
      )}
      <p className="text-xs text-slate-500">Keep this page open until every file says it was received.</p>

      {/* The no-CORS fallback: a real form posting straight to TwentyThree (never to the portal). */}
      <form ref={batch.fallbackRef} action={props.redeemUrl} method="post" encType="multipart/form-data" hidden aria-hidden="true">
        <input type="hidden" name="upload_token" />
        <input type="file" name="file" tabIndex={-1} />
      </form>
    </div>
  );
}
