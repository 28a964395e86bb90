import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { callJson, fixture, getToken, redeem, start } from "./helpers.ts";

describe("a data dir from before §7", () => {
  it("opens with the new columns added, and its old objects still list", async () => {
    const first = await start({ keepDir: true, transcodeSeconds: 0 });
    const j = await (await redeem(first, await getToken(first), fixture("clip.mp4"), { fields: { format: "json", raw: "1" } })).json();
    await first.close();
    // Take the data dir back to the old schema: none of the columns and tables §7 added.
    const db = new Database(path.join(first.dataDir, "emulator.sqlite"));
    for (const c of ["video_length", "width", "height", "transcode_started_at", "encoded_notified", "resumable_id", "replaced_count"])
      db.exec(`ALTER TABLE objects DROP COLUMN ${c}`);
    for (const c of ["kind", "photo_id"]) db.exec(`ALTER TABLE upload_tokens DROP COLUMN ${c}`);
    db.exec("DROP TABLE sections; DROP TABLE token_file_meta");
    db.close();

    const again = await start({ dataDir: first.dataDir, transcodeSeconds: 0 });
    try {
      const p = (await callJson(again, "/api/photo/list", { photo_id: j.photo_id, token: j.token })).photos[0];
      // Old objects count as encoded; their length was never read, so it is unknown.
      expect(p).toMatchObject({ photo_id: j.photo_id, video_p: "1", video_encoded_p: "1", video_length: "" });
      const s = await callJson(again, "/api/photo/section/create", { photo_id: j.photo_id, start_time: "1", title: "t", description: "d" });
      expect(s.status).toBe("ok");
      expect((await redeem(again, await getToken(again), fixture("clip.webm"), { name: "c.webm" })).status).toBe(200);
    } finally {
      await again.close();
    }
  });
});
