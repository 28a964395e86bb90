"use client";
// Choosing files: a button (a real, keyboard-focusable file input behind a label), a drop zone,
// and on touch devices an explicit "record with camera" option (the only input with `capture`).
// None of these inputs is inside a form that posts to the portal.
import { useTranslations } from "next-intl";
import { useEffect, useId, useState, type ChangeEvent, type DragEvent } from "react";
import { buttonClass } from "@/components/ui/button";

type Props = { multiple: boolean; maxFiles: number; disabled: boolean; hint: string; error?: string; onFiles: (files: File[]) => void };

export function FilePicker({ multiple, maxFiles, disabled, hint, error, onFiles }: Props) {
  const t = useTranslations("uploader");
  const id = useId();
  const [over, setOver] = useState(false);
  const [touch, setTouch] = useState(false);
  useEffect(() => setTouch(window.matchMedia("(pointer: coarse)").matches), []);

  const take = (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []);
    e.target.value = ""; // picking the same file again must fire change again (resume)
    if (files.length) onFiles(files);
  };
  const drop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    if (disabled) return;
    const files = Array.from(e.dataTransfer.files);
    if (files.length) onFiles(files);
  };
  // A label styled as the kit's button; the hidden input before it (the peer) takes the focus.
  const btn = `${buttonClass("secondary", "lg")} cursor-pointer peer-focus-visible:outline peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-blue-700`;
  return (
    <div>
      <div
        onDragOver={(e) => {
          e.preventDefault();
          if (!disabled) setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        data-testid="drop-zone"
        className={`rounded-xl border-2 border-dashed p-4 text-center ${over ? "border-blue-700 bg-blue-50" : error ? "border-red-600" : "border-slate-300"}`}
      >
        <p className="text-sm text-slate-700">{multiple ? t("dropMany", { count: maxFiles }) : t("dropOne")}</p>
        <div className="mt-3 flex flex-wrap justify-center gap-3">
          <span className="relative">
            <input
              id={`${id}-file`}
              type="file"
              accept="video/*,image/*"
              multiple={multiple}
              disabled={disabled}
              onChange={take}
              className="peer sr-only"
              aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
            />
            <label htmlFor={`${id}-file`} className={btn}>
              {multiple ? t("chooseMany") : t("chooseOne")}
            </label>
          </span>
          {touch ? (
            <span className="relative">
              <input id={`${id}-camera`} type="file" accept="video/*" capture="environment" disabled={disabled} onChange={take} className="peer sr-only" />
              <label htmlFor={`${id}-camera`} className={btn}>
                {t("camera")}
              </label>
            </span>
          ) : null}
        </div>
        <p id={`${id}-hint`} className="mt-3 text-xs text-slate-600">
          {hint}
        </p>
      </div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
