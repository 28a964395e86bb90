// A table's header row for the admin lists: every column a `scope="col"` header with the list's
// cell padding, plus per-column classes (alignment, hiding on small screens). A column may be a
// node that reads only to screen readers (e.g. a thumbnail or actions column).
import type { ReactNode } from "react";

export type Column = ReactNode | { label: ReactNode; className?: string };

const isLabelled = (c: Column): c is { label: ReactNode; className?: string } => typeof c === "object" && c !== null && "label" in c;

export function TableHead({
  columns,
  cellClassName,
  className = "text-left text-slate-700",
}: {
  columns: Column[];
  cellClassName?: string;
  className?: string;
}) {
  return (
    <thead className={className}>
      <tr>
        {columns.map((c, i) => {
          const col = isLabelled(c) ? c : { label: c };
          const cls = [cellClassName, col.className].filter(Boolean).join(" ") || undefined;
          return (
            <th key={i} scope="col" className={cls}>
              {col.label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
