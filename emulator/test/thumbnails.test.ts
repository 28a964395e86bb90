// Thumbnails and /api/photo/frame: every thumbnail path is a real JPEG of its box (a video's
// while it still transcodes, a photo's scaled from the photo), frames by photo or upload token.
import jpeg from "jpeg-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, getToken, listOne, redeem, start, uploadOne } from "./helpers.ts";
import * as media from "./media-files.ts";

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
    const o = await uploadOne(emu, media.mp4(), "a.mp4");
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
    const o = await uploadOne(emu, fixture("photo.jpg"), "photo.jpg");
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
    const o = await uploadOne(emu, media.mp4(), "a.mp4");
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
    const o = await uploadOne(emu, media.mp4(), "a.mp4");
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
