// The one set of human-readable formatters, for the admin pages (server-rendered) and the visitor's
// uploader (browser) alike. Without a locale they are deterministic English (the admin, which is
// English-only: the same text on the server and in the browser). With the visitor's locale, sizes
// and lengths are worded by Intl (issue #18: "95,0 kB" in Danish, "2 Min. 5 Sek." in German); the
// visitor's uploader renders only in the browser, so no server text has to agree with it.

// The uploader re-renders on every progress event: one formatter per locale, unit and precision.
const formatters = new Map<string, Intl.NumberFormat>();
function unitFormat(locale: string, unit: string, places = 0): Intl.NumberFormat {
  const key = `${locale}|${unit}|${places}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short", minimumFractionDigits: places, maximumFractionDigits: places });
    formatters.set(key, f);
  }
  return f;
}

const SIZE_UNITS = [
  ["kilobyte", "KB"],
  ["megabyte", "MB"],
  ["gigabyte", "GB"],
  ["terabyte", "TB"],
] as const;

/** Sizes in binary units: "512 B", "95.3 KB", "106 MB" (one decimal below 100, so it reads fast). */
export function formatBytes(n: number | bigint | null | undefined, locale?: string): string {
  if (n === null || n === undefined) return "—";
  const bytes = Number(n);
  if (bytes < 1024) return locale ? unitFormat(locale, "byte").format(bytes) : `${bytes} B`;
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < SIZE_UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  const places = v >= 100 ? 0 : 1;
  const [unit, short] = SIZE_UNITS[i]!;
  return locale ? unitFormat(locale, unit, places).format(v) : `${v.toFixed(places)} ${short}`;
}

/** "5 s", "2 min 5 s", "1 h 2 min" (in the locale's own short units when given one). */
export function formatDuration(seconds: number, locale?: string): string {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  const parts: Array<[number, "hour" | "minute" | "second"]> =
    s < 60
      ? [[s, "second"]]
      : m < 60
        ? [
            [m, "minute"],
            [s % 60, "second"],
          ]
        : [
            [Math.floor(m / 60), "hour"],
            [m % 60, "minute"],
          ];
  const english = { hour: "h", minute: "min", second: "s" };
  return parts.map(([n, unit]) => (locale ? unitFormat(locale, unit).format(n) : `${n} ${english[unit]}`)).join(" ");
}

/** A moment as "2026-11-27 14:05 UTC". */
export function formatWhen(iso: string | Date | null | undefined): string {
  if (!iso) return "—";
  const d = typeof iso === "string" ? new Date(iso) : iso;
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export { formatLength } from "@/lib/uploads/format-length";
