// TwentyThree's replace tokens in the emulator: issuing, redeeming (plain, background return,
// resumable chunks), errors, and what follows the replacement (thumbnails, revocation, CORS).
// Over 200 lines: one emulator with a moving clock and one return receiver serve every case.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CREDS, callJson, fixture, getToken, listOne, objects, receiver, redeem, start, uploadOne } from "./helpers.ts";
import * as media from "./media-files.ts";

const RETURN = "http://localhost:3000/api/callback/replace?x=1";
type Emu = Awaited<ReturnType<typeof start>>;

function redeemReplace(emu: Emu, token: string, file: Buffer | null, name = "new.webm", fields: Record<string, string> = {}) {
  const fd = new FormData();
  fd.append("replace_token", token);
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  if (file) fd.append("file", new Blob([new Uint8Array(file)]), name);
  return fetch(emu.url + "/api/photo/redeem-replace-token", { method: "POST", body: fd, redirect: "manual" });
}

describe("replace tokens", () => {
  let emu: Emu;
  let cb: Awaited<ReturnType<typeof receiver>>;
  const base = Date.now();
  let offset = 0;
  beforeAll(async () => {
    emu = await start({ transcodeSeconds: 5, now: () => base + offset });
    cb = await receiver("/replaced");
  });
  afterAll(async () => {
    await emu.close();
    await cb.close();
  });

  const video = (title = "Original") => uploadOne(emu, media.mp4(), "a.mp4", { title });
  const replaceToken = async (p: Record<string, string>) => callJson(emu, "/api/photo/get-replace-token", p);

  it("get-replace-token answers a replacetoken object with string values; validates like get-upload-token", async () => {
    const v = await video();
    const j = await replaceToken({ photo_id: v.photo_id, return_url: RETURN });
    expect(j.status).toBe("ok");
    expect(j.replacetoken).toMatchObject({ photo_id: v.photo_id, valid_minutes: "180", max_uploads: "1", return_url: RETURN });
    expect(j.replacetoken.replace_token).toMatch(/^[0-9a-f]{40}$/);
    expect(Number(j.replacetoken.valid_until)).toBe(Math.floor((base + offset) / 1000) + 180 * 60);
    for (const bad of <Record<string, string>[]>[
      { valid_minutes: "14" },
      { valid_minutes: "1441" },
      { max_uploads: "0" },
      { max_uploads: "101" },
      { background_return_p: "2" },
      { return_url: "ftp://x" },
    ])
      expect((await replaceToken({ photo_id: v.photo_id, ...bad })).code, JSON.stringify(bad)).toBe("invalid_input");
    expect((await replaceToken({ photo_id: "5" })).code).toBe("no_such_photo");
    expect((await replaceToken({})).code).toBe("invalid_input");
    expect((await callJson(emu, "/api/photo/get-replace-token", { photo_id: v.photo_id }, { creds: CREDS.read })).code).toBe("permission_denied");
  });

  it("redeem keeps photo_id and token, swaps the file, goes back to transcoding; 301 carries replace_token", async () => {
    offset = 0;
    const v = await video();
    await callJson(emu, "/api/photo/section/create", { photo_id: v.photo_id, start_time: "1", title: "Q1", description: "d" });
    offset = 10_000;
    expect(await listOne(emu, v)).toMatchObject({ video_encoded_p: "1", video_length: "2.52", title: "Original" });

    const rt = (await replaceToken({ photo_id: v.photo_id, return_url: RETURN, ref: "r 1" })).replacetoken.replace_token;
    const r = await redeemReplace(emu, rt, media.webm(), "new.webm", { note: "n" });
    expect(r.status).toBe(301);
    const u = new URL(r.headers.get("location")!);
    expect([...u.searchParams.keys()]).toEqual(["x", "domain", "replace_token", "photo_id", "tree_id", "token", "ref", "note"]);
    expect(u.searchParams.get("replace_token")).toBe(rt);
    expect(u.searchParams.get("photo_id")).toBe(v.photo_id);
    expect(u.searchParams.get("token")).toBe(v.token);

    const after = await listOne(emu, v);
    expect(after).toMatchObject({
      photo_id: v.photo_id,
      token: v.token,
      title: "Original",
      video_encoded_p: "0",
      video_length: "",
      original_content_type: "video/webm",
      upload_token: v.upload_token,
    });
    const orig = await fetch(`${emu.url}/1/${v.photo_id}/${v.token}/original`);
    expect(Buffer.from(await orig.arrayBuffer()).equals(media.webm())).toBe(true);
    offset = 20_000;
    expect(await listOne(emu, v)).toMatchObject({ video_encoded_p: "1", video_length: "3.2" });
    const seen = (await objects(emu)).find((o) => o.photo_id === v.photo_id);
    expect(seen).toMatchObject({ replaced_count: 1, sections: [expect.objectContaining({ title: "Q1" })] });
    expect((await objects(emu)).filter((o) => o.photo_id === v.photo_id)).toHaveLength(1);
  });

  it("errors as redeem-upload-token: plain 400 for unknown, used-up, expired and wrong-kind tokens", async () => {
    offset = 0;
    const v = await video();
    const text = async (r: Response) => {
      expect(r.status).toBe(400);
      expect(r.headers.get("content-type")).toMatch(/text\/plain/);
      return (await r.text()).trim();
    };
    expect(await text(await redeemReplace(emu, "0".repeat(40), media.webm()))).toBe("Invalid replace token");
    const rt = (await replaceToken({ photo_id: v.photo_id })).replacetoken.replace_token;
    expect((await (await redeemReplace(emu, rt, media.webm())).text()).trim()).toBe("ok");
    expect(await text(await redeemReplace(emu, rt, media.webm()))).toBe("The replace token has already been used");
    // An upload token is no replace token, and a replace token cannot create new objects.
    expect(await text(await redeemReplace(emu, await getToken(emu), media.webm()))).toBe("Invalid replace token");
    const rt2 = (await replaceToken({ photo_id: v.photo_id })).replacetoken.replace_token;
    expect(await text(await redeem(emu, rt2, media.webm(), { name: "x.webm" }))).toBe("Invalid upload token");
    expect(await text(await redeemReplace(emu, "", media.webm()))).toBe("Invalid replace token");
  });

  it("an expired replace token → plain 400", async () => {
    let skew = 0; // own emulator: moving this clock 16 minutes would break OAuth for the shared one
    const e2 = await start({ now: () => Date.now() + skew });
    try {
      const j = await (await redeem(e2, await getToken(e2), media.mp4(), { name: "a.mp4", fields: { format: "json", raw: "1" } })).json();
      const short = (await callJson(e2, "/api/photo/get-replace-token", { photo_id: j.photo_id, valid_minutes: "15" })).replacetoken.replace_token;
      skew = 16 * 60_000;
      const r = await redeemReplace(e2, short, media.webm());
      expect(r.status).toBe(400);
      expect((await r.text()).trim()).toBe("The replace token has expired");
    } finally {
      await e2.close();
    }
  });

  it("a bad file fails in the callback, keeps the old file and gives the use back", async () => {
    const v = await video();
    const rt = (await replaceToken({ photo_id: v.photo_id, return_url: RETURN })).replacetoken.replace_token;
    const r = await redeemReplace(emu, rt, fixture("not-a-video.txt"), "x.mp4");
    expect(r.status).toBe(301);
    const u = new URL(r.headers.get("location")!);
    expect([...u.searchParams.keys()]).toEqual(["x", "domain", "replace_token", "error_message"]);
    const orig = await fetch(`${emu.url}/1/${v.photo_id}/${v.token}/original`);
    expect(Buffer.from(await orig.arrayBuffer()).equals(media.mp4())).toBe(true);
    expect((await redeemReplace(emu, rt, media.webm())).status).toBe(301);
  });

  it("background_return_p=1: the emulator calls return_url itself; a long callback is a POST page", async () => {
    const v = await video();
    const rt = (await replaceToken({ photo_id: v.photo_id, return_url: cb.url, background_return_p: "1" })).replacetoken.replace_token;
    const text = (await (await redeemReplace(emu, rt, media.webm())).text()).trim();
    expect(text).toMatch(new RegExp(`^ok ${emu.domain} 1 ${v.photo_id} ${v.token} \\S+replace_token=${rt}`));
    expect(cb.hits.find((x) => x.url.includes(rt))?.method).toBe("GET");

    const long = await replaceToken({ photo_id: v.photo_id, return_url: RETURN, pad: "p".repeat(1600) });
    const page = await redeemReplace(emu, long.replacetoken.replace_token, media.webm());
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('method="POST"');
    expect(html).toContain(`name="replace_token" value="${long.replacetoken.replace_token}"`);
  });

  it("resumable chunks work for replacements too (testChunks GET and the final chunk)", async () => {
    const v = await video();
    const rt = (await replaceToken({ photo_id: v.photo_id, return_url: RETURN })).replacetoken.replace_token;
    const data = media.webm();
    const chunkSize = Math.ceil(data.length / 3) + 1; // 2 chunks: the last one takes the remainder
    const total = Math.max(1, Math.floor(data.length / chunkSize));
    const common = {
      resumableChunkSize: String(chunkSize),
      resumableTotalSize: String(data.length),
      resumableIdentifier: "rep-1",
      resumableFilename: "new.webm",
      resumableTotalChunks: String(total),
    };
    const probe = new URLSearchParams({ replace_token: rt, resumableChunkNumber: "1", ...common });
    expect((await fetch(`${emu.url}/api/photo/redeem-replace-token?${probe}`)).status).toBe(204);
    let last: Response | null = null;
    for (let n = 1; n <= total; n++) {
      const fd = new FormData();
      for (const [k, val] of Object.entries({ replace_token: rt, resumableChunkNumber: String(n), ...common })) fd.append(k, val);
      const end = n === total ? data.length : n * chunkSize;
      fd.append("file", new Blob([new Uint8Array(data.subarray((n - 1) * chunkSize, end))]), "blob");
      last = await fetch(emu.url + "/api/photo/redeem-replace-token", { method: "POST", body: fd, redirect: "manual" });
    }
    expect(last!.status).toBe(301);
    expect(new URL(last!.headers.get("location")!).searchParams.get("photo_id")).toBe(v.photo_id);
    const orig = await fetch(`${emu.url}/1/${v.photo_id}/${v.token}/original`);
    expect(Buffer.from(await orig.arrayBuffer()).equals(data)).toBe(true);
  });

  it("thumbnails follow the replacement (a video replaced by a photo shows the photo)", async () => {
    const v = await video();
    const thumb = async () => Buffer.from(await (await fetch(`${emu.url}/1/${v.photo_id}/${v.token}/standard`)).arrayBuffer());
    const before = await thumb();
    expect((await thumb()).equals(before)).toBe(true); // served again from the cache
    const rt = (await replaceToken({ photo_id: v.photo_id })).replacetoken.replace_token;
    expect((await (await redeemReplace(emu, rt, fixture("photo.jpg"), "p.jpg")).text()).trim()).toBe("ok");
    const after = await thumb();
    expect(after.equals(before)).toBe(false);
    expect(await listOne(emu, v)).toMatchObject({ video_p: "0", original_width: "640", original_height: "480" });
  });

  it("deleting the video revokes its replace tokens", async () => {
    const v = await video();
    const rt = (await replaceToken({ photo_id: v.photo_id })).replacetoken.replace_token;
    await callJson(emu, "/api/photo/delete", { photo_id: v.photo_id });
    const r = await redeemReplace(emu, rt, media.webm());
    expect(r.status).toBe(400);
    expect((await r.text()).trim()).toBe("Invalid replace token");
  });

  it("CORS preflight is answered for the replace endpoint as for redeem", async () => {
    const r = await fetch(emu.url + "/api/photo/redeem-replace-token", {
      method: "OPTIONS",
      headers: { Origin: "http://localhost:3000", "Access-Control-Request-Method": "POST" },
    });
    expect(r.status).toBe(204);
    expect(r.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
  });
});
