// Nothing recorded is lost: while recording, each 1 s chunk is written to IndexedDB (through
// `idb`, a small maintained wrapper), so after a reload, a crash or a closed tab the page can
// offer the saved take. Chunks are stored as ArrayBuffers (Safari long refused Blobs in
// IndexedDB). A take is deleted once the portal reports its upload confirmed, when the visitor
// discards it, or after a week unused.
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { RecordingMeta } from "@/lib/recording/types";

export type SavedTake = {
  id: string;
  slug: string;
  mimeType: string;
  createdAt: number;
  updatedAt: number;
  bytes: number;
  /** Recorded time so far (pauses left out); updated with every chunk. */
  durationMs: number;
  meta: Omit<RecordingMeta, "durationSeconds">;
  /** Clip mode: which clip of the response (file name and order). */
  label: string;
};

interface RecorderDB extends DBSchema {
  takes: { key: string; value: SavedTake; indexes: { bySlug: string } };
  chunks: { key: [string, number]; value: { takeId: string; seq: number; data: ArrayBuffer }; indexes: { byTake: string } };
}

const WEEK_MS = 7 * 24 * 3600 * 1000;
let dbPromise: Promise<IDBPDatabase<RecorderDB>> | null = null;

function db() {
  dbPromise ??= openDB<RecorderDB>("portal-recorder", 1, {
    upgrade(d) {
      d.createObjectStore("takes", { keyPath: "id" }).createIndex("bySlug", "slug");
      d.createObjectStore("chunks", { keyPath: ["takeId", "seq"] }).createIndex("byTake", "takeId");
    },
  });
  return dbPromise;
}

/** For tests: forget the open connection (a fresh fake IndexedDB per test). */
export function resetTakeStoreConnection() {
  dbPromise = null;
}

export async function createTake(take: Omit<SavedTake, "bytes" | "durationMs" | "updatedAt">): Promise<void> {
  await (await db()).put("takes", { ...take, bytes: 0, durationMs: 0, updatedAt: take.createdAt });
}

/** One chunk and the take's new size and length, in one transaction (a crash keeps them in step). */
export async function appendChunk(takeId: string, seq: number, data: Blob, durationMs: number, now = Date.now()): Promise<void> {
  const buf = await data.arrayBuffer();
  const tx = (await db()).transaction(["takes", "chunks"], "readwrite");
  const take = await tx.objectStore("takes").get(takeId);
  if (take) {
    await tx.objectStore("chunks").put({ takeId, seq, data: buf });
    await tx.objectStore("takes").put({ ...take, bytes: take.bytes + buf.byteLength, durationMs: Math.max(take.durationMs, durationMs), updatedAt: now });
  }
  await tx.done;
}

export async function setTakeDuration(takeId: string, durationMs: number, marks?: RecordingMeta["marks"]): Promise<void> {
  const d = await db();
  const take = await d.get("takes", takeId);
  if (take) await d.put("takes", { ...take, durationMs, meta: marks ? { ...take.meta, marks } : take.meta });
}

/** The link's saved takes with something in them, oldest first. */
export async function listTakes(slug: string): Promise<SavedTake[]> {
  const all = await (await db()).getAllFromIndex("takes", "bySlug", slug);
  return all.filter((t) => t.bytes > 0).sort((a, b) => a.createdAt - b.createdAt);
}

/** The take's bytes in recording order. */
export async function takeBlob(takeId: string): Promise<Blob | null> {
  const d = await db();
  const take = await d.get("takes", takeId);
  if (!take) return null;
  const chunks = await d.getAllFromIndex("chunks", "byTake", takeId);
  chunks.sort((a, b) => a.seq - b.seq);
  return new Blob(
    chunks.map((c) => c.data),
    { type: take.mimeType },
  );
}

export async function deleteTake(takeId: string): Promise<void> {
  const tx = (await db()).transaction(["takes", "chunks"], "readwrite");
  const keys = await tx.objectStore("chunks").index("byTake").getAllKeys(takeId);
  await Promise.all([...keys.map((k) => tx.objectStore("chunks").delete(k)), tx.objectStore("takes").delete(takeId)]);
  await tx.done;
}

/** Clean-up on load: empty takes (recording never produced a chunk) and takes unused for a week. */
export async function pruneTakes(now = Date.now()): Promise<number> {
  const all = await (await db()).getAll("takes");
  const stale = all.filter((t) => (t.bytes === 0 ? now - t.createdAt > 60_000 : now - t.updatedAt > WEEK_MS));
  for (const t of stale) await deleteTake(t.id);
  return stale.length;
}
