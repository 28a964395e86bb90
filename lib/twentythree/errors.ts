// Typed errors for every way a TwentyThree call can fail. Each `message` is written for an
// admin screen: it names the API method and what went wrong, never a credential, a
// signature, an Authorization header or an upload token (callers redact server text too).
// Callers outside this folder do not sort classes: they read `code`, `transient` and
// `safeMessage` through twentyThreeErrorOf() / safeMessageOf().

export type TwentyThreeErrorCode =
  | "permission_denied"
  | "invalid_signature"
  | "invalid_input"
  | "invalid_album"
  | "no_such_photo"
  | "invalid_photo_token"
  | "no_such_album"
  | "token_required"
  | "no_file"
  | "error_processing_upload"
  | "no_such_user"
  | "http_error"
  | "bad_response"
  | "timeout"
  | "unreachable"
  | "blocked_target"
  | "client_input"
  | (string & {});

export class TwentyThreeError extends Error {
  readonly code: TwentyThreeErrorCode;
  /** API path, e.g. "/api/photo/list" (never a URL with credentials). */
  readonly method: string | undefined;
  /** True when the same call may succeed later with nothing changed (timeout, unreachable,
   * an unusable answer, HTTP 5xx/429); false when TwentyThree refused or the input was wrong. */
  readonly transient: boolean;
  constructor(code: TwentyThreeErrorCode, message: string, opts: { method?: string; cause?: unknown; transient?: boolean } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.method = opts.method;
    this.transient = opts.transient ?? false;
  }
  /** Fit for an admin's screen and the log: names the method and the failure, never a secret. */
  get safeMessage(): string {
    return this.message;
  }
  toJSON(): Record<string, unknown> {
    // Own enumerable fields only; `cause` stays out so nothing low-level leaks into logs.
    const out: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    for (const [k, v] of Object.entries(this)) out[k] = v;
    return out;
  }
}

/** A documented error envelope (`status: "error"`) with a code we have no special class for. */
export class TwentyThreeApiError extends TwentyThreeError {
  /** Message as sent by TwentyThree (redacted), without our prefix. */
  readonly serverMessage: string;
  /** HTTP status, when the envelope came with a non-2xx status (legacy API uses 200). */
  readonly httpStatus: number | undefined;
  constructor(code: string, serverMessage: string, opts: { method?: string; httpStatus?: number } = {}) {
    const where = opts.method ? ` ${opts.method}` : "";
    super(code, `TwentyThree refused${where}: ${serverMessage || code} (${code})`, opts);
    this.serverMessage = serverMessage;
    this.httpStatus = opts.httpStatus;
  }
}

export class TwentyThreePermissionDeniedError extends TwentyThreeApiError {
  /** Level named by "(required level: 'write')", if the message had one. */
  readonly requiredLevel: string | undefined;
  constructor(serverMessage: string, opts: { method?: string; httpStatus?: number } = {}) {
    super("permission_denied", serverMessage, opts);
    this.requiredLevel = /required level:\s*'?"?([a-z_]+)/i.exec(serverMessage)?.[1]?.toLowerCase();
  }
}

export class TwentyThreeInvalidSignatureError extends TwentyThreeApiError {}
export class TwentyThreeInvalidInputError extends TwentyThreeApiError {}
export class TwentyThreeInvalidAlbumError extends TwentyThreeApiError {}
export class TwentyThreeNoSuchPhotoError extends TwentyThreeApiError {}
export class TwentyThreeInvalidPhotoTokenError extends TwentyThreeApiError {}
export class TwentyThreeNoSuchAlbumError extends TwentyThreeApiError {}
export class TwentyThreeTokenRequiredError extends TwentyThreeApiError {}
export class TwentyThreeNoFileError extends TwentyThreeApiError {}
export class TwentyThreeErrorProcessingUploadError extends TwentyThreeApiError {}
export class TwentyThreeNoSuchUserError extends TwentyThreeApiError {}

type ApiErrorClass = new (code: string, msg: string, opts?: { method?: string; httpStatus?: number }) => TwentyThreeApiError;
const byCode: Record<string, ApiErrorClass> = {
  invalid_signature: TwentyThreeInvalidSignatureError,
  invalid_input: TwentyThreeInvalidInputError,
  invalid_album: TwentyThreeInvalidAlbumError,
  no_such_photo: TwentyThreeNoSuchPhotoError,
  invalid_photo_token: TwentyThreeInvalidPhotoTokenError,
  no_such_album: TwentyThreeNoSuchAlbumError,
  token_required: TwentyThreeTokenRequiredError,
  no_file: TwentyThreeNoFileError,
  error_processing_upload: TwentyThreeErrorProcessingUploadError,
  no_such_user: TwentyThreeNoSuchUserError,
};

/** Builds the most specific error class for an error envelope's code. */
export function apiErrorFor(code: string, serverMessage: string, opts: { method?: string; httpStatus?: number } = {}): TwentyThreeApiError {
  if (code === "permission_denied") return new TwentyThreePermissionDeniedError(serverMessage, opts);
  const Cls = byCode[code] ?? TwentyThreeApiError;
  return new Cls(code, serverMessage, opts);
}

/** Non-2xx HTTP status without a usable error envelope. */
export class TwentyThreeHttpError extends TwentyThreeError {
  readonly status: number;
  constructor(status: number, opts: { method?: string } = {}) {
    super("http_error", `TwentyThree answered${opts.method ? ` ${opts.method}` : ""} with HTTP ${status}`, {
      ...opts,
      transient: status >= 500 || status === 429,
    });
    this.status = status;
  }
}

/** The body was not the JSON we asked for: HTML, XML, truncated or otherwise unparseable. */
export class TwentyThreeBadResponseError extends TwentyThreeError {
  /** Short description of what arrived ("HTML page", "truncated JSON", …). */
  readonly detail: string;
  constructor(detail: string, opts: { method?: string; cause?: unknown } = {}) {
    super("bad_response", `TwentyThree answered${opts.method ? ` ${opts.method}` : ""} with an unusable response: ${detail}`, { ...opts, transient: true });
    this.detail = detail;
  }
}

export class TwentyThreeTimeoutError extends TwentyThreeError {
  readonly timeoutMs: number;
  constructor(timeoutMs: number, opts: { method?: string } = {}) {
    super("timeout", `TwentyThree did not answer${opts.method ? ` ${opts.method}` : ""} within ${timeoutMs} ms`, { ...opts, transient: true });
    this.timeoutMs = timeoutMs;
  }
}

/** Connection refused, DNS failure, reset before an answer… */
export class TwentyThreeUnreachableError extends TwentyThreeError {
  /** Low-level reason such as "ECONNREFUSED" or "ENOTFOUND", when known. */
  readonly reason: string | undefined;
  constructor(host: string, reason: string | undefined, opts: { method?: string; cause?: unknown } = {}) {
    super("unreachable", `Could not reach TwentyThree at ${host}${reason ? ` (${reason})` : ""}`, { ...opts, transient: true });
    this.reason = reason;
  }
}

/** The API URL leads to a link-local or cloud-metadata address (address-guard.ts); no call was made. */
export class TwentyThreeBlockedTargetError extends TwentyThreeError {
  constructor(host: string, reason: string, opts: { method?: string } = {}) {
    super(
      "blocked_target",
      `Refused to call TwentyThree at ${host}: it is or resolves to ${reason.replace(/^.* resolves to /, "")}. Set ALLOW_PRIVATE_TARGETS=true only if your TwentyThree site really is there.`,
      opts,
    );
  }
}

/** The TwentyThree failure behind `err`, or undefined for any other error (a bug of ours). */
export function twentyThreeErrorOf(err: unknown): TwentyThreeError | undefined {
  return err instanceof TwentyThreeError ? err : undefined;
}

/** What an admin may read about `err`: TwentyThree's safe message, or `fallback` for anything else. */
export function safeMessageOf(err: unknown, fallback: string): string {
  return twentyThreeErrorOf(err)?.safeMessage ?? fallback;
}
