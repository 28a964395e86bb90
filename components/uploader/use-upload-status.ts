"use client";
// Follows a ticket's uploads on the portal (filled by TwentyThree's background callback and the
// portal's verification) until this file's upload is confirmed or failed.
import { useQuery } from "@tanstack/react-query";
import type { UploadStatus } from "@/lib/intake/status";

const settled = (s: string | undefined) => s !== undefined && s !== "RECEIVED";

export function useUploadStatus(ticket: string | undefined, photoId: string | undefined) {
  return useQuery({
    queryKey: ["upload-status", ticket],
    enabled: Boolean(ticket && photoId),
    queryFn: async ({ signal }): Promise<UploadStatus> => {
      const r = await fetch(`/api/uploads/status?ticket=${encodeURIComponent(ticket ?? "")}`, { signal, cache: "no-store" });
      if (!r.ok) throw new Error(`status ${r.status}`);
      return (await r.json()) as UploadStatus;
    },
    // Poll quickly at first, then back off; stop once this upload is settled.
    refetchInterval: (q) => {
      const u = q.state.data?.uploads.find((x) => x.photoId === photoId);
      if (settled(u?.state)) return false;
      return q.state.dataUpdateCount < 10 ? 1000 : 5000;
    },
    retry: 5,
    staleTime: 0,
  });
}
