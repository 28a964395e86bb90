// The one set of human-readable formatters, for the admin pages (server-rendered) and the visitor's
// uploader (browser) alike. Without a locale they are deterministic English (the admin, which is
// English-only: the same text on the server and in the browser). With the visitor's locale, sizes
// and lengths are worded by Intl (issue #18: "95,0 kB" in Danish, "2 Min. 5 Sek." in German); the
// visitor's uploader renders only in the browser, so no server text has to agree with it.

/** Sizes in binary units: "512 B", "95.3 KB", "106 MB" (one decimal below 100, so it reads fast). */
export function formatBytes(n: number | bigint | null | undefined, locale?: string): string {
  if (n === null || n === undefined) return "—";
  const bytes = Number(n);
  const units = ["kilobyte", "megabyte", "gigabyte", "terabyte"] as const;
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const digits = v >= 100 ? 0 : 1;
  if (locale) {
    const [value, unit] = bytes < 1024 ? [bytes, "byte"] : [v, units[i]!];
    const places = bytes < 1024 ? 0 : digits;
    return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short", minimumFractionDigits: places, maximumFractionDigits: places }).format(
      value,
    );
  }
  if (bytes < 1024) return `${bytes} B`;
  return `${v.toFixed(digits)} ${["KB", "MB", "GB", "TB"][i]}`;
}

export function formatDuration(seconds: number, locale?: string): string {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  // [amount, Intl unit, English short] from the largest part down
  const parts: Array<[number, "hour" | "minute" | "second", string]> =
    s < 60
      ? [[s, "second", "s"]]
      : m < 60
        ? [
            [m, "minute", "min"],
            [s % 60, "second", "s"],
          ]
        : [
            [Math.floor(m / 60), "hour", "h"],
            [m % 60, "minute", "min"],
          ];
  if (!locale) return parts.map(([n, , en]) => `${n} ${en}`).join(" ");
  return parts.map(([n, unit]) => new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short" }).format(n)).join(" ");
}

/** A moment as "2026-11-27 14:05 UTC". */
export function formatWhen(iso: string | Date | null | undefined): string {
  if (!iso) return "—";
  const d = typeof iso === "string" ? new Date(iso) : iso;
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export { formatLength } from "@/lib/uploads/format-length";
