// The uploader's state as a pure reducer: every transition a file or the batch can make, with no
// effects (minting, sending, polling and timers live in use-upload-batch.ts). The small pure
// helpers below it decide what the hook does next (which files resume, whether a token is still
// usable, when to repaint or speak progress), so each rule is unit-tested on its own.
import { englishNotes, englishUploaderWords, type NoteWords, type UploaderWords } from "./words";
import type { Reading } from "@/components/uploader/client/meter";
import type { Item } from "./types";

export type Notice = { text: string; retryable: boolean };
export type BatchState = { items: Item[]; running: boolean; notice?: Notice; announcement: string };

export type BatchAction =
  | { type: "add"; items: Item[]; keepIds: string[] }
  | { type: "checked"; id: string; problem: string | null }
  | { type: "remove"; id: string }
  | { type: "start"; ids: string[] }
  | { type: "prepareFailed"; ids: string[]; message: string; retryable: boolean }
  | { type: "fallback"; ids: string[] }
  | { type: "fileStarted"; id: string; reading: Reading }
  | { type: "progress"; id: string; reading: Reading }
  | { type: "note"; id: string; note: string }
  | { type: "say"; text: string }
  | { type: "sent"; id: string; ticket: string; photoId: string; reading: Reading }
  | { type: "sentUnconfirmed"; id: string }
  | { type: "refused"; id: string; message: string }
  | { type: "failed"; id: string; message: string }
  | { type: "cancelled"; id: string }
  | { type: "settled"; id: string; ok: boolean; text: string }
  | { type: "retry"; id: string }
  | { type: "early"; id: string }
  | { type: "earlyFailed"; id: string; notice?: Notice }
  | { type: "detailsApplied"; id: string }
  | { type: "finished" };

export const initialBatch: BatchState = { items: [], running: false, announcement: "" };

function patch(items: Item[], id: string, p: Partial<Item>, only?: (i: Item) => boolean): Item[] {
  return items.map((i) => (i.id === id && (!only || only(i)) ? { ...i, ...p } : i));
}
const isQueued = (i: Item) => i.phase === "queued";

/** The reducer in the visitor's language: every note and announcement through `n` (the catalogue). */
export const batchReducerWith = (n: NoteWords) => (s: BatchState, a: BatchAction) => reduce(s, a, n);
export const batchReducer = batchReducerWith(englishNotes);

function reduce(s: BatchState, a: BatchAction, n: NoteWords): BatchState {
  const nameOf = (s: BatchState, id: string) => s.items.find((i) => i.id === id)?.file.name ?? n("yourFile");
  switch (a.type) {
    case "add":
      return { ...s, items: [...s.items.filter((i) => a.keepIds.includes(i.id)), ...a.items] };
    case "checked": {
      const items = patch(s.items, a.id, a.problem ? { phase: "invalid", message: a.problem } : { phase: "ready" }, (i) => i.phase === "checking");
      return a.problem ? { ...s, items, announcement: n("sayCannotSend", { file: nameOf(s, a.id), problem: a.problem }) } : { ...s, items };
    }
    case "remove":
      return { ...s, items: s.items.filter((i) => i.id !== a.id) };
    case "start":
      return {
        ...s,
        running: true,
        notice: undefined,
        items: s.items.map((i) => (a.ids.includes(i.id) ? { ...i, phase: "queued", message: undefined, reading: undefined, note: undefined } : i)),
      };
    case "prepareFailed":
      // Files cancelled while the token was being minted stay cancelled.
      return {
        ...s,
        items: s.items.map((i) => (a.ids.includes(i.id) && isQueued(i) ? { ...i, phase: "ready" } : i)),
        notice: { text: a.message, retryable: a.retryable },
        announcement: a.message,
      };
    case "fallback": {
      const [first, ...rest] = a.ids;
      const items = s.items.map((i) =>
        i.id === first ? { ...i, phase: "uploading" as const, note: n("fallbackNote") } : rest.includes(i.id) ? { ...i, phase: "ready" as const } : i,
      );
      return {
        ...s,
        items,
        notice: rest.length ? { text: n("fallbackOneAtATime"), retryable: false } : s.notice,
        announcement: first ? n("sayUploadingKeepOpen", { file: nameOf(s, first) }) : s.announcement,
      };
    }
    case "fileStarted":
      return { ...s, items: patch(s.items, a.id, { phase: "uploading", reading: a.reading }), announcement: n("sayUploading", { file: nameOf(s, a.id) }) };
    case "progress":
      return { ...s, items: patch(s.items, a.id, { reading: a.reading }) };
    case "note":
      return { ...s, items: patch(s.items, a.id, { note: a.note }) };
    case "say":
      return { ...s, announcement: a.text };
    case "sent":
      return {
        ...s,
        items: patch(s.items, a.id, { phase: "confirming", ticket: a.ticket, photoId: a.photoId, note: undefined, reading: a.reading }),
        announcement: n("saySent100", { file: nameOf(s, a.id) }),
      };
    case "sentUnconfirmed":
      return {
        ...s,
        items: patch(s.items, a.id, { phase: "done", stateText: n("sentUnconfirmed") }),
        announcement: n("saySent", { file: nameOf(s, a.id) }),
      };
    case "refused": {
      const message = n("librarySaid", { message: a.message });
      return { ...s, items: patch(s.items, a.id, { phase: "failed", message }), announcement: n("sayNotAccepted", { file: nameOf(s, a.id), message }) };
    }
    case "failed":
      return {
        ...s,
        items: patch(s.items, a.id, { phase: "failed", message: a.message, note: undefined }),
        announcement: n("sayNotSent", { file: nameOf(s, a.id), message: a.message }),
      };
    case "cancelled": {
      const item = s.items.find((i) => i.id === a.id);
      // Only a file still on its way can be cancelled; a late abort must not undo a result.
      if (!item || (item.phase !== "queued" && item.phase !== "uploading")) return s;
      return { ...s, items: patch(s.items, a.id, { phase: "cancelled", note: undefined }), announcement: n("sayCancelled", { file: item.file.name }) };
    }
    case "settled":
      return {
        ...s,
        items: patch(s.items, a.id, a.ok ? { phase: "done", stateText: a.text } : { phase: "failed", message: a.text }, (i) => i.phase === "confirming"),
        announcement: `${nameOf(s, a.id)}: ${a.text}.`,
      };
    case "retry":
      return { ...s, items: patch(s.items, a.id, { phase: "ready", message: undefined, reading: undefined }) };
    case "finished":
      return { ...s, running: false };
    case "early":
      return { ...s, items: patch(s.items, a.id, { phase: "queued", deferred: true, detailsApplied: false, message: undefined, reading: undefined }) };
    case "earlyFailed": {
      // Not minted early (no CORS, or the mint was refused): it waits for Upload, sent with the details like a file.
      const items = patch(s.items, a.id, { phase: "ready", deferred: false }, isQueued);
      return a.notice ? { ...s, items, notice: a.notice, announcement: a.notice.text } : { ...s, items };
    }
    case "detailsApplied":
      return { ...s, items: patch(s.items, a.id, { detailsApplied: true }) };
  }
}

/** Which of the chosen files stay when more are added, and how many new ones fit. */
export function planAdd(
  items: Item[],
  adding: number,
  maxUploads: number,
  w: UploaderWords = englishUploaderWords,
): { keep: Item[]; take: number; error?: string } {
  const keep = maxUploads === 1 ? [] : items.filter((i) => i.phase !== "invalid");
  const take = Math.min(adding, Math.max(0, maxUploads - keep.length));
  const error = adding > take ? w("tooManyFiles", { max: maxUploads }) : undefined;
  return { keep, take, error };
}

/** A take already on its way (or arrived) whose details the visitor has not sent yet. */
export function needsDetails(i: Item): boolean {
  return Boolean(i.deferred && !i.detailsApplied && !["failed", "cancelled", "invalid"].includes(i.phase));
}

/**
 * What pressing Upload does: the files to send (takes already on their way only need the
 * details), or why nothing can be sent yet. `canPick`: the file picker is on the page; on a
 * link that takes recordings only it is not, so the visitor is pointed at the recorder instead.
 */
export function planSubmit(
  items: Item[],
  canPick = true,
  w: UploaderWords = englishUploaderWords,
): { ids: string[] } | { error: string; focus: "picker" | "record" | null } {
  if (items.some((i) => i.phase === "checking")) return { error: w("stillChecking"), focus: null };
  const ids = items.filter((i) => i.phase === "ready").map((i) => i.id);
  if (ids.length || items.some(needsDetails)) return { ids };
  if (!canPick) return { error: items.length ? w("recordingUnsendable") : w("recordFirst"), focus: "record" };
  return {
    error: items.length ? w("noneSendable") : w("chooseFile"),
    focus: "picker",
  };
}

/** Files resuming a stored chunked upload reuse its token; the others share one new token. */
export function resumingIds(items: Item[], ids: string[], chunkThreshold: number, hasStored: (file: File) => boolean): Set<string> {
  return new Set(
    ids.filter((id) => {
      const f = items.find((i) => i.id === id)?.file;
      return f !== undefined && f.size > chunkThreshold && hasStored(f);
    }),
  );
}

/** How many files of this run still need a use of the shared token (recorded takes mint their own). */
export function stillToSend(items: Item[], ids: string[], resuming: Set<string>): number {
  return items.filter((i) => ids.includes(i.id) && !resuming.has(i.id) && !i.recording && (i.phase === "queued" || i.phase === "uploading")).length;
}

/** A token is reused while it has uses left and more than a minute to live. */
export function tokenUsable(t: { validUntil: string } | null, usesLeft: number, now: number): boolean {
  return t !== null && usesLeft > 0 && Date.parse(t.validUntil) - now > 60_000;
}

/** True when the whole batch has ended with at least one file through (and its details sent). */
export function isFinished(s: BatchState): boolean {
  const endings = ["done", "failed", "cancelled", "invalid"];
  return !s.running && s.items.some((i) => i.phase === "done") && s.items.every((i) => endings.includes(i.phase) && !needsDetails(i));
}

export type Pace = { paintedAt: number; spoken: { step: number; at: number } };

/**
 * Progress is painted at most every 100 ms (and always at 100 %), and spoken every quarter at most
 * every 5 s: a screen reader reading each percent is noise.
 */
export function pace(p: Pace, percent: number, now: number): { paint: boolean; speak: number | null; next: Pace } {
  const paint = now - p.paintedAt > 100 || percent === 100;
  const step = Math.floor(percent / 25) * 25;
  const speak = step > p.spoken.step && step < 100 && now - p.spoken.at > 5000 ? step : null;
  return { paint, speak, next: { paintedAt: paint ? now : p.paintedAt, spoken: speak !== null ? { step, at: now } : p.spoken } };
}
