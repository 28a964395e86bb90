// How a file is cut for TwentyThree's resumable (resumable.js) protocol: every chunk is exactly
// the chunk size except the last, which takes the remainder and so is ≥ chunk size and < 2×.
export type Chunk = { number: number; start: number; end: number };

export function totalChunks(totalSize: number, chunkSize: number): number {
  return Math.max(1, Math.floor(totalSize / chunkSize));
}

export function planChunks(totalSize: number, chunkSize: number): Chunk[] {
  if (!(chunkSize > 0) || !(totalSize >= 0)) throw new RangeError("chunk and file sizes must be positive");
  const total = totalChunks(totalSize, chunkSize);
  return Array.from({ length: total }, (_, i) => ({
    number: i + 1,
    start: i * chunkSize,
    end: i === total - 1 ? totalSize : (i + 1) * chunkSize,
  }));
}

/** Stable per file; chunks are stored per (upload_token, identifier) on TwentyThree. */
export function fileIdentifier(file: { name: string; size: number; lastModified: number }): string {
  return `${file.size}-${file.lastModified}-${file.name.replace(/[^0-9A-Za-z_-]/g, "")}`.slice(0, 200);
}
