"use client";
// The link's public page as visitors will see it, at a phone's and a desktop's width (scaled down
// to fit), following the branding form's unsaved edits live (issue #18). Each frame is the
// admin-only preview page (app/preview/links/[id]); this side sends it the draft by postMessage
// to the portal's own origin only. Nothing is saved until the form is; the public page never
// sees a draft. The language and the page shown (upload form or thank-you) are the preview's own.
import { useEffect, useRef, useState } from "react";
import { SelectField } from "@/components/ui/field";
import { PREVIEW_DRAFT, PREVIEW_READY, type BrandingDraft } from "@/lib/branding/preview";
import { localeNames, locales } from "@/lib/i18n/locales";

const SIZES = [
  { name: "Phone", width: 390, height: 760, scale: 0.6 },
  { name: "Desktop", width: 1280, height: 860, scale: 0.42 },
] as const;

type Props = { path: string; version: string; draft: BrandingDraft | null; language: string | null };

export function BrandPreview({ path, version, draft, language }: Props) {
  const [shown, setShown] = useState(true);
  const [lang, setLang] = useState(language ?? "en");
  const [view, setView] = useState<"intake" | "thanks">("intake");
  const frames = useRef<(HTMLIFrameElement | null)[]>([]);
  const latest = useRef(draft);
  latest.current = draft;
  const send = (w: Window | null | undefined) => {
    if (w && latest.current) w.postMessage({ type: PREVIEW_DRAFT, draft: latest.current }, window.location.origin);
  };
  // A frame that (re)loaded asks for the draft; answer only our own frames.
  useEffect(() => {
    const onReady = (e: MessageEvent) => {
      if (e.origin !== window.location.origin || e.data?.type !== PREVIEW_READY) return;
      const frame = frames.current.find((f) => f?.contentWindow === e.source);
      if (frame) send(frame.contentWindow);
    };
    window.addEventListener("message", onReady);
    return () => window.removeEventListener("message", onReady);
  }, []);
  // Typing: send the draft a moment after the last keystroke.
  useEffect(() => {
    const t = setTimeout(() => frames.current.forEach((f) => send(f?.contentWindow)), 250);
    return () => clearTimeout(t);
  }, [draft]);
  const src = `${path}?${new URLSearchParams({ lang, view })}`;
  return (
    <section aria-label="Preview" className="space-y-2">
      <div className="flex flex-wrap items-end gap-3">
        <h3 className="font-semibold">Preview</h3>
        <button type="button" className="text-sm text-blue-800 underline" onClick={() => setShown((s) => !s)}>
          {shown ? "Hide" : "Show"}
        </button>
        <SelectField label="Preview language" name="previewLanguage" value={lang} onChange={(e) => setLang(e.target.value)}>
          {locales.map((l) => (
            <option key={l} value={l}>
              {localeNames[l]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Preview page" name="previewPage" value={view} onChange={(e) => setView(e.target.value === "thanks" ? "thanks" : "intake")}>
          <option value="intake">Upload form</option>
          <option value="thanks">Thank-you page</option>
        </SelectField>
      </div>
      <p className="text-sm text-slate-600">Shows your changes as you make them, before you save.</p>
      {shown ? (
        <div className="flex flex-wrap items-start gap-4">
          {SIZES.map((s, i) => (
            <figure key={s.name} className="overflow-hidden rounded-lg ring-1 ring-slate-300" style={{ width: s.width * s.scale, height: s.height * s.scale }}>
              <iframe
                key={`${version}-${src}`}
                ref={(el) => {
                  frames.current[i] = el;
                }}
                src={src}
                title={`${s.name} preview`}
                tabIndex={-1}
                style={{ width: s.width, height: s.height, transform: `scale(${s.scale})`, transformOrigin: "0 0", border: 0 }}
              />
              <figcaption className="sr-only">{s.name}</figcaption>
            </figure>
          ))}
        </div>
      ) : null}
    </section>
  );
}
