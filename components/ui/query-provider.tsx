"use client";
// The one React Query setup (admin uploads list and the visitor's uploader): one client per
// browser tab, created lazily so server rendering gets its own. Queries that poll set their own
// retry and staleness (see use-upload-status.ts).
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";

export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 2_000, retry: 1 } } }));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
