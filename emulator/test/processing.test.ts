import fs from "node:fs";
import path from "node:path";
import jpeg from "jpeg-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CREDS, callJson, call, fixture, getToken, redeem, start } from "./helpers.ts";
import * as media from "./media-files.ts";

/** Uploads through the real redeem path and returns the object's photo_id and token. */
async function upload(emu: Awaited<ReturnType<typeof start>>, file: Buffer, name: string, tokenParams: Record<string, string> = {}) {
  const token = await getToken(emu, { ...tokenParams, max_uploads: tokenParams.max_uploads ?? "1" });
  const r = await redeem(emu, token, file, { name, fields: { format: "json", raw: "1" } });
  const j = await r.json();
  if (j.status !== "ok") throw new Error(JSON.stringify(j));
  return { photo_id: j.photo_id as string, token: j.token as string, upload_token: token };
}

const listOne = async (emu: Awaited<ReturnType<typeof start>>, o: { photo_id: string; token: string }) =>
  (await callJson(emu, "/api/photo/list", { photo_id: o.photo_id, token: o.token })).photos[0];

describe("video_length and size read from the container", () => {
  let emu: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    emu = await start({ transcodeSeconds: 0 });
  });
  afterAll(() => emu.close());

  it.each([
    ["MP4, mvhd v0", () => media.mp4(), "a.mp4", "2.52"],
    ["MOV, mvhd v0", () => media.mov(), "a.mov", "1.52"],
    ["fragmented MP4 (mvhd 0, no mehd): the fragments' sample durations", () => media.fragmentedMp4(), "frag.mp4", "2"],
    ["MP4, mvhd v1 with a 64-bit duration and a 90 kHz timescale", () => media.mp4MvhdV1(90000, 5_000_000_000n), "v1.mp4", "55555.556"],
    ["WebM, 8-byte float Duration", () => media.webm(), "a.webm", "3.2"],
    ["WebM, 4-byte float Duration", () => media.webmDurationF32(), "f32.webm", "3.2"],
    ["WebM, TimecodeScale 0.5 ms", () => media.webmHalfTimecodeScale(), "half.webm", "1.6"],
  ])("%s", async (_label, file, name, length) => {
    const p = await listOne(emu, await upload(emu, file(), name));
    expect(p).toMatchObject({ video_p: "1", video_encoded_p: "1", video_length: length, original_width: "320", original_height: "180" });
  });

  it("a MediaRecorder-style WebM without Duration has an unknown (empty) length, and still uploads", async () => {
    const p = await listOne(emu, await upload(emu, media.liveWebm(), "live.webm"));
    expect(p).toMatchObject({ video_p: "1", video_encoded_p: "1", video_length: "", original_width: "320" });
  });

  it("Chromium's MediaRecorder WebM (unknown-size clusters): unknown length as recorded, 2 s once fix-webm-duration ran", async () => {
    const own = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "fixtures", name));
    expect(await listOne(emu, await upload(emu, own("mediarecorder.webm"), "take.webm"))).toMatchObject({
      video_p: "1",
      video_length: "",
      original_width: "160",
      original_height: "90",
    });
    expect(await listOne(emu, await upload(emu, own("mediarecorder-fixed.webm"), "take.webm"))).toMatchObject({
      video_p: "1",
      video_length: "2",
      original_width: "160",
      original_height: "90",
    });
  });

  it.each([
    ["a WebM with an impossible EBML length", () => media.webmCorruptLength(), "bad.webm"],
    // Unguarded, mp4box would build a 4-billion-entry array and V8 would abort the process.
    ["an MP4 whose stsz claims 4 billion samples", () => media.mp4HugeSampleCount(), "bad.mp4"],
  ])("%s uploads with an unknown length, and the emulator stays up", async (_label, file, name) => {
    const p = await listOne(emu, await upload(emu, file(), name));
    expect(p).toMatchObject({ video_p: "1", video_length: "" });
    expect((await callJson(emu, "/api/site/get")).status).toBe("ok");
  });

  it("a photo: not a video, length 0, its own dimensions", async () => {
    const p = await listOne(emu, await upload(emu, fixture("photo.jpg"), "photo.jpg"));
    expect(p).toMatchObject({ video_p: "0", video_encoded_p: "0", video_length: "0", original_width: "640", original_height: "480" });
    const progress = await callJson(emu, "/api/photo/get-transcoding-progress", { photo_id: p.photo_id }, { creds: CREDS.read });
    expect(progress.progress).toEqual({ all: "1" }); // nothing to transcode
    const png = await listOne(emu, await upload(emu, media.png(), "still.png"));
    expect(png).toMatchObject({ video_p: "0", original_width: "320", original_height: "180" });
  });
});

describe("transcoding over EMULATOR_TRANSCODE_SECONDS", () => {
  let emu: Awaited<ReturnType<typeof start>>;
  const base = Date.now();
  let offset = 0; // a frozen clock the test moves; OAuth's ±300 s window still holds
  beforeAll(async () => {
    emu = await start({ transcodeSeconds: 8, now: () => base + offset });
  });
  afterAll(() => emu.close());

  it("progress grows linearly per format, video_encoded_p and video_length appear at the end", async () => {
    const o = await upload(emu, media.mp4(), "a.mp4");
    const progress = (extra: Record<string, string> = {}, creds = CREDS.read) =>
      callJson(emu, "/api/photo/get-transcoding-progress", { photo_id: o.photo_id, ...extra }, { creds });

    expect(await listOne(emu, o)).toMatchObject({ video_p: "1", video_encoded_p: "0", video_length: "" });
    expect((await progress()).progress).toEqual({ video_mobile_high: "0", video_medium: "0", video_hd: "0", video_1080p: "0", all: "0" });

    offset = 3000; // formats finish at 2, 4, 6 and 8 s
    const mid = await progress();
    expect(mid.status).toBe("ok");
    expect(mid.progress).toEqual({ video_mobile_high: "1", video_medium: "0.75", video_hd: "0.5", video_1080p: "0.37", all: "0.65" });
    expect((await progress({ percentage_formated_p: "1" })).progress).toEqual({
      video_mobile_high: "100%",
      video_medium: "75%",
      video_hd: "50%",
      video_1080p: "37%",
      all: "65%",
    });
    expect(await listOne(emu, o)).toMatchObject({ video_encoded_p: "0", video_length: "" });
    const row = async () => (await (await fetch(emu.url + "/")).text()).split("<tr>").find((r) => r.includes(`<td>${o.photo_id}</td>`));
    expect(await row()).toContain("transcoding 65%");
    // The test hook shows the raw facts, the length too while the API still hides it.
    const seen = (await (await fetch(emu.url + "/_emulator/objects")).json()).find((x: { photo_id: string }) => x.photo_id === o.photo_id);
    expect(seen).toMatchObject({ video_p: "1", video_encoded_p: "0", progress: "0.656", video_length: "2.52", width: 320, height: 180, sections: [] });

    offset = 8000;
    expect(await row()).toContain("<td>ready</td>");
    expect(await row()).toContain("2.52 s");
    expect((await progress()).progress.all).toBe("1");
    expect(await listOne(emu, o)).toMatchObject({ video_encoded_p: "1", video_length: "2.52" });
  });

  it("needs read permission; unknown photos and bad flags are refused in the envelope", async () => {
    const o = await upload(emu, media.mp4(), "a.mp4");
    const anon = await callJson(emu, "/api/photo/get-transcoding-progress", { photo_id: o.photo_id }, { creds: null });
    expect(anon).toMatchObject({ status: "error", code: "permission_denied" });
    expect(anon.message).toContain("(required level: 'read')");
    expect((await callJson(emu, "/api/photo/get-transcoding-progress", { photo_id: "1" }, { creds: CREDS.read })).code).toBe("no_such_photo");
    expect((await callJson(emu, "/api/photo/get-transcoding-progress", { photo_id: o.photo_id, percentage_formated_p: "yes" })).code).toBe("invalid_input");
  });

  it("XML answers carry the progress as elements", async () => {
    const o = await upload(emu, media.mp4(), "a.mp4");
    const xml = await (await call(emu, "/api/photo/get-transcoding-progress", { photo_id: o.photo_id })).text();
    expect(xml).toContain('<response status="ok"');
    expect(xml).toMatch(/<progress>[\s\S]*<all>0<\/all>[\s\S]*<\/progress>/);
  });
});

describe("thumbnails and /api/photo/frame", () => {
  let emu: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    emu = await start({ transcodeSeconds: 60 });
  });
  afterAll(() => emu.close());
  const get = (path: string) => fetch(emu.url + path);
  const decode = async (r: Response) => jpeg.decode(new Uint8Array(await r.arrayBuffer()), { formatAsRGBA: true });
  const frame = (params: Record<string, string>) => get("/api/photo/frame?" + new URLSearchParams(params));

  it("every thumbnail path of a video is a real JPEG of its box, while still transcoding", async () => {
    const o = await upload(emu, media.mp4(), "a.mp4");
    const p = await listOne(emu, o);
    expect(p.video_encoded_p).toBe("0");
    const boxes: Record<string, [number, number]> = {
      quad16: [16, 16],
      quad50: [50, 50],
      quad75: [75, 75],
      quad100: [100, 100],
      small: [200, 150],
      medium: [400, 300],
      portrait: [270, 360],
      standard: [600, 450],
      large: [1024, 768],
    };
    for (const [f, [w, h]] of Object.entries(boxes)) {
      expect(p[`${f}_download`]).toBe(`/1/${o.photo_id}/${o.token}/${f}`);
      const r = await get(p[`${f}_download`]);
      expect(r.status, f).toBe(200);
      expect(r.headers.get("content-type")).toBe("image/jpeg");
      const img = await decode(r);
      expect([img.width, img.height], f).toEqual([w, h]);
    }
    expect((await get(`/1/${o.photo_id}/${"x".repeat(32)}/small`)).status).toBe(404);
    expect((await get(`/1/${o.photo_id}/${o.token}/enormous`)).status).toBe(404);
  });

  it("a photo's thumbnail is the photo itself, scaled", async () => {
    const o = await upload(emu, fixture("photo.jpg"), "photo.jpg");
    const src = jpeg.decode(fixture("photo.jpg"), { formatAsRGBA: true });
    const thumb = await decode(await get(`/1/${o.photo_id}/${o.token}/standard`));
    // Compare mean colour of each quarter: scaling keeps them, a generated still would not.
    const mean = (img: { width: number; height: number; data: Uint8Array }, qx: number, qy: number) => {
      const s = [0, 0, 0];
      let n = 0;
      for (let y = Math.floor((qy * img.height) / 2); y < ((qy + 1) * img.height) / 2; y += 3)
        for (let x = Math.floor((qx * img.width) / 2); x < ((qx + 1) * img.width) / 2; x += 3, n++)
          for (let c = 0; c < 3; c++) s[c]! += img.data[(y * img.width + x) * 4 + c]!;
      return s.map((v) => v / n);
    };
    for (const [qx, qy] of [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ] as const)
      mean(thumb, qx, qy).forEach((v, c) => expect(Math.abs(v - mean(src, qx, qy)[c]!)).toBeLessThan(20));
  });

  it("frame by photo_id + token: any size, anonymous, different times give different frames", async () => {
    const o = await upload(emu, media.mp4(), "a.mp4");
    const r = await frame({ photo_id: o.photo_id, token: o.token, time: "0.5", size: "160x90" });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("image/jpeg");
    const a = Buffer.from(await r.arrayBuffer());
    expect([jpeg.decode(a).width, jpeg.decode(a).height]).toEqual([160, 90]);
    const b = Buffer.from(await (await frame({ photo_id: o.photo_id, token: o.token, time: "2.4", size: "160x90" })).arrayBuffer());
    expect(a.equals(b)).toBe(false);
    // Past the end (2.52 s) is the last frame.
    const end = Buffer.from(await (await frame({ photo_id: o.photo_id, token: o.token, time: "2.52", size: "160x90" })).arrayBuffer());
    const beyond = Buffer.from(await (await frame({ photo_id: o.photo_id, token: o.token, time: "30", size: "160x90" })).arrayBuffer());
    expect(beyond.equals(end)).toBe(true);
    expect(beyond.equals(b)).toBe(false);
    const dflt = await decode(await frame({ photo_id: o.photo_id, token: o.token, time: "1" }));
    expect([dflt.width, dflt.height]).toEqual([320, 180]); // the video's own size
  });

  it("frame by upload_token picks the file named by filename or resumableIdentifier", async () => {
    const token = await getToken(emu, { max_uploads: "2" });
    const made: Record<string, { photo_id: string; token: string }> = {};
    for (const [name, file] of [
      ["first.mp4", media.mp4()],
      ["second.webm", media.webm()],
    ] as const) {
      const j = await (await redeem(emu, token, file, { name, fields: { format: "json", raw: "1" } })).json();
      made[name] = j;
    }
    const bytes = async (r: Response) => {
      expect(r.status).toBe(200);
      return Buffer.from(await r.arrayBuffer());
    };
    const byName = await bytes(await frame({ upload_token: token, filename: "second.webm", time: "1", size: "64x36" }));
    const second = made["second.webm"]!;
    const direct = await bytes(await frame({ photo_id: second.photo_id, token: second.token, time: "1", size: "64x36" }));
    expect(byName.equals(direct)).toBe(true);
    const first = made["first.mp4"]!;
    const firstDirect = await bytes(await frame({ photo_id: first.photo_id, token: first.token, time: "1", size: "64x36" }));
    expect((await bytes(await frame({ upload_token: token, time: "1", size: "64x36" }))).equals(firstDirect)).toBe(true);
    expect(byName.equals(firstDirect)).toBe(false);
  });

  it("bad frame requests get the error envelope, not an image", async () => {
    const o = await upload(emu, media.mp4(), "a.mp4");
    const err = async (params: Record<string, string>) => {
      const r = await frame({ ...params, format: "json", raw: "1" });
      expect(r.headers.get("content-type")).toContain("application/json");
      return (await r.json()).code;
    };
    expect(await err({ photo_id: o.photo_id, token: o.token })).toBe("invalid_input"); // no time
    expect(await err({ photo_id: o.photo_id, token: o.token, time: "abc" })).toBe("invalid_input");
    expect(await err({ photo_id: o.photo_id, token: o.token, time: "-1" })).toBe("invalid_input");
    expect(await err({ photo_id: o.photo_id, token: o.token, time: "1", size: "99999x1" })).toBe("invalid_input");
    expect(await err({ photo_id: o.photo_id, token: o.token, time: "1", size: "big" })).toBe("invalid_input");
    expect(await err({ photo_id: o.photo_id, time: "1" })).toBe("token_required");
    expect(await err({ photo_id: o.photo_id, token: "x".repeat(32), time: "1" })).toBe("invalid_photo_token");
    expect(await err({ photo_id: "999", token: o.token, time: "1" })).toBe("no_such_photo");
    expect(await err({ upload_token: "f".repeat(40), time: "1" })).toBe("invalid_input");
    expect(await err({ upload_token: o.upload_token, filename: "nope.mp4", time: "1" })).toBe("no_such_photo");
  });
});

describe("the stallTranscoding fault", () => {
  let emu: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    emu = await start({ transcodeSeconds: 0 });
  });
  afterAll(() => emu.close());

  it("videos uploaded while it is on never finish transcoding; later ones do", async () => {
    await fetch(emu.url + "/_emulator/faults", { method: "POST", body: JSON.stringify({ stallTranscoding: true }) });
    const stuck = await upload(emu, media.mp4(), "a.mp4");
    await fetch(emu.url + "/_emulator/faults", { method: "DELETE" });
    const fine = await upload(emu, media.mp4(), "b.mp4");
    expect(await listOne(emu, stuck)).toMatchObject({ video_encoded_p: "0", video_length: "" });
    expect((await callJson(emu, "/api/photo/get-transcoding-progress", { photo_id: stuck.photo_id }, { creds: CREDS.read })).progress.all).toBe("0");
    expect(await listOne(emu, fine)).toMatchObject({ video_encoded_p: "1", video_length: "2.52" });
    const bad = await fetch(emu.url + "/_emulator/faults", { method: "POST", body: JSON.stringify({ stallTranscoding: "yes" }) });
    expect(bad.status).toBe(400);
  });
});
