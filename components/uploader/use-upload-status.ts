"use client";
// Follows a ticket's uploads on the portal (filled by TwentyThree's background callback and the
// portal's verification) until this file's upload is confirmed or failed.
import { useQuery } from "@tanstack/react-query";
import type { StatusUpload, UploadStatus } from "@/lib/intake/status";

const FINAL_PROCESSING = new Set(["READY", "FAILED", "TIMED_OUT"]);
/** Nothing more will change for the visitor: confirmed and processed by TwentyThree, or never. */
const settled = (u: StatusUpload | undefined) =>
  u !== undefined && u.state !== "RECEIVED" && (!["VERIFIED", "PUBLISHED"].includes(u.state) || FINAL_PROCESSING.has(u.processing ?? ""));

export function useUploadStatus(ticket: string | undefined, photoId: string | undefined) {
  return useQuery({
    queryKey: ["upload-status", ticket],
    enabled: Boolean(ticket && photoId),
    queryFn: async ({ signal }): Promise<UploadStatus> => {
      const r = await fetch(`/api/uploads/status?ticket=${encodeURIComponent(ticket ?? "")}`, { signal, cache: "no-store" });
      if (!r.ok) throw new Error(`status ${r.status}`);
      return (await r.json()) as UploadStatus;
    },
    // Poll quickly at first, then back off; stop once this upload is settled (processing
    // included: the thank-you text goes from "processing" to "ready" while the page stays open).
    refetchInterval: (q) => {
      const u = q.state.data?.uploads.find((x) => x.photoId === photoId);
      if (settled(u)) return false;
      return q.state.dataUpdateCount < 10 ? 1000 : q.state.dataUpdateCount < 100 ? 5000 : 15_000;
    },
    retry: 5,
    staleTime: 0,
  });
}
