"use client";
// The link's real public page in two frames, at a phone's and a desktop's width (scaled down to
// fit), so the admin sees exactly what visitors get. The portal may frame its own intake pages
// (lib/security/frame-ancestors.ts); the frames reload after each save.
import { useState } from "react";

const SIZES = [
  { name: "Phone", width: 390, height: 760, scale: 0.6 },
  { name: "Desktop", width: 1280, height: 860, scale: 0.42 },
] as const;

export function BrandPreview({ path, version }: { path: string; version: string }) {
  const [shown, setShown] = useState(true);
  return (
    <section aria-label="Preview" className="space-y-2">
      <div className="flex items-center gap-3">
        <h3 className="font-semibold">Preview</h3>
        <button type="button" className="text-sm text-blue-800 underline" onClick={() => setShown((s) => !s)}>
          {shown ? "Hide" : "Show"}
        </button>
      </div>
      {shown ? (
        <div className="flex flex-wrap items-start gap-4">
          {SIZES.map((s) => (
            <figure key={s.name} className="overflow-hidden rounded-lg ring-1 ring-slate-300" style={{ width: s.width * s.scale, height: s.height * s.scale }}>
              <iframe
                key={version}
                src={path}
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
