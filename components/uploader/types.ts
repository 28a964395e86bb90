import type { Reading } from "@/components/uploader/client/meter";

export type Phase = "checking" | "ready" | "invalid" | "queued" | "uploading" | "confirming" | "done" | "failed" | "cancelled";

export type Item = {
  id: string;
  file: File;
  previewUrl: string;
  phase: Phase;
  /** Why the file cannot be sent (checks) or why it failed. */
  message?: string;
  reading?: Reading;
  note?: string;
  ticket?: string;
  photoId?: string;
  /** Final state text from the portal (e.g. "Received and confirmed"). */
  stateText?: string;
};

export const busyPhases: Phase[] = ["queued", "uploading"];
