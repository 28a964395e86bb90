// Test-only helpers for the TwentyThree client's unit tests: a fake fetch that records signed
// requests, and log capture. Lives in test/ so nothing under lib/ exists only for tests.
import { setLogSink } from "@/lib/log";

export interface Recorded {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: URLSearchParams;
}

export type Reply = { status?: number; body: string; contentType?: string } | ((signal: AbortSignal | undefined) => Promise<Response>);

export function fakeFetch(reply: Reply | Reply[]) {
  const calls: Recorded[] = [];
  const replies = Array.isArray(reply) ? [...reply] : undefined;
  const fn = (async (input: string | URL | Request, init?: RequestInit) => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    calls.push({ url: String(input), method: init?.method ?? "GET", headers, body: new URLSearchParams(String(init?.body ?? "")) });
    const r = replies ? (replies.length > 1 ? replies.shift()! : replies[0]!) : (reply as Reply);
    if (typeof r === "function") return r(init?.signal ?? undefined);
    return new Response(r.body, { status: r.status ?? 200, headers: { "content-type": r.contentType ?? "application/json" } });
  }) as typeof fetch;
  return { fetch: fn, calls };
}

/** Never answers; rejects like undici when the signal aborts. */
export const hang: Reply = (signal) =>
  new Promise((_, reject) => {
    signal?.addEventListener("abort", () => reject(new DOMException("This operation was aborted", "AbortError")));
  });

export function refused(): Reply {
  return async () => {
    throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }) });
  };
}

export function captureLogs() {
  const lines: string[] = [];
  const previous = setLogSink((l) => lines.push(l));
  return { lines, restore: () => setLogSink(previous), parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

export const json = (v: unknown, status = 200): Reply => ({ status, body: JSON.stringify(v) });
