import type { Db } from "./store.ts";
import type { FaultState } from "./faults.ts";
import type { Level } from "./oauth.ts";
import type { Json } from "./format.ts";

export interface CallbackLogEntry {
  at: string;
  url: string;
  method: "GET" | "POST";
  status: number | null;
  error?: string;
}
export interface PingbackLogEntry {
  at: string;
  url: string;
  photo_id: string;
  reason: string;
  status: number | null;
  error?: string;
}

/** Everything a handler needs about the running emulator. */
export interface Emu {
  db: Db;
  dataDir: string;
  domain: string; // host:port, what clients see
  url: string;
  faults: FaultState;
  now: () => number; // ms
  corsOrigins: string[] | "none";
  callbackLog: CallbackLogEntry[];
  quiet: boolean;
  /** How long "transcoding" takes, in ms (0 = instant). */
  transcodeMs: number;
  /** Where pingbacks go; null = none. */
  pingbackUrl: string | null;
  pingbackLog: PingbackLogEntry[];
  /** End-of-transcoding timers, cleared on close. */
  timers: Set<NodeJS.Timeout>;
}

export const nowSec = (emu: Emu) => Math.floor(emu.now() / 1000);

/** A signed (or anonymous) API call, parsed. */
export interface ApiCtx {
  emu: Emu;
  endpoint: string;
  level: Level;
  userId: string;
  /** First value of every non-OAuth parameter. */
  params: Map<string, string>;
  /** All non-OAuth parameters in arrival order (extras are echoed in this order). */
  pairs: [string, string][];
}

export class ApiError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ApiResult {
  fields: Record<string, Json>;
  /** A method that answers with a file (photo/frame) instead of the envelope. */
  binary?: { contentType: string; body: Buffer };
  message?: string;
  p?: number;
  size?: number;
}

export type Method = { level: Level; run: (ctx: ApiCtx) => ApiResult };

export function needLevel(ctx: ApiCtx, level: Level, have: (l: Level, n: Level) => boolean): void {
  if (!have(ctx.level, level)) throw new ApiError("permission_denied", `You don't have permission to use this method (required level: '${level}')`);
}
