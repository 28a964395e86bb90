import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { emptyDir, fixture, getToken, objects, redeem, someFileIn, start, until } from "./helpers.ts";

function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? allFiles(path.join(dir, d.name)) : [path.join(dir, d.name)]));
}

it.each(["token first", "file first"])("50 concurrent redeems on max_uploads=10 (%s) → exactly 10 objects, 40 clear errors, no leftovers", async (order) => {
  const emu = await start();
  try {
    const token = await getToken(emu, { max_uploads: "10" });
    const file = fixture("clip.mp4");
    const send = () => {
      if (order === "token first") return redeem(emu, token, file);
      const fd = new FormData();
      fd.append("file", new Blob([new Uint8Array(file)]), "clip.mp4");
      fd.append("upload_token", token);
      return fetch(emu.url + "/api/photo/redeem-upload-token", { method: "POST", body: fd });
    };
    const results = await Promise.all(Array.from({ length: 50 }, () => send().then(async (r) => ({ status: r.status, text: (await r.text()).trim() }))));
    const ok = results.filter((r) => r.status === 200 && r.text === "ok");
    const bad = results.filter((r) => r.status === 400);
    expect(ok).toHaveLength(10);
    expect(bad).toHaveLength(40);
    for (const b of bad) expect(b.text).toBe("The upload token has already been used");
    const objs = (await objects(emu)).filter((o) => o.upload_token === token);
    expect(objs).toHaveLength(10);
    expect(objs.every((o) => o.file_exists && o.size === file.length)).toBe(true);
    expect(fs.readdirSync(path.join(emu.dataDir, "tmp"))).toEqual([]);
    const stored = allFiles(path.join(emu.dataDir, "files"));
    expect(stored).toHaveLength(10);
    for (const f of stored) expect(fs.statSync(f).size).toBe(file.length);
  } finally {
    await emu.close();
  }
});

it("a client that aborts mid-upload leaves no temp file and gives the use back", async () => {
  const emu = await start();
  try {
    const token = await getToken(emu);
    const ac = new AbortController();
    const big = Buffer.concat([fixture("clip.mp4"), Buffer.alloc(20 * 1024 * 1024)]);
    await fetch(emu.url + "/_emulator/faults", { method: "POST", body: JSON.stringify({ slowUploadBytesPerSec: 1_000_000 }) });
    const fd = new FormData();
    fd.append("upload_token", token);
    fd.append("file", new Blob([big]), "big.mp4");
    const p = fetch(emu.url + "/api/photo/redeem-upload-token", { method: "POST", body: fd, signal: ac.signal }).catch(() => null);
    const tmp = path.join(emu.dataDir, "tmp");
    await until(() => someFileIn(tmp), "the upload to start streaming into a temp file");
    ac.abort();
    await p;
    await fetch(emu.url + "/_emulator/faults", { method: "DELETE" });
    await until(() => emptyDir(tmp), "the aborted upload's temp file to be removed");
    expect(fs.readdirSync(tmp)).toEqual([]);
    expect((await (await redeem(emu, token, fixture("clip.mp4"))).text()).trim()).toBe("ok");
  } finally {
    await emu.close();
  }
});
