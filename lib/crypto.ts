// Connection credentials are stored as one AES-256-GCM blob. The key comes from ENCRYPTION_KEY
// (or, when unset, is derived from AUTH_SECRET with HKDF). Rotation: set the new key as
// ENCRYPTION_KEY and the old one as ENCRYPTION_KEY_PREVIOUS; start-up re-encrypts every row.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

export type KeyRing = { current: Buffer; previous?: Buffer };

export function deriveKey(material: string): Buffer {
  return Buffer.from(hkdfSync("sha256", material, "twentythree-portal", "connection-credentials", 32));
}

export function keyRing(): KeyRing {
  const e = env();
  return {
    current: deriveKey(e.ENCRYPTION_KEY ?? e.authSecret),
    previous: e.ENCRYPTION_KEY_PREVIOUS ? deriveKey(e.ENCRYPTION_KEY_PREVIOUS) : undefined,
  };
}

const keyId = (key: Buffer) => createHash("sha256").update(key).digest("hex").slice(0, 8);

export function encryptJson(value: unknown, ring: KeyRing = keyRing()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", ring.current, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return ["v1", keyId(ring.current), iv.toString("base64"), cipher.getAuthTag().toString("base64"), body.toString("base64")].join(":");
}

export class DecryptError extends Error {}

export function decryptJson<T>(blob: string, ring: KeyRing = keyRing()): { value: T; stale: boolean } {
  const [version, kid, iv, tag, body] = blob.split(":");
  if (version !== "v1" || !kid || !iv || !tag || !body) throw new DecryptError("Stored credentials are not in a known format");
  const key = [ring.current, ring.previous].find((k) => k && keyId(k) === kid);
  if (!key) throw new DecryptError("Stored credentials were encrypted with a key the portal no longer has (set ENCRYPTION_KEY_PREVIOUS to the old key)");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  try {
    const text = Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
    return { value: JSON.parse(text) as T, stale: key !== ring.current };
  } catch {
    throw new DecryptError("Stored credentials could not be decrypted (wrong key or tampered data)");
  }
}
