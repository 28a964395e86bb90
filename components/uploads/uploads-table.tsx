"use client";
// The live list: server-rendered first, then refreshed every few seconds through the JSON
// endpoint with the same filter and cursor, so new uploads and state changes appear in place.
import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useActionState, useEffect, useRef, useState } from "react";
import { bulkModerate } from "@/lib/uploads/actions";
import { initialState } from "@/lib/auth/action-state";
import type { UploadPage } from "@/lib/uploads/query";
import { buttonClass } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { formatBytes, formatLength, formatWhen } from "@/lib/format";
import { ProcessingBadge } from "@/components/uploads/processing-badge";
import { StateBadge } from "@/components/uploads/state-badge";
import { WithdrawnBadge } from "@/components/contributor/withdrawn-badge";

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
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [state, formAction, pending] = useActionState(bulkModerate, initialState);

  useEffect(() => {
    if (!state.message) return;
    setSelected(new Set());
    setConfirmDelete(false);
    void qc.invalidateQueries({ queryKey: ["uploads"] });
  }, [state, qc]);

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
      <form action={formAction} className="flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-white p-3" aria-label="Bulk actions">
        {chosen.map((id) => (
          <input key={id} type="hidden" name="ids" value={id} />
        ))}
        <span className="text-sm text-slate-700" aria-live="polite">
          {chosen.length} selected
        </span>
        {confirmDelete ? (
          <div role="alertdialog" aria-labelledby="bulk-delete-q" className="flex flex-wrap items-center gap-2">
            <span id="bulk-delete-q" className="text-sm font-semibold text-red-800">
              Delete {chosen.length} from TwentyThree? This cannot be undone.
            </span>
            <input type="hidden" name="confirmed" value="yes" />
            <button type="submit" name="action" value="delete" disabled={pending} className={buttonClass("danger")}>
              Yes, delete {chosen.length}
            </button>
            <button type="button" onClick={() => setConfirmDelete(false)} className={buttonClass("secondary")}>
              Cancel
            </button>
          </div>
        ) : (
          <>
            <button type="submit" name="action" value="approve" disabled={pending || chosen.length === 0} className={buttonClass("secondary")}>
              Approve selected
            </button>
            <button type="submit" name="action" value="reject" disabled={pending || chosen.length === 0} className={buttonClass("secondary")}>
              Reject selected
            </button>
            <button type="button" onClick={() => setConfirmDelete(true)} disabled={pending || chosen.length === 0} className={buttonClass("danger")}>
              Delete selected…
            </button>
            {/* For claims TwentyThree has not confirmed as made here: hides them, touches nothing there. */}
            <button type="submit" name="action" value="dismiss" disabled={pending || chosen.length === 0} className={buttonClass("secondary")}>
              Dismiss unconfirmed (only here)
            </button>
          </>
        )}
        {pending ? <span className="text-sm text-slate-600">Working…</span> : null}
      </form>
      <FormMessage state={state} />

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
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label="Select all uploads on this page"
                    className="h-5 w-5"
                    checked={allChosen}
                    onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
                  />
                </th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Thumbnail</span>
                </th>
                <th scope="col" className="px-3 py-2">
                  Contributor
                </th>
                <th scope="col" className="px-3 py-2">
                  Title
                </th>
                <th scope="col" className="px-3 py-2">
                  State
                </th>
                <th scope="col" className="hidden px-3 py-2 md:table-cell">
                  Link
                </th>
                <th scope="col" className="hidden px-3 py-2 sm:table-cell">
                  Size
                </th>
                <th scope="col" className="hidden px-3 py-2 sm:table-cell">
                  Length
                </th>
                <th scope="col" className="px-3 py-2">
                  Received
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => {
                const who = r.contributorName || r.contributorEmail || "Anonymous";
                return (
                  <tr key={r.id} data-upload-id={r.id}>
                    <td className="px-3 py-2">
                      <input
                        type="checkbox"
                        className="h-5 w-5"
                        aria-label={`Select upload from ${who}${r.title ? `: ${r.title}` : ""}`}
                        checked={selected.has(r.id)}
                        onChange={(e) => toggle(r.id, e.target.checked)}
                      />
                    </td>
                    <td className="px-3 py-2">
                      {/* TwentyThree's own URL (its domain is in the CSP's img-src): nothing is proxied or optimised. */}
                      {r.thumbnailUrl ? (
                        // eslint-disable-next-line @next/next/no-img-element -- TwentyThree's own URL: nothing to optimise or proxy
                        <img
                          src={r.thumbnailUrl}
                          alt=""
                          width={80}
                          height={60}
                          loading="lazy"
                          className="h-[45px] w-[60px] rounded bg-slate-200 object-cover"
                          data-testid="thumbnail"
                        />
                      ) : (
                        <span className="block h-[45px] w-[60px] rounded bg-slate-100" />
                      )}
                    </td>
                    <th scope="row" className="px-3 py-2 text-left font-normal">
                      <Link href={`/admin/uploads/${r.id}`} className="font-medium text-blue-800 underline">
                        {who}
                      </Link>
                      {r.contributorEmail && r.contributorName ? <div className="text-xs text-slate-600">{r.contributorEmail}</div> : null}
                    </th>
                    <td className="max-w-xs truncate px-3 py-2">{r.title || <span className="text-slate-500">Untitled</span>}</td>
                    <td className="px-3 py-2">
                      <div className="flex flex-wrap gap-1">
                        <StateBadge state={r.state} />
                        <WithdrawnBadge at={r.withdrawnAt} />
                        <ProcessingBadge processing={r.processing} percent={r.processingPercent} />
                      </div>
                    </td>
                    <td className="hidden px-3 py-2 md:table-cell">{r.linkTitle}</td>
                    <td className="hidden px-3 py-2 sm:table-cell">{formatBytes(r.sizeBytes)}</td>
                    <td className="hidden px-3 py-2 sm:table-cell">{formatLength(r.videoLength)}</td>
                    <td className="whitespace-nowrap px-3 py-2">
                      <time dateTime={r.createdAt}>{formatWhen(r.createdAt)}</time>
                    </td>
                  </tr>
                );
              })}
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
