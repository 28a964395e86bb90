// The one set of human-readable formatters, for the admin pages (server-rendered) and the visitor's
// uploader (browser) alike. Deterministic: the same text on the server and in the browser, so
// hydration agrees (no locale, no time zone).

/** Sizes in binary units: "512 B", "95.3 KB", "106 MB" (one decimal below 100, so it reads fast). */
export function formatBytes(n: number | bigint | null | undefined): string {
  if (n === null || n === undefined) return "—";
  const bytes = Number(n);
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** A moment as "2026-11-27 14:05 UTC". */
export function formatWhen(iso: string | Date | null | undefined): string {
  if (!iso) return "—";
  const d = typeof iso === "string" ? new Date(iso) : iso;
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export { formatLength } from "@/lib/uploads/format-length";
