"use client";
// Progressive enhancement: the server renders the no-JavaScript details form (step one of two).
// Once hydrated, the one-page uploader is loaded as its own chunk and takes its place, so the
// page's first-load JavaScript stays small and a failed chunk load leaves the plain flow working.
import { useEffect, useState, type ComponentType } from "react";
import type { UploaderProps } from "@/components/uploader/types";
import { applyDetails, prepareUpload } from "@/lib/intake/actions";
import { DetailsForm } from "./details-form";

export function Intake(props: Omit<UploaderProps, "prepare" | "applyDetails">) {
  const [Uploader, setUploader] = useState<ComponentType<UploaderProps> | null>(null);
  useEffect(() => {
    let live = true;
    import("@/components/uploader/intake-uploader").then((m) => live && setUploader(() => m.IntakeUploader)).catch(() => undefined); // stay on the plain two-step form
    return () => {
      live = false;
    };
  }, []);
  return Uploader ? <Uploader {...props} prepare={prepareUpload} applyDetails={applyDetails} /> : <DetailsForm link={props.link} />;
}
