// What /api/health reports: the database and the default TwentyThree connection.
// Anyone may ask (load balancers, uptime checks), so asking must be cheap and say little: the
// route answers anonymous callers with `{ ok }` only, and the TwentyThree check (one signed
// outbound call) runs at most once per CHECK_TTL_MS per instance, however often health is asked;
// callers arriving while a check is under way share it.
import "server-only";
import type { Connection } from "@/generated/prisma/client";
import { checkAndRecord } from "@/lib/connections";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import type { ConnectionCheck } from "@/lib/twentythree";

export type Health = {
  status: "ok" | "down";
  database: { status: "ok" | "down"; message?: string };
  twentythree: { status: string; siteName?: string; permissionLevel?: string; message: string; checkedAt?: string };
};

export const CHECK_TTL_MS = 60_000;

type Cached = { key: string; at: number; result: Promise<ConnectionCheck> };
let cached: Cached | undefined;

function cachedCheck(conn: Connection, now = Date.now()): { result: Promise<ConnectionCheck>; at: number } {
  // A changed connection (another one, a new URL or new secrets) is checked afresh. Not
  // updatedAt: recording a check result bumps it.
  const key = `${conn.id}|${conn.apiUrl}|${conn.credentialsEnc}`;
  const fresh = cached && cached.key === key && now - cached.at < CHECK_TTL_MS;
  if (!fresh) {
    const result = checkAndRecord(conn, 4000).catch((err): ConnectionCheck => {
      log.warn("health: connection check failed", { error: (err as Error).name });
      return { status: "error", message: "The connection could not be checked." };
    });
    cached = { key, at: now, result };
  }
  return { result: cached!.result, at: cached!.at };
}

export async function health(): Promise<Health> {
  const out: Health = { status: "ok", database: { status: "ok" }, twentythree: { status: "unknown", message: "not checked" } };
  let conn: Connection | null;
  try {
    conn = await db().connection.findFirst({ where: { isDefault: true } });
  } catch (err) {
    log.warn("health: database unreachable", { error: (err as Error).name });
    out.database = { status: "down", message: "The database cannot be reached." };
    out.twentythree = { status: "unknown", message: "Not checked: the database is down." };
    out.status = "down";
    return out;
  }
  if (!conn) {
    out.twentythree = { status: "missing", message: "No default TwentyThree connection is configured." };
    out.status = "down";
    return out;
  }
  const { result, at } = cachedCheck(conn);
  const check = await result;
  out.twentythree = {
    status: check.status,
    siteName: check.siteName,
    permissionLevel: check.permissionLevel,
    message: check.message,
    checkedAt: new Date(at).toISOString(),
  };
  if (check.status !== "ok") out.status = "down";
  return out;
}
