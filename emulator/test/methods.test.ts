import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CREDS, callJson, fixture, getToken, objects, redeem, start } from "./helpers.ts";

async function upload(emu: Awaited<ReturnType<typeof start>>, params: Record<string, string> = {}) {
  const token = await getToken(emu, params);
  const r = await redeem(emu, token, fixture("clip.mp4"), { fields: { format: "json", raw: "1" } });
  const j = await r.json();
  return { ...j, upload_token: token } as { photo_id: string; token: string; tree_id: string; upload_token: string };
}

describe("photo/list, photo/update, photo/delete, album/list, site/get", () => {
  let emu: Awaited<ReturnType<typeof start>>;
  let pub: Awaited<ReturnType<typeof upload>>;
  let unpub: Awaited<ReturnType<typeof upload>>;
  beforeAll(async () => {
    emu = await start();
    pub = await upload(emu, { title: "Public", album_id: "1001", tags: "a b" });
    unpub = await upload(emu, { title: "Hidden", publish: "0", album_id: "1002" });
  });
  afterAll(() => emu.close());

  it("list shows published objects with string fields", async () => {
    const j = await callJson(emu, "/api/photo/list", {}, { creds: null });
    expect(j.status).toBe("ok");
    expect(j.total_count).toBe("1");
    const p = j.photos[0];
    expect(p).toMatchObject({
      photo_id: pub.photo_id,
      token: pub.token,
      tree_id: "1",
      title: "Public",
      tags: "a b",
      published_p: "1",
      album_id: "1001",
      video_p: "1",
      one: `/video/${pub.photo_id}`,
    });
    expect(p.original_download).toBe(`/1/${pub.photo_id}/${pub.token}/original`);
  });

  it("include_unpublished_p needs read", async () => {
    const anon = await callJson(emu, "/api/photo/list", { include_unpublished_p: "1" }, { creds: null });
    expect(anon.code).toBe("permission_denied");
    expect(anon.message).toContain("(required level: 'read')");
    const r = await callJson(emu, "/api/photo/list", { include_unpublished_p: "1" }, { creds: CREDS.read });
    expect(r.total_count).toBe("2");
  });

  it("photo_id + token returns the object whatever the level; wrong token is an error", async () => {
    const j = await callJson(emu, "/api/photo/list", { photo_id: unpub.photo_id, token: unpub.token }, { creds: null });
    expect(j.photos[0].title).toBe("Hidden");
    const bad = await callJson(emu, "/api/photo/list", { photo_id: unpub.photo_id, token: "x" }, { creds: null });
    expect(bad.code).toBe("invalid_photo_token");
    expect((await callJson(emu, "/api/photo/list", { photo_id: "1" }, { creds: null })).code).toBe("no_such_photo");
    expect((await callJson(emu, "/api/photo/list", { photo_id: unpub.photo_id }, { creds: null })).total_count).toBe("0");
  });

  it("filters by upload_token and album_id; unknown album → no_such_album", async () => {
    const byToken = await callJson(emu, "/api/photo/list", { upload_token: unpub.upload_token, include_unpublished_p: "1" });
    expect(byToken.photos.map((p: any) => p.photo_id)).toEqual([unpub.photo_id]);
    const byAlbum = await callJson(emu, "/api/photo/list", { album_id: "1001" });
    expect(byAlbum.photos.map((p: any) => p.photo_id)).toEqual([pub.photo_id]);
    expect((await callJson(emu, "/api/photo/list", { album_id: "42" })).code).toBe("no_such_album");
  });

  it("paging with p and size (max 100)", async () => {
    const p1 = await callJson(emu, "/api/photo/list", { include_unpublished_p: "1", size: "1", p: "1" });
    const p2 = await callJson(emu, "/api/photo/list", { include_unpublished_p: "1", size: "1", p: "2" });
    expect(p1.photos).toHaveLength(1);
    expect(p2.photos).toHaveLength(1);
    expect(p1.photos[0].photo_id).not.toBe(p2.photos[0].photo_id);
    expect(p1).toMatchObject({ p: "1", size: "1", total_count: "2" });
    expect((await callJson(emu, "/api/photo/list", { size: "101" })).code).toBe("invalid_input");
  });

  it("update changes fields with the same cleaning rules", async () => {
    const j = await callJson(emu, "/api/photo/update", {
      photo_id: unpub.photo_id,
      title: "<b>Now</b> public",
      published_p: "1",
      description: "<p>ok</p>",
      album_id: "1003",
      campaign: "c9",
    });
    expect(j.status).toBe("ok");
    const l = await callJson(emu, "/api/photo/list", { photo_id: unpub.photo_id, token: unpub.token });
    expect(l.photos[0]).toMatchObject({ title: "Now public", published_p: "1", content: "<p>ok</p>", album_id: "1003", campaign: "c9" });
    expect((await callJson(emu, "/api/photo/update", { photo_id: unpub.photo_id, published_p: "3" })).code).toBe("invalid_input");
    expect((await callJson(emu, "/api/photo/update", { photo_id: unpub.photo_id, album_id: "9" })).code).toBe("invalid_album");
    expect((await callJson(emu, "/api/photo/update", { photo_id: "123" })).code).toBe("no_such_photo");
  });

  it("delete removes the object and its file", async () => {
    const x = await upload(emu);
    expect((await callJson(emu, "/api/photo/delete", { photo_id: x.photo_id })).status).toBe("ok");
    expect((await objects(emu)).some((o) => o.photo_id === x.photo_id)).toBe(false);
    expect((await fetch(`${emu.url}/1/${x.photo_id}/${x.token}/original`)).status).toBe(404);
    expect((await callJson(emu, "/api/photo/delete", { photo_id: x.photo_id })).code).toBe("no_such_photo");
  });

  it("album/list returns the seeded albums", async () => {
    const j = await callJson(emu, "/api/album/list", {}, { creds: null });
    expect(j.total_count).toBe("3");
    expect(j.albums.map((a: any) => [a.album_id, a.title])).toEqual([
      ["1001", "Testimonials"],
      ["1002", "Team media"],
      ["1003", "Events"],
    ]);
  });

  it("site/get describes the site", async () => {
    const j = await callJson(emu, "/api/site/get");
    expect(j.site).toMatchObject({ domain: emu.domain, site_id: "1", site_name: "Emulated TwentyThree" });
  });
});

describe("state survives a restart", () => {
  it("token and objects are still there", async () => {
    const a = await start({ keepDir: true });
    const token = await getToken(a, { max_uploads: "2" });
    const obj = await upload(a);
    await a.close();
    const b = await start({ dataDir: a.dataDir });
    try {
      expect((await callJson(b, "/api/photo/list", { photo_id: obj.photo_id, token: obj.token })).photos[0].photo_id).toBe(obj.photo_id);
      expect((await fetch(`${b.url}/1/${obj.photo_id}/${obj.token}/original`)).status).toBe(200);
      expect((await (await redeem(b, token, fixture("clip.mp4"))).text()).trim()).toBe("ok");
    } finally {
      await b.close();
    }
  });
});
