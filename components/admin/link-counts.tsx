import type { LinkCounts } from "@/lib/links/data";

export function LinkCountsList({ counts, compact = false }: { counts: LinkCounts; compact?: boolean }) {
  const items = [
    ["Tokens minted", counts.tokens],
    ["Uploads received", counts.received],
    ["Verified", counts.verified],
    ["Failed", counts.failed],
  ] as const;
  return (
    <dl className={`grid grid-cols-2 gap-2 ${compact ? "text-sm sm:grid-cols-4" : "sm:grid-cols-4"}`}>
      {items.map(([label, n]) => (
        <div key={label} className={compact ? "" : "rounded-md bg-slate-50 p-3"}>
          <dt className="text-slate-600">{label}</dt>
          <dd className={compact ? "font-semibold" : "text-xl font-bold"}>{n}</dd>
        </div>
      ))}
    </dl>
  );
}
