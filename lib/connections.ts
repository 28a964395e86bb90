// Stored TwentyThree connections: credentials encrypted at rest, a client built on demand, and
// the default connection kept in step with the TWENTYTHREE_* settings (or the local emulator).
import type { PrismaClient, Connection } from "@/generated/prisma/client";
import { decryptJson, encryptJson } from "@/lib/crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { checkConnection, createTwentyThreeClient, type ConnectionCheck, type TwentyThreeClient } from "@/lib/twentythree";

export type Credentials = {
  consumerKey: string;
  consumerSecret: string;
  accessToken: string;
  accessTokenSecret: string;
};

export function sealCredentials(c: Credentials): { consumerKey: string; credentialsEnc: string } {
  // Only the four credentials go in the blob, whatever else the caller's object carries.
  const { consumerKey, consumerSecret, accessToken, accessTokenSecret } = c;
  return { consumerKey, credentialsEnc: encryptJson({ consumerKey, consumerSecret, accessToken, accessTokenSecret }) };
}

export function openCredentials(conn: Pick<Connection, "credentialsEnc">): Credentials {
  return decryptJson<Credentials>(conn.credentialsEnc).value;
}

// Decrypted credentials kept in memory per stored blob (issue #20: minting decrypted them on every
// call). Keyed by the blob itself, so any change to a connection's credentials (a new blob, with a
// fresh IV) is a new key: a stale entry can never be used. Bounded; values are never logged.
const opened = new Map<string, Credentials>();
const OPENED_MAX = 64;
function openCached(credentialsEnc: string): Credentials {
  let c = opened.get(credentialsEnc);
  if (!c) {
    c = openCredentials({ credentialsEnc });
    if (opened.size >= OPENED_MAX) opened.delete(opened.keys().next().value!);
    opened.set(credentialsEnc, c);
  }
  return c;
}

// The clients built from them, kept the same way (issue #20: every mint built one, parsing the
// API URL and judging its host again). A client holds nothing but its settings, so one is shared
// by every call with the same URL, credentials blob and options; a changed connection is a new key.
const clients = new Map<string, TwentyThreeClient>();
export function clientFor(conn: Pick<Connection, "apiUrl" | "credentialsEnc">, opts: { timeoutMs?: number; retries?: number } = {}): TwentyThreeClient {
  const allowPrivateTargets = env().ALLOW_PRIVATE_TARGETS;
  const key = `${conn.apiUrl}\n${conn.credentialsEnc}\n${opts.timeoutMs ?? ""}\n${opts.retries ?? ""}\n${allowPrivateTargets}`;
  let client = clients.get(key);
  if (!client) {
    client = createTwentyThreeClient({
      apiUrl: conn.apiUrl,
      ...openCached(conn.credentialsEnc),
      allowPrivateTargets,
      timeoutMs: opts.timeoutMs,
      retries: opts.retries,
    });
    if (clients.size >= OPENED_MAX) clients.delete(clients.keys().next().value!);
    clients.set(key, client);
  }
  return client;
}

/** Create or update the default connection from settings; the emulator's demo app otherwise.
 * `client` is only for seedDemo (lib/seed.ts), which start, e2e and bench scripts run against a
 * database that is not this process's DATABASE_URL; everything else uses db(). */
export async function ensureDefaultConnection(client: Pick<PrismaClient, "connection"> = db()): Promise<Connection> {
  const t = env().twentythree;
  const sealed = sealCredentials(t);
  const name = t.fromSettings ? "Default (from settings)" : "Local emulator (demo)";
  const existing = await client.connection.findFirst({ where: { isDefault: true } });
  if (!existing) {
    return client.connection.create({ data: { name, apiUrl: t.apiUrl, ...sealed, isDefault: true, fromSettings: t.fromSettings } });
  }
  const current = (() => {
    try {
      return openCredentials(existing);
    } catch {
      return undefined;
    }
  })();
  const same =
    existing.apiUrl === t.apiUrl &&
    current &&
    JSON.stringify(current) ===
      JSON.stringify({ consumerKey: t.consumerKey, consumerSecret: t.consumerSecret, accessToken: t.accessToken, accessTokenSecret: t.accessTokenSecret });
  if (same && existing.fromSettings === t.fromSettings) return existing;
  return client.connection.update({
    where: { id: existing.id },
    data: { name, apiUrl: t.apiUrl, ...sealed, fromSettings: t.fromSettings, siteName: null, domain: null, permissionLevel: null, lastCheckStatus: null },
  });
}

/** After a key rotation (ENCRYPTION_KEY_PREVIOUS set), rewrite every blob under the new key. */
export async function reencryptConnections(): Promise<number> {
  let n = 0;
  for (const c of await db().connection.findMany()) {
    const { value, stale } = decryptJson<Credentials>(c.credentialsEnc);
    if (!stale) continue;
    await db().connection.update({ where: { id: c.id }, data: { credentialsEnc: encryptJson(value) } });
    n++;
  }
  if (n) log.info("re-encrypted connection credentials under the current key", { count: n });
  return n;
}

/** Run getSite and remember what was learned (site name, domain, permission level). */
export async function checkAndRecord(conn: Connection, timeoutMs = 5000): Promise<ConnectionCheck> {
  let result: ConnectionCheck;
  try {
    result = await checkConnection(clientFor(conn, { timeoutMs, retries: 0 }));
  } catch (err) {
    result = { status: "error", message: err instanceof Error && err.name === "DecryptError" ? err.message : "The connection could not be checked." };
  }
  await db().connection.update({
    where: { id: conn.id },
    data: {
      lastCheckStatus: result.status,
      lastCheckedAt: new Date(),
      ...(result.siteName !== undefined ? { siteName: result.siteName } : {}),
      ...(result.domain !== undefined ? { domain: result.domain } : {}),
      ...(result.permissionLevel !== undefined ? { permissionLevel: result.permissionLevel } : {}),
    },
  });
  return result;
}
