"use client";
// The one-page uploader (JavaScript on): details and files together, a token minted only when
// the visitor presses Upload, files sent straight to TwentyThree with progress, then the
// portal's record of each upload followed until TwentyThree confirms it.
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { RecordEntry } from "@/components/recorder/record-entry";
import { QueryProvider } from "@/components/ui/query-provider";
import type { FieldErrors } from "@/lib/field-errors";
import { formatBytes, formatDuration } from "@/lib/format";
import { isFinished, needsDetails, planSubmit } from "./batch-state";
import { AfterUpload } from "./after-upload";
import { DetailsFields } from "./details-fields";
import { useEmbedEvents } from "./embed-events";
import { FilePicker } from "./file-picker";
import { FileRow } from "./file-row";
import type { UploaderProps } from "./types";
import { useUploadBatch } from "./use-upload-batch";

export function IntakeUploader(props: UploaderProps) {
  return (
    <QueryProvider>
      <Uploader {...props} />
    </QueryProvider>
  );
}

function Uploader(props: UploaderProps) {
  const { link } = props;
  const t = useTranslations("uploader");
  const locale = useLocale();
  const td = useTranslations("details");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [pickerError, setPickerError] = useState<string>();
  const [cannotRecord, setCannotRecord] = useState(false);
  const onCannotRecord = useCallback(() => setCannotRecord(true), []);
  const detailsRef = useRef<HTMLFormElement>(null);
  const thanksRef = useRef<HTMLHeadingElement>(null);
  const values = useCallback((): Record<string, string> => {
    const out: Record<string, string> = {};
    if (!detailsRef.current) return out;
    for (const [k, v] of new FormData(detailsRef.current)) if (typeof v === "string") out[k] = v;
    return out;
  }, []);
  const batch = useUploadBatch({ ...props, onFieldErrors: setFieldErrors, readValues: values });
  const { items, running, notice, announcement } = batch.state;
  useEmbedEvents(items, props.brand);

  const addFiles = (files: File[]) => setPickerError(batch.addFiles(files));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (running) return;
    const plan = planSubmit(items, canPick, (key, values) => t(key, values));
    if ("error" in plan) {
      setPickerError(plan.error);
      if (plan.focus === "picker") document.querySelector<HTMLInputElement>("[data-testid=drop-zone] input[type=file]")?.focus();
      if (plan.focus === "record") document.querySelector<HTMLButtonElement>("[data-testid=record-button]")?.focus();
      return;
    }
    setPickerError(undefined);
    void batch.run(plan.ids, values(), false);
  };
  const onRetry = (id: string) => batch.retry(id, values());

  // Focus the first field the server refused, so keyboard and screen-reader users land on it.
  useEffect(() => {
    const first = (["name", "email", "title", "description", "consent"] as const).find((k) => fieldErrors[k]);
    if (first) document.getElementById(`field-${first}`)?.focus();
  }, [fieldErrors]);

  const finished = isFinished(batch.state);
  // A record-only link shows no file picker (unless recording is impossible here).
  const canPick = link.recording.allowUpload || !link.recording.allowRecord || cannotRecord;
  // A take on its way or waiting for its details: recording again would replace it, so not now.
  const takeGoing = items.some((i) => i.recording && (needsDetails(i) || ["queued", "uploading", "confirming"].includes(i.phase)));
  const waitingForDetails = items.some(needsDetails);
  const readyCount = items.filter((i) => i.phase === "ready").length;
  // Details sent for every early take and nothing else to send: the form has done its part.
  const detailsDone = !waitingForDetails && readyCount === 0 && items.some((i) => i.detailsApplied);
  const locked = running || detailsDone;
  useEffect(() => {
    if (finished) thanksRef.current?.focus();
  }, [finished]);

  const hint = [
    t("hintMedia"),
    link.maxFileBytes !== null ? t("hintSize", { size: formatBytes(link.maxFileBytes, locale) }) : null,
    link.maxDurationSeconds !== null ? t("hintLength", { duration: formatDuration(link.maxDurationSeconds, locale) }) : null,
    link.maxUploads > 1 ? t("hintCount", { count: link.maxUploads }) : null,
  ]
    .filter(Boolean)
    .join(" ");

  return (
    <div className="mt-6 space-y-4" data-testid="uploader">
      <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="announcer">
        {announcement}
      </div>
      {finished ? (
        <div>
          <h2 ref={thanksRef} tabIndex={-1} className="text-2xl font-bold outline-none">
            {t("thanks")}
          </h2>
          <p className="mt-2 text-slate-700">
            {link.title
              ? t("reached", { count: items.filter((i) => i.phase === "done").length, title: `“${link.title}”` })
              : t("reachedTeam", { count: items.filter((i) => i.phase === "done").length })}
          </p>
          <AfterUpload brand={props.brand} />
        </div>
      ) : null}
      {notice ? (
        <Notice tone="error" title={notice.text}>
          {notice.retryable ? t("retryKept") : null}
        </Notice>
      ) : null}

      <form ref={detailsRef} id="intake-details" onSubmit={submit} noValidate className={finished ? "hidden" : "space-y-4"}>
        <fieldset disabled={locked} className="space-y-4">
          <legend className="sr-only">{td("yourDetails")}</legend>
          <DetailsFields link={link} errors={fieldErrors} values={props.initialValues} />
        </fieldset>
      </form>

      {!finished && link.recording.allowRecord ? (
        <RecordEntry
          slug={link.slug}
          settings={link.recording}
          maxFileBytes={link.maxFileBytes}
          maxDurationSeconds={link.maxDurationSeconds}
          disabled={running || takeGoing}
          onTakes={(takes) => {
            setPickerError(undefined);
            batch.addTakes(takes);
          }}
          onUnavailable={onCannotRecord}
        />
      ) : null}

      {/* Outside every portal form: file bytes never go to the portal. */}
      {!finished && canPick ? (
        <FilePicker multiple={link.maxUploads > 1} maxFiles={link.maxUploads} disabled={running} hint={hint} error={pickerError} onFiles={addFiles} />
      ) : null}
      {!finished && !canPick && pickerError ? (
        <p role="alert" className="text-sm text-red-700" data-testid="record-error">
          {pickerError}
        </p>
      ) : null}

      {items.length ? (
        <ul aria-label={t("chosenFiles")} className="divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200">
          {items.map((item) => (
            <FileRow key={item.id} item={item} onRemove={batch.remove} onCancel={batch.cancel} onRetry={onRetry} onSettled={batch.settle} />
          ))}
        </ul>
      ) : null}

      {!finished && waitingForDetails ? (
        <p className="text-sm text-slate-700" data-testid="details-while-uploading">
          {t("detailsWhileUploading")}
        </p>
      ) : null}

      {finished ? (
        <Button variant="ghost" size="sm" onClick={() => window.location.reload()} className="px-0">
          {t("sendAnother")}
        </Button>
      ) : (
        <Button type="submit" form="intake-details" disabled={locked} size="lg" className="w-full">
          {locked ? t("uploading") : readyCount > 1 ? t("uploadN", { count: readyCount }) : t("upload")}
        </Button>
      )}
      <p className="text-xs text-slate-500">{t("keepOpen")}</p>

      {/* The no-CORS fallback: a real form posting straight to TwentyThree (never to the portal). */}
      <form ref={batch.fallbackRef} action={props.redeemUrl} method="post" encType="multipart/form-data" hidden aria-hidden="true">
        <input type="hidden" name="upload_token" />
        <input type="file" name="file" tabIndex={-1} />
      </form>
    </div>
  );
}
