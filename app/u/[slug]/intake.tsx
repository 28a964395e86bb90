"use client";
// Progressive enhancement: the server renders the no-JavaScript details form (step one of two).
// Once hydrated, the one-page uploader is loaded as its own chunk and takes its place, so the
// page's first-load JavaScript stays small and a failed chunk load leaves the plain flow working.
import { useEffect, useRef, useState, type ComponentType } from "react";
import { flushSync } from "react-dom";
import type { UploaderProps } from "@/components/uploader/types";
import { applyDetails, prepareUpload } from "@/lib/intake/actions";
import { DetailsForm } from "./details-form";

export function Intake(props: Omit<UploaderProps, "prepare" | "applyDetails">) {
  const [Uploader, setUploader] = useState<ComponentType<UploaderProps> | null>(null);
  const [typed, setTyped] = useState<Record<string, string>>();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let live = true;
    import("@/components/uploader/intake-uploader")
      .then((m) => {
        if (!live) return;
        // On a slow connection the visitor may already have typed into the plain form: carry it over.
        const form = box.current?.querySelector("form");
        const values: Record<string, string> = {};
        if (form) for (const [k, v] of new FormData(form)) if (typeof v === "string" && k !== "slug" && !k.startsWith("$")) values[k] = v;
        // The field the visitor is typing in, and where: the swap must not drop their cursor, or
        // the next keystrokes would go nowhere.
        const active = document.activeElement;
        const caret = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement ? active : null;
        const at = caret && form?.contains(caret) ? { name: caret.name, start: caret.selectionStart, end: caret.selectionEnd } : null;
        // Read, swap and refocus in one synchronous step, so no keystroke lands between them.
        flushSync(() => {
          setTyped(values);
          setUploader(() => m.IntakeUploader);
        });
        if (at) {
          const next = box.current?.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${CSS.escape(at.name)}"]`);
          next?.focus();
          if (next && at.start !== null && at.end !== null) {
            try {
              next.setSelectionRange(at.start, at.end);
            } catch {
              // e-mail inputs have no selection API; the cursor goes to the end, which is where typing happens
            }
          }
        }
      })
      .catch(() => undefined); // stay on the plain two-step form
    return () => {
      live = false;
    };
  }, []);
  return (
    <div ref={box} className="contents">
      {Uploader ? <Uploader {...props} prepare={prepareUpload} applyDetails={applyDetails} initialValues={typed} /> : <DetailsForm link={props.link} />}
    </div>
  );
}
