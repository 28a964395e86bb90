import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import OAuth from "oauth-1.0a";
import { readFixture, type FixtureName } from "../../test/fixtures/index.ts";
import { SEED } from "../seed.ts";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../server.ts";

// Media fixtures live in the repository (test/fixtures); that folder's helper is plain node:fs.
export { FIXTURES_DIR as FIXTURES } from "../../test/fixtures/index.ts";
export const fixture = (name: FixtureName) => readFixture(name);

// The seeded credential sets (seed.ts, the one place their values are written; README lists them).
const credsFor = (level: "write" | "super" | "read") => {
  const c = SEED.credentials.find((x) => x.level === level)!;
  return { consumer: { key: c.consumerKey, secret: c.consumerSecret }, token: { key: c.accessToken, secret: c.accessSecret } };
};
export const CREDS = { write: credsFor("write"), super: credsFor("super"), read: credsFor("read") };
export type Creds = (typeof CREDS)["write"];

export function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "emu-test-"));
}

/** keepDir: leave the data dir after close() (restart tests); otherwise close() removes it. */
export async function start(opts: Partial<EmulatorOptions> & { keepDir?: boolean } = {}): Promise<RunningEmulator & { dataDir: string }> {
  const { keepDir, ...rest } = opts;
  const dataDir = rest.dataDir ?? tmpDir();
  const emu = await startEmulator({ port: 0, quiet: true, ...rest, dataDir });
  return {
    ...emu,
    dataDir,
    async close() {
      await emu.close();
      if (!keepDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs with the third-party oauth-1.0a library, never with the emulator's own code. */
export function oauthFor(c: Creds) {
  return new OAuth({
    consumer: c.consumer,
    signature_method: "HMAC-SHA1",
    hash_function: (base, key) => crypto.createHmac("sha1", key).update(base).digest("base64"),
  });
}

export type Placement = "header" | "body" | "query";

export interface CallOpts {
  creds?: Creds | null;
  placement?: Placement;
  /** Tamper with the computed OAuth data before sending. */
  mutate?: (o: Record<string, string>) => void;
  timestamp?: number;
  nonce?: string;
}

/** A signed API call. Default: POST, form body, OAuth in the Authorization header. */
export async function call(emu: RunningEmulator, endpoint: string, params: Record<string, string> = {}, o: CallOpts = {}): Promise<Response> {
  const placement = o.placement ?? "header";
  const method = placement === "query" ? "GET" : "POST";
  const url = emu.url + endpoint;
  const creds = o.creds === undefined ? CREDS.write : o.creds;
  let oauthData: Record<string, string> = {};
  if (creds) {
    const oauth = oauthFor(creds);
    if (o.timestamp !== undefined) oauth.getTimeStamp = () => o.timestamp!;
    if (o.nonce !== undefined) oauth.getNonce = () => o.nonce!;
    oauthData = oauth.authorize({ url, method, data: params }, creds.token) as unknown as Record<string, string>;
    o.mutate?.(oauthData);
  }
  if (placement === "query") {
    const qs = new URLSearchParams({ ...params, ...oauthData });
    return fetch(`${url}?${qs}`);
  }
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  let body: Record<string, string> = params;
  if (placement === "header" && creds) headers.Authorization = oauthFor(creds).toHeader(oauthData as never).Authorization;
  else body = { ...params, ...oauthData };
  return fetch(url, { method: "POST", headers, body: new URLSearchParams(body).toString() });
}

export async function callJson(emu: RunningEmulator, endpoint: string, params: Record<string, string> = {}, o: CallOpts = {}): Promise<any> {
  const r = await call(emu, endpoint, { ...params, format: "json", raw: "1" }, o);
  return r.json();
}

export async function getToken(emu: RunningEmulator, params: Record<string, string> = {}, creds: Creds = CREDS.write): Promise<string> {
  const j = await callJson(emu, "/api/photo/get-upload-token", params, { creds });
  if (j.status !== "ok") throw new Error(`get-upload-token failed: ${JSON.stringify(j)}`);
  return j.uploadtoken.upload_token as string;
}

/** Browser-style form POST (upload_token first, then extras, then the file). */
export function redeem(
  emu: RunningEmulator,
  token: string,
  file: Buffer | null,
  opts: { name?: string; fields?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<Response> {
  const fd = new FormData();
  fd.append("upload_token", token);
  for (const [k, v] of Object.entries(opts.fields ?? {})) fd.append(k, v);
  if (file) fd.append("file", new Blob([new Uint8Array(file)]), opts.name ?? "clip.mp4");
  return fetch(emu.url + "/api/photo/redeem-upload-token", { method: "POST", body: fd, redirect: "manual", headers: opts.headers });
}

/** Uploads `file` through the real redeem path (a fresh token: one use unless `tokenParams` say
 * otherwise) and returns the object's photo_id and token, and the upload token used. */
export async function uploadOne(emu: RunningEmulator, file: Buffer, name = "a.mp4", tokenParams: Record<string, string> = {}) {
  const token = await getToken(emu, tokenParams);
  const j = await (await redeem(emu, token, file, { name, fields: { format: "json", raw: "1" } })).json();
  if (j.status !== "ok") throw new Error(JSON.stringify(j));
  return { photo_id: j.photo_id as string, token: j.token as string, upload_token: token };
}

/** One object as /api/photo/list shows it to whoever holds its token. */
export const listOne = async (emu: RunningEmulator, o: { photo_id: string; token: string }) =>
  (await callJson(emu, "/api/photo/list", { photo_id: o.photo_id, token: o.token })).photos[0];

export type Hit = { method: string; url: string; body: string };

/** An HTTP server on a free port that records every request (pingbacks, background returns). */
export async function receiver(pathAndQuery: string, status = 200) {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      hits.push({ method: req.method!, url: req.url!, body });
      res.statusCode = status;
      res.end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}${pathAndQuery}`;
  return { hits, url, close: () => new Promise((r) => server.close(r)) };
}

export async function objects(emu: RunningEmulator): Promise<any[]> {
  return (await fetch(emu.url + "/_emulator/objects")).json();
}

export function filesIn(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

/**
 * Polls `what` until it returns something other than undefined (a wait on a condition, never a
 * fixed sleep); throws naming `label` once `ms` have passed without it.
 */
export async function until<T>(what: () => T | undefined | Promise<T | undefined>, label = "a condition", ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Some file in `dir` (e.g. an upload's temp file once it streams), else undefined. */
export const someFileIn = (dir: string) => filesIn(dir)[0];
/** True once `dir` holds no file, else undefined (for `until`). */
export const emptyDir = (dir: string) => (filesIn(dir).length === 0 ? true : undefined);
