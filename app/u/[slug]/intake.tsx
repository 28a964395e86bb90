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
  const plain = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let live = true;
    import("@/components/uploader/intake-uploader")
      .then((m) => {
        if (!live) return;
        // On a slow connection the visitor may already have typed into the plain form: carry it over.
        const form = plain.current?.querySelector("form");
        const values: Record<string, string> = {};
        if (form) for (const [k, v] of new FormData(form)) if (typeof v === "string" && k !== "slug" && !k.startsWith("$")) values[k] = v;
        // Read and swap in one synchronous step, so no keystroke lands between the two.
        flushSync(() => {
          setTyped(values);
          setUploader(() => m.IntakeUploader);
        });
      })
      .catch(() => undefined); // stay on the plain two-step form
    return () => {
      live = false;
    };
  }, []);
  return Uploader ? (
    <Uploader {...props} prepare={prepareUpload} applyDetails={applyDetails} initialValues={typed} />
  ) : (
    <div ref={plain}>
      <DetailsForm link={props.link} />
    </div>
  );
}
