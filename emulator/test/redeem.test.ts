import http from "node:http";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, callJson, filesIn, fixture, getToken, objects, redeem, start } from "./helpers.ts";

const RETURN = "http://localhost:3000/api/callback/twentythree?link=abc";

describe("redeem-upload-token", () => {
  let emu: Awaited<ReturnType<typeof start>>;
  let cb: http.Server;
  let cbUrl = "";
  const received: { method: string; url: string; body: string }[] = [];
  beforeAll(async () => {
    emu = await start();
    cb = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push({ method: req.method!, url: req.url!, body });
        res.end("thanks");
      });
    });
    await new Promise<void>((r) => cb.listen(0, "127.0.0.1", r));
    cbUrl = `http://127.0.0.1:${(cb.address() as { port: number }).port}/bg?x=1`;
  });
  afterAll(async () => {
    await emu.close();
    await new Promise((r) => cb.close(r));
  });

  it("301 to return_url with parameters in the documented order, extras repeated", async () => {
    const token = await getToken(emu, { return_url: RETURN, title: "Hi", customer_id: "C1", ref: "r 1", domain: "evil" });
    const r = await redeem(emu, token, fixture("clip.mp4"), { fields: { note: "from form" } });
    expect(r.status).toBe(301);
    const loc = r.headers.get("location")!;
    const u = new URL(loc);
    expect(loc.startsWith(RETURN + "&domain=")).toBe(true);
    expect([...u.searchParams.keys()]).toEqual(["link", "domain", "upload_token", "photo_id", "tree_id", "token", "ref", "note"]);
    expect(u.searchParams.get("domain")).toBe(emu.domain);
    expect(u.searchParams.get("upload_token")).toBe(token);
    expect(u.searchParams.get("photo_id")).toMatch(/^\d+$/);
    expect(u.searchParams.get("token")).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(loc).toContain("ref=r+1"); // form encoding
    const list = await callJson(emu, "/api/photo/list", { photo_id: u.searchParams.get("photo_id")!, token: u.searchParams.get("token")! });
    expect(list.photos[0]).toMatchObject({ title: "Hi", customer_id: "C1", video_p: "1" });
  });

  it("callback URL over 1500 chars → 200 page auto-submitting a POST", async () => {
    const long = "x".repeat(1500);
    const token = await getToken(emu, { return_url: RETURN, long });
    const r = await redeem(emu, token, fixture("clip.webm"), { name: "clip.webm" });
    expect(r.status).toBe(200);
    const html = await r.text();
    expect(html).toContain('method="POST"');
    expect(html).toContain(`action="${RETURN.replace(/&/g, "&amp;")}"`);
    expect(html).toMatch(/<button type="submit">/);
    expect(html).toContain('name="photo_id"');
    expect(html).toContain(`value="${long}"`);
  });

  it("background_return_p=1 calls return_url itself and answers plain text", async () => {
    const token = await getToken(emu, { return_url: cbUrl, background_return_p: "1", extra: "e" });
    const r = await redeem(emu, token, fixture("photo.jpg"), { name: "photo.jpg" });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/text\/plain/);
    const text = (await r.text()).trim();
    const m = /^ok (\S+) (\d+) (\d+) ([A-Za-z0-9]{32}) (\S+)$/.exec(text);
    expect(m, text).not.toBeNull();
    expect(m![1]).toBe(emu.domain);
    const hit = received.find((x) => x.url.includes(token))!;
    expect(hit.method).toBe("GET");
    expect(hit.url).toContain("/bg?x=1&domain=");
    expect(hit.url).toContain(`photo_id=${m![3]}`);
    expect(hit.url).toContain("extra=e");
    const log = await (await fetch(emu.url + "/_emulator/callbacks")).json();
    expect(log.some((l: any) => l.url.includes(token) && l.status === 200 && l.method === "GET")).toBe(true);
  });

  it("background callback over 1500 chars is a POST; errors answer `error <message>`", async () => {
    const token = await getToken(emu, { return_url: cbUrl, background_return_p: "1", long: "y".repeat(1600) });
    const r = await redeem(emu, token, fixture("not-a-video.txt"), { name: "x.txt" });
    expect((await r.text()).trim()).toBe("error The file type isn't supported");
    const hit = received.find((x) => x.body.includes(token))!;
    expect(hit.method).toBe("POST");
    expect(new URLSearchParams(hit.body).get("error_message")).toBe("The file type isn't supported");
  });

  it("unsupported file type → error_message in the callback, nothing stored, use not consumed", async () => {
    const token = await getToken(emu, { return_url: RETURN });
    const before = (await objects(emu)).length;
    const r = await redeem(emu, token, fixture("not-a-video.txt"), { name: "movie.mp4" });
    expect(r.status).toBe(301);
    const u = new URL(r.headers.get("location")!);
    expect([...u.searchParams.keys()]).toEqual(["link", "domain", "upload_token", "error_message"]);
    expect(u.searchParams.get("error_message")).toBe("The file type isn't supported");
    expect((await objects(emu)).length).toBe(before);
    expect((await redeem(emu, token, fixture("clip.mp4"))).status).toBe(301);
  });

  it("no file → no_file error in the callback", async () => {
    const token = await getToken(emu, { return_url: RETURN });
    const r = await redeem(emu, token, null);
    expect(new URL(r.headers.get("location")!).searchParams.get("error_message")).toBe("No file was uploaded");
  });

  it("no return_url → plain 200 ok, or JSON with format=json&raw", async () => {
    const t1 = await getToken(emu);
    const r1 = await redeem(emu, t1, fixture("clip.mp4"));
    expect(r1.status).toBe(200);
    expect((await r1.text()).trim()).toBe("ok");
    const t2 = await getToken(emu);
    const r2 = await redeem(emu, t2, fixture("clip.mp4"), { fields: { format: "json", raw: "1" } });
    const j = await r2.json();
    expect(j).toMatchObject({ status: "ok", tree_id: "1" });
    expect(j.photo_id).toMatch(/^\d+$/);
    expect(j.token).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  it("invalid, consumed and expired tokens → plain-text 400, one line", async () => {
    const bad = await redeem(emu, "0".repeat(40), fixture("clip.mp4"));
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toMatch(/text\/plain/);
    expect((await bad.text()).trim().split("\n")).toHaveLength(1);
    const token = await getToken(emu, { return_url: RETURN });
    expect((await redeem(emu, token, fixture("clip.mp4"))).status).toBe(301);
    const again = await redeem(emu, token, fixture("clip.mp4"));
    expect(again.status).toBe(400);
    expect((await again.text()).trim()).toBe("The upload token has already been used");
    const noToken = await redeem(emu, "", fixture("clip.mp4"));
    expect(noToken.status).toBe(400);
  });

  it("file sent before upload_token still works (use taken after the body)", async () => {
    const token = await getToken(emu);
    const fd = new FormData();
    fd.append("file", new Blob([fixture("clip.mp4")]), "clip.mp4");
    fd.append("upload_token", token);
    const r = await fetch(emu.url + "/api/photo/redeem-upload-token", { method: "POST", body: fd });
    expect((await r.text()).trim()).toBe("ok");
    expect(filesIn(path.join(emu.dataDir, "tmp"))).toEqual([]);
  });

  it("plain curl -F upload completes the documented flow", async () => {
    const token = await getToken(emu, { return_url: RETURN });
    const { stdout } = await promisify(execFile)("curl", [
      "-s",
      "-o",
      "/dev/null",
      "-w",
      "%{http_code} %{redirect_url}",
      "-F",
      `upload_token=${token}`,
      "-F",
      `file=@${path.join(FIXTURES, "clip.mp4")}`,
      emu.url + "/api/photo/redeem-upload-token",
    ]);
    const [code, loc] = stdout.split(" ");
    expect(code).toBe("301");
    expect(new URL(loc!).searchParams.get("upload_token")).toBe(token);
  });

  it("expired token (valid_minutes=15, clock moved on) → 400", async () => {
    let offset = 0;
    const e2 = await start({ now: () => Date.now() + offset });
    try {
      const token = await getToken(e2, { valid_minutes: "15" });
      offset = 16 * 60 * 1000;
      const r = await redeem(e2, token, fixture("clip.mp4"));
      expect(r.status).toBe(400);
      expect((await r.text()).trim()).toBe("The upload token has expired");
    } finally {
      await e2.close();
    }
  });

  it("objects are viewable: player page, original file with Range", async () => {
    const token = await getToken(emu, { return_url: RETURN, title: "Viewable" });
    const loc = new URL((await redeem(emu, token, fixture("clip.mp4"))).headers.get("location")!);
    const [pid, tree, tok] = ["photo_id", "tree_id", "token"].map((k) => loc.searchParams.get(k)!);
    const player = await fetch(`${emu.url}/v.ihtml/player.html?token=${tok}&source=embed&photo_id=${pid}`);
    expect(player.status).toBe(200);
    expect(await player.text()).toContain(`<video`);
    const orig = await fetch(`${emu.url}/${tree}/${pid}/${tok}/original`);
    expect(Buffer.from(await orig.arrayBuffer()).equals(fixture("clip.mp4"))).toBe(true);
    const part = await fetch(`${emu.url}/${tree}/${pid}/${tok}/original`, { headers: { Range: "bytes=0-9" } });
    expect(part.status).toBe(206);
    expect((await part.arrayBuffer()).byteLength).toBe(10);
    expect((await fetch(`${emu.url}/${tree}/${pid}/wrongtoken/original`)).status).toBe(404);
    expect(await (await fetch(emu.url + "/")).text()).toContain("Viewable");
  });
});
