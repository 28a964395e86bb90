// What lets a chunked upload resume after a reload: the token it used and the chunks TwentyThree
// acknowledged, in localStorage, keyed by link + file name + size + last-modified time. It holds
// only the visitor's own token, never anything of the portal's.
export type ResumeRecord = {
  uploadToken: string;
  ticket: string;
  redeemUrl: string;
  identifier: string;
  chunkSize: number;
  validUntil: string;
  done: number[];
};

type FileLike = { name: string; size: number; lastModified: number };
const PREFIX = "t23-upload:";

export function resumeKey(slug: string, file: FileLike): string {
  return `${PREFIX}${slug}:${file.name}:${file.size}:${file.lastModified}`;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null; // blocked storage (privacy settings): uploads still work, only without resume
  }
}

function isRecord(v: unknown): v is ResumeRecord {
  if (!v || typeof v !== "object") return false;
  const r = v as Record<string, unknown>;
  return (
    typeof r.uploadToken === "string" &&
    typeof r.ticket === "string" &&
    typeof r.redeemUrl === "string" &&
    typeof r.identifier === "string" &&
    typeof r.chunkSize === "number" &&
    typeof r.validUntil === "string" &&
    Array.isArray(r.done) &&
    r.done.every((n) => Number.isInteger(n) && n > 0)
  );
}

/** A stored record still usable at `now` (token valid for at least `marginMs` more), or null. */
export function loadResume(slug: string, file: FileLike, now = Date.now(), marginMs = 120_000): ResumeRecord | null {
  const s = storage();
  if (!s) return null;
  const key = resumeKey(slug, file);
  try {
    const parsed: unknown = JSON.parse(s.getItem(key) ?? "null");
    if (isRecord(parsed) && Date.parse(parsed.validUntil) - marginMs > now) return parsed;
  } catch {
    /* unreadable: treat as absent */
  }
  s.removeItem(key);
  return null;
}

export function saveResume(slug: string, file: FileLike, record: ResumeRecord): void {
  try {
    storage()?.setItem(resumeKey(slug, file), JSON.stringify(record));
  } catch {
    /* quota or blocked: resume is a convenience */
  }
}

export function clearResume(slug: string, file: FileLike): void {
  try {
    storage()?.removeItem(resumeKey(slug, file));
  } catch {
    /* ignore */
  }
}

/** Drops records whose token has expired, so storage does not grow. */
export function pruneResume(now = Date.now()): void {
  const s = storage();
  if (!s) return;
  for (let i = s.length - 1; i >= 0; i--) {
    const key = s.key(i);
    if (!key?.startsWith(PREFIX)) continue;
    try {
      const r: unknown = JSON.parse(s.getItem(key) ?? "null");
      if (!isRecord(r) || Date.parse(r.validUntil) <= now) s.removeItem(key);
    } catch {
      s.removeItem(key);
    }
  }
}
