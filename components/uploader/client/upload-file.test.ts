import { beforeEach, describe, expect, it } from "vitest";
import { uploadFile, type UploadTokenInfo } from "./upload-file";
import { loadResume, resumeKey } from "./resume-store";
import type { Send } from "./xhr";

class MemoryStorage {
  m = new Map<string, string>();
  get length() {
    return this.m.size;
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.m.set(k, v);
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
}

const later = () => new Date(Date.now() + 3600_000).toISOString();
let minted = 0;
const getToken = async (): Promise<UploadTokenInfo> => {
  minted++;
  return { uploadToken: `tok${minted}`, redeemUrl: "http://t23/redeem", ticket: `ticket${minted}`, validUntil: later(), maxUploads: 1 };
};
const noWait = async () => {};
const file = (size: number) => new File([new Uint8Array(size)], "clip.mp4", { type: "video/mp4", lastModified: 1000 });

beforeEach(() => {
  minted = 0;
  (globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
});

describe("uploadFile", () => {
  it("sends a small file whole and reads the background answer", async () => {
    const sent: string[] = [];
    const send: Send = async (_u, body) => {
      sent.push(String(body.get("upload_token")));
      return { status: 200, text: "ok localhost 1 60433005 objtok http://cb" };
    };
    const r = await uploadFile({ file: file(10), slug: "demo", getToken, chunkSize: 100, chunkThreshold: 1000, send, wait: noWait });
    expect(r).toEqual({ ticket: "ticket1", answer: { kind: "ok", domain: "localhost", treeId: "1", photoId: "60433005" } });
    expect(sent).toEqual(["tok1"]);
  });

  it("a replacement names its token replace_token, whole and in every chunk (redeem-replace-token)", async () => {
    const fields: string[] = [];
    const send: Send = async (_u, body) => {
      fields.push([...body.keys()].filter((k) => k.endsWith("_token")).join(",") + "=" + String(body.get("replace_token")));
      return body.get("resumableChunkNumber") && body.get("resumableChunkNumber") !== "2" ? { status: 200, text: "ok" } : { status: 200, text: "ok d 1 7 t u" };
    };
    const whole = await uploadFile({
      file: file(10),
      slug: "r",
      getToken,
      tokenField: "replace_token",
      chunkSize: 100,
      chunkThreshold: 1000,
      send,
      wait: noWait,
    });
    expect(whole.answer).toMatchObject({ kind: "ok", photoId: "7" });
    expect(fields).toEqual(["replace_token=tok1"]);
    fields.length = 0;
    await uploadFile({ file: file(250), slug: "r", getToken, tokenField: "replace_token", chunkSize: 100, chunkThreshold: 200, send, wait: noWait });
    expect(fields).toEqual(["replace_token=tok2", "replace_token=tok2"]);
  });

  it("re-mints once when redeem refuses the token (expired) before storing anything", async () => {
    const send: Send = async (_u, body) =>
      body.get("upload_token") === "tok1" ? { status: 400, text: "The upload token has expired" } : { status: 200, text: "ok d 1 2 t u" };
    const r = await uploadFile({ file: file(10), slug: "demo", getToken, chunkSize: 100, chunkThreshold: 1000, send, wait: noWait });
    expect(r.ticket).toBe("ticket2");
  });

  it("resumes a chunked upload after an interruption with the same token, re-sending no stored chunk", async () => {
    const f = file(1000);
    const stored = new Set<number>();
    const posts: number[] = [];
    let broken = true;
    const send: Send = async (_u, body) => {
      const n = Number(body.get("resumableChunkNumber"));
      posts.push(n);
      if (broken && stored.size >= 4) return { status: 503, text: "busy" };
      stored.add(n);
      return n === 10 ? { status: 200, text: "ok d 1 99 t u" } : { status: 200, text: "ok" };
    };
    const fetchFn = (async (url: string) =>
      new Response(null, { status: stored.has(Number(new URL(url).searchParams.get("resumableChunkNumber"))) ? 200 : 204 })) as unknown as typeof fetch;
    const first = uploadFile({ file: f, slug: "demo", getToken, chunkSize: 100, chunkThreshold: 500, send, fetchFn, wait: noWait, maxAttempts: 2 });
    await expect(first).rejects.toThrow(/choose the same file again/);
    const rec = loadResume("demo", f);
    expect(rec?.uploadToken).toBe("tok1");
    expect(rec?.done.sort()).toEqual([...stored].sort());

    broken = false;
    posts.length = 0;
    const storedBefore = new Set(stored);
    const events: string[] = [];
    const r = await uploadFile({
      file: f,
      slug: "demo",
      getToken,
      chunkSize: 100,
      chunkThreshold: 500,
      send,
      fetchFn,
      wait: noWait,
      onEvent: (e) => e.kind === "resuming" && events.push(`${e.chunksStored}/${e.chunksTotal}`),
    });
    expect(r).toEqual({ ticket: "ticket1", answer: { kind: "ok", domain: "d", treeId: "1", photoId: "99" } });
    expect(minted).toBe(1);
    expect(posts.filter((n) => storedBefore.has(n))).toEqual([]);
    expect(posts.length).toBe(10 - storedBefore.size);
    expect(events).toEqual([`${storedBefore.size}/10`]);
    expect(localStorage.getItem(resumeKey("demo", f))).toBeNull();
  });

  it("turns a 500 on a chunk into the library's error answer and forgets the resume state", async () => {
    const f = file(1000);
    const send: Send = async () => ({ status: 500, text: "The file type isn't supported" });
    const r = await uploadFile({ file: f, slug: "demo", getToken, chunkSize: 100, chunkThreshold: 500, send, wait: noWait });
    expect(r.answer).toEqual({ kind: "error", message: "The file type isn't supported" });
    expect(localStorage.getItem(resumeKey("demo", f))).toBeNull();
  });
});
