"use client";
// The live list: server-rendered first, then refreshed every few seconds through the JSON
// endpoint with the same filter and cursor, so new uploads and state changes appear in place.
import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import type { UploadPage } from "@/lib/uploads/query";
import { buttonClass } from "@/components/ui/button";
import { TableHead } from "@/components/ui/table";
import { formatWhen } from "@/lib/format";
import { BulkActions } from "@/components/uploads/bulk-actions";
import { UploadRow } from "@/components/uploads/upload-row";

export const POLL_MS = 4_000;

async function fetchPage(query: string): Promise<UploadPage> {
  const res = await fetch(`/api/admin/uploads?${query}`, { headers: { accept: "application/json" }, cache: "no-store" });
  if (!res.ok) throw new Error(res.status === 401 ? "Your session has ended. Sign in again." : "The list could not be refreshed.");
  return (await res.json()) as UploadPage;
}

export function UploadsTable({ initial, filterQuery, cursor }: { initial: UploadPage; filterQuery: string; cursor?: string }) {
  const query = [filterQuery, cursor ? `cursor=${encodeURIComponent(cursor)}` : ""].filter(Boolean).join("&");
  const qc = useQueryClient();
  const { data, error, dataUpdatedAt } = useQuery({
    queryKey: ["uploads", query],
    queryFn: () => fetchPage(query),
    initialData: initial,
    initialDataUpdatedAt: Date.now(),
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
  });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // Stable across renders: BulkActions runs it from an effect after each bulk action.
  const clearAndRefresh = useCallback(() => {
    setSelected(new Set());
    void qc.invalidateQueries({ queryKey: ["uploads"] });
  }, [qc]);

  const rows = data.rows;
  const arrivals = useArrivals(
    query,
    rows.map((r) => r.id),
  );
  const visible = new Set(rows.map((r) => r.id));
  const chosen = [...selected].filter((id) => visible.has(id));
  const allChosen = rows.length > 0 && chosen.length === rows.length;
  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const olderHref = data.nextCursor ? `/admin/uploads?${[filterQuery, `cursor=${encodeURIComponent(data.nextCursor)}`].filter(Boolean).join("&")}` : null;
  const newestHref = `/admin/uploads${filterQuery ? `?${filterQuery}` : ""}`;

  return (
    <div className="space-y-3">
      <BulkActions chosen={chosen} onDone={clearAndRefresh} />

      <p role="status" className="sr-only">
        {arrivals ? `${arrivals} new ${arrivals === 1 ? "upload" : "uploads"} arrived.` : ""}
      </p>
      {error ? (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {error.message} Showing the last list we had.
        </p>
      ) : null}

      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-700">
          No uploads match. New ones appear here as they arrive.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Uploads, newest first. Updated {formatWhen(new Date(dataUpdatedAt))}.</caption>
            <TableHead
              className="bg-slate-50 text-left text-slate-700"
              cellClassName="px-3 py-2"
              columns={[
                <input
                  key="all"
                  type="checkbox"
                  aria-label="Select all uploads on this page"
                  className="h-5 w-5"
                  checked={allChosen}
                  onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
                />,
                <span key="thumb" className="sr-only">
                  Thumbnail
                </span>,
                "Contributor",
                "Title",
                "State",
                { label: "Link", className: "hidden md:table-cell" },
                { label: "Size", className: "hidden sm:table-cell" },
                { label: "Length", className: "hidden sm:table-cell" },
                "Received",
              ]}
            />
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <UploadRow key={r.id} r={r} selected={selected.has(r.id)} onToggle={toggle} />
              ))}
            </tbody>
          </table>
        </div>
      )}

      <nav aria-label="Pages" className="flex flex-wrap justify-between gap-2">
        {cursor ? (
          <Link href={newestHref} className={buttonClass("secondary")}>
            ← Newest
          </Link>
        ) : (
          <span />
        )}
        {olderHref ? (
          <Link href={olderHref} className={buttonClass("secondary")}>
            Older uploads →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

/** How many rows appeared since the previous refresh (for a polite screen-reader announcement). */
function useArrivals(query: string, ids: string[]): number {
  // Another page or filter is not an arrival: only refreshes of the same list count.
  const seen = useRef<{ query: string; ids: Set<string> } | null>(null);
  const [count, setCount] = useState(0);
  const key = ids.join(",");
  useEffect(() => {
    const now = new Set(key ? key.split(",") : []);
    const before = seen.current;
    if (before && before.query === query) {
      const fresh = [...now].filter((id) => !before.ids.has(id)).length;
      if (fresh) setCount(fresh);
    } else setCount(0);
    seen.current = { query, ids: now };
  }, [query, key]);
  return count;
}
