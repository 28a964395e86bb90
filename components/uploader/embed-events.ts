// Telling the host page what happened when the intake page is embedded (issue #18). Messages go
// only to the parent window, only when it is one of the link's allowed origins, and always with
// that origin as targetOrigin (never "*"), so no other site can read them. Nothing here listens
// to the host: the portal never acts on messages from the page around it.
import { useEffect, useRef } from "react";
import type { Item, UploaderBrand } from "./types";

export type EmbedEvent =
  | { type: "intake:ready" }
  | { type: "intake:resize"; height: number }
  | { type: "upload:started"; id: string }
  | { type: "upload:progress"; id: string; percent: number }
  | { type: "upload:done"; id: string; photoId: string }
  | { type: "upload:failed"; id: string; message: string };

type Seen = { phase: Item["phase"]; percent: number };

/** The events one state change means (pure, unit-tested): start, each new whole percent, done, failed. */
export function embedEventsBetween(before: Map<string, Seen>, items: Item[]): EmbedEvent[] {
  const out: EmbedEvent[] = [];
  for (const item of items) {
    const was = before.get(item.id);
    const percent = Math.floor(item.reading?.percent ?? 0);
    const sending = item.phase === "uploading" || item.phase === "confirming" || item.phase === "done";
    if (sending && (!was || !["uploading", "confirming", "done"].includes(was.phase))) out.push({ type: "upload:started", id: item.id });
    if (item.phase === "uploading" && percent > (was?.phase === "uploading" ? was.percent : -1)) out.push({ type: "upload:progress", id: item.id, percent });
    if (item.phase === "done" && was?.phase !== "done" && item.photoId) {
      out.push({ type: "upload:done", id: item.id, photoId: item.photoId });
    }
    if (item.phase === "failed" && was?.phase !== "failed") out.push({ type: "upload:failed", id: item.id, message: item.message ?? "The upload failed." });
  }
  return out;
}

/** The parent's origin, if this page is framed by one of the allowed origins; otherwise null. */
export function allowedParentOrigin(allowed: string[]): string | null {
  if (typeof window === "undefined" || window.parent === window || allowed.length === 0) return null;
  const ancestors = (window.location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  let origin: string | null = ancestors?.length ? ancestors[0]! : null;
  if (!origin && document.referrer) {
    try {
      origin = new URL(document.referrer).origin;
    } catch {
      origin = null;
    }
  }
  return origin && allowed.includes(origin) ? origin : null;
}

export function useEmbedEvents(items: Item[], brand?: UploaderBrand) {
  const target = useRef<string | null | undefined>(undefined);
  const seen = useRef(new Map<string, Seen>());
  const post = (e: EmbedEvent) => {
    if (target.current) window.parent.postMessage({ source: "twentythree-intake", ...e }, target.current);
  };
  useEffect(() => {
    target.current = allowedParentOrigin(brand?.embedOrigins ?? []);
    if (!target.current) return;
    post({ type: "intake:ready" });
    // The host's script sizes the iframe to the page, so the visitor never scrolls inside it.
    let last = 0;
    const observer = new ResizeObserver(() => {
      const height = Math.ceil(document.documentElement.scrollHeight);
      if (height !== last) post({ type: "intake:resize", height: (last = height) });
    });
    observer.observe(document.body);
    return () => observer.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per page: the allowed origins do not change while it is open
  }, []);
  useEffect(() => {
    if (target.current) for (const e of embedEventsBetween(seen.current, items)) post(e);
    seen.current = new Map(items.map((i) => [i.id, { phase: i.phase, percent: Math.floor(i.reading?.percent ?? 0) }]));
  }, [items]);
}
