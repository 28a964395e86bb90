import crypto from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filesIn, fixture, getToken, objects, start } from "./helpers.ts";

const RETURN = "http://localhost:3000/cb";

/** A valid MP4 header followed by random bytes: big enough to chunk, still sniffed as video. */
function bigMp4(size: number): Buffer {
  const head = fixture("clip.mp4").subarray(0, 4100);
  return Buffer.concat([head, crypto.randomBytes(size - head.length)]);
}

function plan(total: number, chunkSize: number) {
  const n = Math.max(1, Math.floor(total / chunkSize));
  return Array.from({ length: n }, (_, i) => [i * chunkSize, i === n - 1 ? total : (i + 1) * chunkSize] as const);
}

describe("resumable (chunked) uploads", () => {
  let emu: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    emu = await start();
  });
  afterAll(() => emu.close());

  function sendChunk(token: string, data: Buffer, id: string, chunkSize: number, n: number, extra: Record<string, string> = {}) {
    const parts = plan(data.length, chunkSize);
    const [a, b] = parts[n - 1]!;
    const fd = new FormData();
    const fields: Record<string, string> = {
      resumableChunkNumber: String(n),
      resumableChunkSize: String(chunkSize),
      resumableCurrentChunkSize: String(b - a),
      resumableTotalSize: String(data.length),
      resumableType: "video/mp4",
      resumableIdentifier: id,
      resumableFilename: "big.mp4",
      resumableRelativePath: "big.mp4",
      resumableTotalChunks: String(parts.length),
      upload_token: token,
      ...extra,
    };
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    fd.append("file", new Blob([new Uint8Array(data.subarray(a, b))]), "blob");
    return fetch(emu.url + "/api/photo/redeem-upload-token", { method: "POST", body: fd, redirect: "manual" });
  }

  const testChunk = (token: string, id: string, n: number, data: Buffer, chunkSize: number) => {
    const qs = new URLSearchParams({
      upload_token: token,
      resumableChunkNumber: String(n),
      resumableChunkSize: String(chunkSize),
      resumableTotalSize: String(data.length),
      resumableIdentifier: id,
      resumableFilename: "big.mp4",
      resumableTotalChunks: String(plan(data.length, chunkSize).length),
    });
    return fetch(`${emu.url}/api/photo/redeem-upload-token?${qs}`);
  };

  it("in order: each non-final chunk 200, the last gives the redeem result; one token use", async () => {
    const data = bigMp4(250_000);
    const token = await getToken(emu, { return_url: RETURN, max_uploads: "2" });
    const parts = plan(data.length, 64 * 1024); // 3 chunks, last one 118 KiB
    expect(parts).toHaveLength(3);
    for (let n = 1; n < parts.length; n++) expect((await sendChunk(token, data, "id-1", 64 * 1024, n)).status).toBe(200);
    const last = await sendChunk(token, data, "id-1", 64 * 1024, 3);
    expect(last.status).toBe(301);
    const loc = new URL(last.headers.get("location")!);
    const obj = (await objects(emu)).find((o) => o.photo_id === loc.searchParams.get("photo_id"))!;
    expect(obj.size).toBe(data.length);
    const orig = await fetch(`${emu.url}/1/${obj.photo_id}/${obj.token}/original`);
    expect(Buffer.from(await orig.arrayBuffer()).equals(data)).toBe(true);
    // max_uploads=2 and one assembled file: a second plain upload still works, a third doesn't.
    const fd = new FormData();
    fd.append("upload_token", token);
    fd.append("file", new Blob([fixture("clip.mp4")]), "c.mp4");
    expect((await fetch(emu.url + "/api/photo/redeem-upload-token", { method: "POST", body: fd, redirect: "manual" })).status).toBe(301);
    expect(filesIn(path.join(emu.dataDir, "chunks", token))).toEqual([]);
  });

  it("out of order and duplicated chunks assemble correctly", async () => {
    const data = bigMp4(300_000);
    const cs = 50_000;
    const token = await getToken(emu, { return_url: RETURN });
    const order = [4, 2, 2, 1, 5, 3, 3];
    const statuses: number[] = [];
    for (const n of order.slice(0, -1)) statuses.push((await sendChunk(token, data, "id-2", cs, n)).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const fin = await sendChunk(token, data, "id-2", cs, 6);
    expect(fin.status).toBe(301);
    const pid = new URL(fin.headers.get("location")!).searchParams.get("photo_id");
    const obj = (await objects(emu)).find((o) => o.photo_id === pid)!;
    const orig = await fetch(`${emu.url}/1/${obj.photo_id}/${obj.token}/original`);
    expect(Buffer.from(await orig.arrayBuffer()).equals(data)).toBe(true);
  });

  it("first chunk of an unsupported type → 500 (cancel)", async () => {
    const data = Buffer.concat([Buffer.from("just some text\n"), crypto.randomBytes(200_000)]);
    const token = await getToken(emu, { return_url: RETURN });
    const r = await sendChunk(token, data, "id-3", 64 * 1024, 1);
    expect(r.status).toBe(500);
  });

  it("wrong chunk size is refused; chunk number out of range is refused", async () => {
    const data = bigMp4(200_000);
    const token = await getToken(emu, { return_url: RETURN });
    expect((await sendChunk(token, data, "id-4", 64 * 1024, 1, { resumableChunkSize: "60000" })).status).not.toBe(200);
    expect((await sendChunk(token, data, "id-4", 64 * 1024, 1, { resumableChunkNumber: "9" })).status).toBe(400);
  });

  it("testChunks GET: 204 before, 200 after the chunk is stored", async () => {
    const data = bigMp4(200_000);
    const cs = 64 * 1024;
    const token = await getToken(emu, { return_url: RETURN });
    expect((await testChunk(token, "id-5", 2, data, cs)).status).toBe(204);
    expect((await sendChunk(token, data, "id-5", cs, 2)).status).toBe(200);
    expect((await testChunk(token, "id-5", 2, data, cs)).status).toBe(200);
    expect((await testChunk(token, "id-5", 1, data, cs)).status).toBe(204);
  });

  it("consumed token refuses chunks with plain-text 400", async () => {
    const data = bigMp4(200_000);
    const cs = 64 * 1024;
    const token = await getToken(emu, { return_url: RETURN });
    for (const n of [1, 2, 3]) await sendChunk(token, data, "id-6", cs, n);
    const r = await sendChunk(token, data, "id-7", cs, 1);
    expect(r.status).toBe(400);
    expect((await r.text()).trim()).toBe("The upload token has already been used");
  });

  it("failChunksAfter: 503 after N accepted chunks until cleared", async () => {
    const data = bigMp4(300_000);
    const cs = 50_000;
    const token = await getToken(emu, { return_url: RETURN });
    await fetch(emu.url + "/_emulator/faults", { method: "POST", body: JSON.stringify({ failChunksAfter: 2 }) });
    expect((await sendChunk(token, data, "id-8", cs, 1)).status).toBe(200);
    expect((await sendChunk(token, data, "id-8", cs, 2)).status).toBe(200);
    expect((await sendChunk(token, data, "id-8", cs, 3)).status).toBe(503);
    await fetch(emu.url + "/_emulator/faults", { method: "POST", body: JSON.stringify({ failChunksAfter: null }) });
    expect((await testChunk(token, "id-8", 2, data, cs)).status).toBe(200);
    for (const n of [3, 4, 5]) expect((await sendChunk(token, data, "id-8", cs, n)).status).toBe(200);
    expect((await sendChunk(token, data, "id-8", cs, 6)).status).toBe(301);
  });
});
