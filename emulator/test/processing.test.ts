// What the emulator reads from an uploaded container (length, size, dimensions), how transcoding
// progresses over time, and the stallTranscoding fault. Thumbnails and frames: thumbnails.test.ts.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CREDS, callJson, call, fixture, listOne, start, uploadOne } from "./helpers.ts";
import * as media from "./media-files.ts";

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
    const p = await listOne(emu, await uploadOne(emu, file(), name));
    expect(p).toMatchObject({ video_p: "1", video_encoded_p: "1", video_length: length, original_width: "320", original_height: "180" });
  });

  it("a MediaRecorder-style WebM without Duration has an unknown (empty) length, and still uploads", async () => {
    const p = await listOne(emu, await uploadOne(emu, media.liveWebm(), "live.webm"));
    expect(p).toMatchObject({ video_p: "1", video_encoded_p: "1", video_length: "", original_width: "320" });
  });

  it("Chromium's MediaRecorder WebM (unknown-size clusters): unknown length as recorded, 2 s once fix-webm-duration ran", async () => {
    const own = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "fixtures", name));
    expect(await listOne(emu, await uploadOne(emu, own("mediarecorder.webm"), "take.webm"))).toMatchObject({
      video_p: "1",
      video_length: "",
      original_width: "160",
      original_height: "90",
    });
    expect(await listOne(emu, await uploadOne(emu, own("mediarecorder-fixed.webm"), "take.webm"))).toMatchObject({
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
    const p = await listOne(emu, await uploadOne(emu, file(), name));
    expect(p).toMatchObject({ video_p: "1", video_length: "" });
    expect((await callJson(emu, "/api/site/get")).status).toBe("ok");
  });

  it("a photo: not a video, length 0, its own dimensions", async () => {
    const p = await listOne(emu, await uploadOne(emu, fixture("photo.jpg"), "photo.jpg"));
    expect(p).toMatchObject({ video_p: "0", video_encoded_p: "0", video_length: "0", original_width: "640", original_height: "480" });
    const progress = await callJson(emu, "/api/photo/get-transcoding-progress", { photo_id: p.photo_id }, { creds: CREDS.read });
    expect(progress.progress).toEqual({ all: "1" }); // nothing to transcode
    const png = await listOne(emu, await uploadOne(emu, media.png(), "still.png"));
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
    const o = await uploadOne(emu, media.mp4(), "a.mp4");
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
    const o = await uploadOne(emu, media.mp4(), "a.mp4");
    const anon = await callJson(emu, "/api/photo/get-transcoding-progress", { photo_id: o.photo_id }, { creds: null });
    expect(anon).toMatchObject({ status: "error", code: "permission_denied" });
    expect(anon.message).toContain("(required level: 'read')");
    expect((await callJson(emu, "/api/photo/get-transcoding-progress", { photo_id: "1" }, { creds: CREDS.read })).code).toBe("no_such_photo");
    expect((await callJson(emu, "/api/photo/get-transcoding-progress", { photo_id: o.photo_id, percentage_formated_p: "yes" })).code).toBe("invalid_input");
  });

  it("XML answers carry the progress as elements", async () => {
    const o = await uploadOne(emu, media.mp4(), "a.mp4");
    const xml = await (await call(emu, "/api/photo/get-transcoding-progress", { photo_id: o.photo_id })).text();
    expect(xml).toContain('<response status="ok"');
    expect(xml).toMatch(/<progress>[\s\S]*<all>0<\/all>[\s\S]*<\/progress>/);
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
    const stuck = await uploadOne(emu, media.mp4(), "a.mp4");
    await fetch(emu.url + "/_emulator/faults", { method: "DELETE" });
    const fine = await uploadOne(emu, media.mp4(), "b.mp4");
    expect(await listOne(emu, stuck)).toMatchObject({ video_encoded_p: "0", video_length: "" });
    expect((await callJson(emu, "/api/photo/get-transcoding-progress", { photo_id: stuck.photo_id }, { creds: CREDS.read })).progress.all).toBe("0");
    expect(await listOne(emu, fine)).toMatchObject({ video_encoded_p: "1", video_length: "2.52" });
    const bad = await fetch(emu.url + "/_emulator/faults", { method: "POST", body: JSON.stringify({ stallTranscoding: "yes" }) });
    expect(bad.status).toBe(400);
  });
});
