// The uploader's shared types, in their own module so the component, its hook and the pure
// batch reducer can all import them without importing each other.
import type { Reading } from "@/components/uploader/client/meter";
import type { ApplyResult, PrepareResult } from "@/lib/intake/actions";
import type { PublicLinkView } from "@/lib/intake/view";
import type { RecordingMeta } from "@/lib/recording/types";

export type { ApplyResult, PrepareResult };

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
  /** A take from the recorder: minted on its own with this meta; its saved copy deleted once confirmed. */
  recording?: RecordingMeta;
  takeId?: string | null;
  /** Issue #15: a take that went up at once, minted without details; they follow via applyDetails. */
  deferred?: boolean;
  detailsApplied?: boolean;
};

export type Prepare = (
  slug: string,
  values: Record<string, string>,
  opts: { fileCount: number; background: boolean; recording?: RecordingMeta; deferDetails?: boolean },
) => Promise<PrepareResult>;

export type ApplyDetails = (ticket: string, values: Record<string, string>) => Promise<ApplyResult>;

export type UploaderProps = {
  link: PublicLinkView;
  redeemUrl: string;
  chunkBytes: number;
  chunkThresholdBytes: number;
  prepare: Prepare;
  applyDetails: ApplyDetails;
  /** Branding and embedding (issue #18): sanitised thank-you HTML, the "go to" URL, embed origins. */
  brand?: UploaderBrand;
  /** What the visitor already typed into the plain form before this uploader took its place. */
  initialValues?: Record<string, string>;
};

export type UploaderBrand = { thanksHtml: string; afterUrl: string | null; embedOrigins: string[] };
