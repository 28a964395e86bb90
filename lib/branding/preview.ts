// The live preview's messages between the admin's branding form and the preview frame (issue #18).
// Client-safe. A draft is checked field by field before the frame uses it, as if a stranger wrote it.
import { TEXT_MAX } from "./schema";

export const PREVIEW_DRAFT = "brand-preview:draft";
export const PREVIEW_READY = "brand-preview:ready";

/** The form's unsaved values; `logo` is a blob: address of the file the admin picked, or null. */
export type BrandingDraft = { color: string; welcome: string; thanks: string; afterUrl: string; logo: string | null; removeLogo: boolean };

const BLOB = /^blob:(https?:\/\/[^/]+)\/[0-9a-f-]{36}$/i;

export function parseDraft(raw: unknown, origin: string): BrandingDraft | null {
  if (!raw || typeof raw !== "object") return null;
  const d = raw as Record<string, unknown>;
  const str = (v: unknown, max: number) => (typeof v === "string" && v.length <= max ? v : null);
  const color = str(d.color, 20);
  const welcome = str(d.welcome, TEXT_MAX);
  const thanks = str(d.thanks, TEXT_MAX);
  const afterUrl = str(d.afterUrl, 2000);
  if (color === null || welcome === null || thanks === null || afterUrl === null) return null;
  const m = typeof d.logo === "string" ? BLOB.exec(d.logo) : null;
  return { color, welcome, thanks, afterUrl, logo: m && m[1] === origin ? (d.logo as string) : null, removeLogo: d.removeLogo === true };
}
