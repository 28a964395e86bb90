// Stored connections: secrets encrypted at rest, the default connection kept in step with the
// settings, key rotation, and failures that name no secret.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { createTestDatabase } from "@/test/db";

let url: string;
let drop: () => Promise<void>;
let conns: typeof import("@/lib/connections");
let crypto: typeof import("@/lib/crypto");
let dbm: typeof import("@/lib/db");

const SETTINGS = {
  TWENTYTHREE_API_URL: "https://video.example.com",
  TWENTYTHREE_CONSUMER_KEY: "ck-visible-key",
  TWENTYTHREE_CONSUMER_SECRET: "cs-very-secret-value-1",
  TWENTYTHREE_ACCESS_TOKEN: "at-very-secret-token-2",
  TWENTYTHREE_ACCESS_TOKEN_SECRET: "ats-very-secret-value-3",
};
const SECRETS = [SETTINGS.TWENTYTHREE_CONSUMER_SECRET, SETTINGS.TWENTYTHREE_ACCESS_TOKEN, SETTINGS.TWENTYTHREE_ACCESS_TOKEN_SECRET];

beforeAll(async () => {
  const t = await createTestDatabase();
  url = t.url;
  drop = t.drop;
  Object.assign(process.env, { DATABASE_URL: url, AUTH_SECRET: "connections-test-secret-0123456789abcdef", ...SETTINGS });
  dbm = await import("@/lib/db");
  conns = await import("@/lib/connections");
  crypto = await import("@/lib/crypto");
});
afterAll(async () => {
  for (const k of Object.keys(SETTINGS)) delete process.env[k];
  await dbm?.db().$disconnect();
  await drop?.();
});

async function rawRows(): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return JSON.stringify((await c.query("SELECT * FROM connections")).rows);
  } finally {
    await c.end();
  }
}

describe("stored connections", () => {
  it("creates the default connection from settings with every secret encrypted at rest", async () => {
    const conn = await conns.ensureDefaultConnection(dbm.db());
    expect(conn).toMatchObject({ isDefault: true, fromSettings: true, apiUrl: "https://video.example.com", consumerKey: "ck-visible-key" });
    const raw = await rawRows();
    for (const s of SECRETS) expect(raw).not.toContain(s);
    expect(conn.credentialsEnc).toMatch(/^v1:[0-9a-f]{8}:/);
    expect(conns.openCredentials(conn)).toEqual({
      consumerKey: "ck-visible-key",
      consumerSecret: SETTINGS.TWENTYTHREE_CONSUMER_SECRET,
      accessToken: SETTINGS.TWENTYTHREE_ACCESS_TOKEN,
      accessTokenSecret: SETTINGS.TWENTYTHREE_ACCESS_TOKEN_SECRET,
    });
    // A second start with the same settings changes nothing; one default connection only.
    const again = await conns.ensureDefaultConnection(dbm.db());
    expect(again.id).toBe(conn.id);
    expect(await dbm.db().connection.count({ where: { isDefault: true } })).toBe(1);
  });

  it("detects tampering and a missing key with messages that name no secret", () => {
    const ring = { current: crypto.deriveKey("key-one-0123456789abcdef0123456789") };
    const blob = crypto.encryptJson({ consumerSecret: SECRETS[0] }, ring);
    const tampered = blob.slice(0, -4) + (blob.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(() => crypto.decryptJson(tampered, ring)).toThrow(/could not be decrypted/);
    const other = { current: crypto.deriveKey("key-two-0123456789abcdef0123456789") };
    let message = "";
    try {
      crypto.decryptJson(blob, other);
    } catch (err) {
      message = String(err);
    }
    expect(message).toMatch(/ENCRYPTION_KEY_PREVIOUS/);
    for (const s of SECRETS) expect(message).not.toContain(s);
  });

  it("rotates the key: rows written under the previous key are re-encrypted under the new one", async () => {
    const before = await dbm.db().connection.findFirstOrThrow({ where: { isDefault: true } });
    const oldKid = before.credentialsEnc.split(":")[1];
    const oldMaterial = process.env.AUTH_SECRET!;
    // The new key arrives as ENCRYPTION_KEY, the old material as ENCRYPTION_KEY_PREVIOUS.
    const ring = { current: crypto.deriveKey("a-brand-new-encryption-key-0123456789"), previous: crypto.deriveKey(oldMaterial) };
    const { value, stale } = crypto.decryptJson<Record<string, string>>(before.credentialsEnc, ring);
    expect(stale).toBe(true);
    await dbm.db().connection.update({ where: { id: before.id }, data: { credentialsEnc: crypto.encryptJson(value, ring) } });
    const after = await dbm.db().connection.findFirstOrThrow({ where: { id: before.id } });
    expect(after.credentialsEnc.split(":")[1]).not.toBe(oldKid);
    expect(crypto.decryptJson<Record<string, string>>(after.credentialsEnc, ring)).toEqual({ value, stale: false });
    // Put the row back under the key the rest of this file uses.
    await dbm.db().connection.update({ where: { id: before.id }, data: { credentialsEnc: before.credentialsEnc } });
  });

  it("signs with a connection's new credentials as soon as they are saved, though clients and credentials are kept in memory", async () => {
    // A stand-in site on a real socket that records which consumer key signed each call.
    const keys: string[] = [];
    const site = http.createServer((req, res) => {
      keys.push(/oauth_consumer_key="([^"]*)"/.exec(req.headers.authorization ?? "")?.[1] ?? "");
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "ok", albums: [], total_count: 0 }));
    });
    await new Promise<void>((r) => site.listen(0, "127.0.0.1", r));
    try {
      const apiUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
      const creds = (consumerKey: string) =>
        conns.sealCredentials({ consumerKey, consumerSecret: "cs-1234", accessToken: "at-1234", accessTokenSecret: "ats-1234" });
      const conn = await dbm.db().connection.create({ data: { name: "Rotating", apiUrl, ...creds("first-key") } });
      await conns.clientFor(conn, { retries: 0 }).listAlbums();
      await conns.clientFor(await dbm.db().connection.findUniqueOrThrow({ where: { id: conn.id } }), { retries: 0 }).listAlbums();
      const changed = await dbm.db().connection.update({ where: { id: conn.id }, data: creds("second-key") });
      await conns.clientFor(changed, { retries: 0 }).listAlbums();
      expect(keys).toEqual(["first-key", "first-key", "second-key"]);
    } finally {
      await dbm.db().connection.deleteMany({ where: { name: "Rotating" } });
      await new Promise((r) => site.close(r));
    }
  });

  it("reports an unreachable site in the connection check without any secret in the result or the row", async () => {
    const conn = await dbm.db().connection.update({
      where: { id: (await dbm.db().connection.findFirstOrThrow({ where: { isDefault: true } })).id },
      data: { apiUrl: "http://127.0.0.1:9" },
    });
    const check = await conns.checkAndRecord(conn, 2000);
    expect(check.status).toBe("unreachable");
    const text = JSON.stringify(check) + (await rawRows());
    for (const s of SECRETS) expect(text).not.toContain(s);
    expect((await dbm.db().connection.findUniqueOrThrow({ where: { id: conn.id } })).lastCheckStatus).toBe("unreachable");
  });
});
