// Turns a raw HTTP answer into the JSON envelope, or the right typed error.
// Clients send format=json&raw=1, which gives bare JSON; we still unwrap the two other
// shapes the legacy API produces (`var visual = {...};` without raw, `fn({...});` with
// callback=) in case a proxy or a future change drops `raw`.
import { apiErrorFor, TwentyThreeBadResponseError, TwentyThreeHttpError } from "./errors";

export type Envelope = Record<string, unknown>;
export type Redact = (text: string) => string;

const VAR_WRAPPER = /^var\s+[A-Za-z_$][\w$]*\s*=\s*([\s\S]*?)\s*;?\s*$/;
const JSONP_WRAPPER = /^[A-Za-z_$][\w$.]*\s*\(\s*([\s\S]*?)\s*\)\s*;?\s*$/;

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Parses a body as JSON, `var x = {...};` or `fn({...});`. Undefined when none fits. */
export function unwrapJson(body: string): unknown {
  const text = body.replace(/^\uFEFF/, "").trim();
  if (text === "") return undefined;
  const direct = tryJson(text);
  if (direct !== undefined) return direct;
  const inner = VAR_WRAPPER.exec(text)?.[1] ?? JSONP_WRAPPER.exec(text)?.[1];
  return inner === undefined ? undefined : tryJson(inner);
}

function describeUnparseable(body: string, contentType: string): string {
  const text = body.trim();
  if (text === "") return "empty body";
  if (/^<!doctype html|^<html|<body[\s>]/i.test(text) || /text\/html/i.test(contentType)) return "an HTML page instead of JSON";
  if (text.startsWith("<")) return "XML or markup instead of JSON";
  if (/^[[{]/.test(text) || VAR_WRAPPER.test(text) || /^var\s/.test(text)) return "truncated or malformed JSON";
  return "a body that is not JSON";
}

/**
 * Server text shown to admins, cut to what helps them: one line, no control characters, at most
 * 160 characters. Whatever answered may not be TwentyThree (a mistyped URL, an internal service),
 * and its body is not ours to echo in full.
 */
export function clipServerText(text: string, max = 160): string {
  const line = text
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function errorFromEnvelope(env: Envelope, method: string, redact: Redact, httpStatus?: number) {
  // Codes are short identifiers in TwentyThree's API; anything else is not passed on.
  const code = typeof env.code === "string" && /^[A-Za-z0-9_.-]{1,40}$/.test(env.code) ? env.code : "unknown_error";
  const message = typeof env.message === "string" ? clipServerText(redact(env.message)) : "";
  return apiErrorFor(code, message, { method, ...(httpStatus !== undefined ? { httpStatus } : {}) });
}

/**
 * Returns the envelope of a successful call; throws TwentyThreeApiError (and subclasses) for an
 * error envelope (HTTP 200 in the legacy API, or any status), TwentyThreeHttpError for other
 * non-2xx answers and TwentyThreeBadResponseError for bodies that are not usable JSON.
 */
export function parseEnvelope(res: { status: number; body: string; contentType: string }, method: string, redact: Redact = (s) => s): Envelope {
  const parsed = unwrapJson(res.body);
  const env = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Envelope) : undefined;
  const ok = res.status >= 200 && res.status < 300;

  if (env && env.status === "error") throw errorFromEnvelope(env, method, redact, ok ? undefined : res.status);
  if (!ok) throw new TwentyThreeHttpError(res.status, { method });
  if (!env) throw new TwentyThreeBadResponseError(describeUnparseable(res.body, res.contentType), { method });
  if (env.status !== undefined && env.status !== "ok") {
    throw new TwentyThreeBadResponseError(`unexpected status ${JSON.stringify(String(env.status).slice(0, 40))}`, { method });
  }
  return env;
}
