// One signed POST to the legacy API, with a timeout on every attempt, retries with jittered
// exponential backoff for calls that are safe to repeat, and one log line per attempt that
// names the method and outcome but never a credential, signature or upload token.
import { log as defaultLogger, type Logger } from "@/lib/log";
import { BlockedTargetError, blockedHostReason, guardedDispatcher } from "./address-guard";
import {
  TwentyThreeApiError,
  TwentyThreeBlockedTargetError,
  TwentyThreeError,
  TwentyThreeHttpError,
  TwentyThreeTimeoutError,
  TwentyThreeUnreachableError,
  twentyThreeErrorOf,
} from "./errors";
import { getGlobalDispatcher, request } from "undici";
import { parseEnvelope, type Envelope } from "./response";
import { signRequest } from "./sign";

export interface TwentyThreeConfig {
  /** Base URL such as https://video.example.com or http://localhost:4023. */
  apiUrl: string;
  consumerKey: string;
  consumerSecret: string;
  accessToken: string;
  accessTokenSecret: string;
  /** Per attempt, default 15000. */
  timeoutMs?: number;
  /** Extra attempts for read-only calls on timeouts, network errors and 5xx. Default 2. */
  retries?: number;
  /** First backoff delay in ms (doubled each retry, jittered). Default 250. */
  retryBaseMs?: number;
  fetch?: typeof fetch;
  logger?: Logger;
  /** Clock in ms for OAuth timestamps (tests). Default Date.now. */
  now?: () => number;
  /** Allow link-local / cloud-metadata targets (ALLOW_PRIVATE_TARGETS). Default false. */
  allowPrivateTargets?: boolean;
}

export type Params = Record<string, string>;
export type Transport = (method: string, params: Params, opts: { idempotent: boolean }) => Promise<Envelope>;

function outcomeOf(err: unknown): string {
  if (err instanceof TwentyThreeHttpError) return `http_${err.status}`;
  return twentyThreeErrorOf(err)?.code ?? "client_error";
}

// Retried: timeouts, unreachable hosts, HTTP 5xx/429. An unusable body is transient for the
// caller but not retried here: it usually means a wrong API URL, which a retry will not fix.
const isRetryable = (err: unknown) => {
  const tt = twentyThreeErrorOf(err);
  return Boolean(tt?.transient) && tt?.code !== "bad_response";
};

function blockedCause(err: unknown): BlockedTargetError | undefined {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof BlockedTargetError) return e;
  }
  return undefined;
}

/** The system error's code (ECONNREFUSED…): fetch wraps it as the cause, undici's request throws it. */
function networkReason(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = e?.cause?.code ?? e?.code;
  return typeof code === "string" && /^(E[A-Z_]+|UND_ERR_[A-Z_]+)$/.test(code) ? code : undefined;
}

export function createTransport(cfg: TwentyThreeConfig): Transport {
  const base = new URL(cfg.apiUrl);
  if (base.search || base.hash) throw new TypeError("apiUrl must not have a query string or fragment");
  const prefix = base.pathname.replace(/\/+$/, "");
  const logger = cfg.logger ?? defaultLogger;
  const timeoutMs = cfg.timeoutMs ?? 15_000;
  const retries = Math.max(0, cfg.retries ?? 2);
  const retryBaseMs = cfg.retryBaseMs ?? 250;
  const now = cfg.now ?? (() => Date.now()); // read at each call: a client may be kept (lib/connections.ts) across a test's fake clock
  const secrets = [cfg.consumerSecret, cfg.accessTokenSecret, cfg.accessToken].filter((s) => s.length >= 4);

  // Server text (error messages) may echo what it received: strip every secret, in the raw,
  // percent-encoded and form-encoded spellings, longest first (the whole header before its parts).
  function redactor(extra: string[]) {
    const spellings = [...secrets, ...extra.filter((s) => s.length >= 4)].flatMap((s) => [
      s,
      encodeURIComponent(s),
      new URLSearchParams({ s }).toString().slice(2),
    ]);
    const all = [...new Set(spellings)].sort((a, b) => b.length - a.length);
    return (text: string) => all.reduce((t, s) => t.split(s).join("[redacted]"), text);
  }

  // Literal addresses and metadata names are refused before any call (the host is fixed per
  // transport, so it is judged once); names that resolve to refused addresses are refused by the
  // guarded dispatcher when it connects.
  const blocked = cfg.allowPrivateTargets ? undefined : blockedHostReason(base.hostname);

  async function attempt(method: string, params: Params): Promise<Envelope> {
    const url = `${base.origin}${prefix}${method}`;
    if (blocked) throw new TwentyThreeBlockedTargetError(base.host, blocked, { method });
    const body: Params = { ...params, format: "json", raw: "1" };
    const signed = signRequest({
      method: "POST",
      url,
      params: body,
      consumerKey: cfg.consumerKey,
      consumerSecret: cfg.consumerSecret,
      token: cfg.accessToken,
      tokenSecret: cfg.accessTokenSecret,
      timestamp: Math.floor(now() / 1000),
    });
    // Built only when an answer is worded into an error (most calls succeed and never need it).
    let redactText: ((text: string) => string) | undefined;
    const redact = (text: string) => (redactText ??= redactor([signed.authorization, signed.signature, params.upload_token ?? ""]))(text);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const headers = {
      Authorization: signed.authorization,
      "Content-Type": "application/x-www-form-urlencoded",
      Accept: "application/json",
    };
    const payload = new URLSearchParams(body).toString();
    try {
      let answer: { status: number; body: string; contentType: string };
      if (cfg.fetch) {
        // An injected fetch (unit tests fake the network with one).
        const res = await cfg.fetch(url, { method: "POST", headers, body: payload, signal: controller.signal, redirect: "manual" });
        answer = { status: res.status, body: await res.text(), contentType: res.headers.get("content-type") ?? "" };
      } else {
        // undici's request rather than fetch: the same client underneath without the WHATWG
        // Request/Response and stream layers, about half of fetch's CPU per call (issue #20: every
        // mint and verification makes one). It follows no redirect: a redirect would turn the POST
        // into a GET to another URL the signature doesn't cover.
        const res = await request(url, {
          method: "POST",
          headers,
          body: payload,
          signal: controller.signal,
          dispatcher: cfg.allowPrivateTargets ? getGlobalDispatcher() : guardedDispatcher(),
        });
        const type = res.headers["content-type"];
        answer = { status: res.statusCode, body: await res.body.text(), contentType: (Array.isArray(type) ? type[0] : type) ?? "" };
      }
      return parseEnvelope(answer, method, redact);
    } catch (err) {
      if (err instanceof TwentyThreeError) throw err;
      const refused = blockedCause(err);
      if (refused) throw new TwentyThreeBlockedTargetError(base.host, refused.reason, { method });
      if (timedOut) throw new TwentyThreeTimeoutError(timeoutMs, { method });
      throw new TwentyThreeUnreachableError(base.host, networkReason(err), { method });
    } finally {
      clearTimeout(timer);
    }
  }

  return async (method, params, { idempotent }) => {
    const maxAttempts = idempotent ? retries + 1 : 1;
    for (let n = 1; ; n++) {
      const started = performance.now();
      try {
        const env = await attempt(method, params);
        logger.info("twentythree call", { method, outcome: "ok", durationMs: Math.round(performance.now() - started), attempt: n });
        return env;
      } catch (err) {
        const willRetry = n < maxAttempts && isRetryable(err);
        const fields = {
          method,
          outcome: outcomeOf(err),
          durationMs: Math.round(performance.now() - started),
          attempt: n,
          willRetry,
          ...(err instanceof TwentyThreeHttpError ? { httpStatus: err.status } : {}),
          ...(err instanceof TwentyThreeApiError && err.httpStatus ? { httpStatus: err.httpStatus } : {}),
        };
        logger.warn("twentythree call", fields);
        if (!willRetry) throw err;
        const delay = Math.min(retryBaseMs * 2 ** (n - 1), 4_000) * (0.5 + Math.random() / 2);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  };
}
