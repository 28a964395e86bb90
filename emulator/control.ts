import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Emu } from "./context.ts";
import type { ObjectRow } from "./store.ts";
import { readBody, sendJson } from "./http-util.ts";
import { isEncoded, progress, seconds } from "./processing.ts";

// API calls received per path since start (or the last DELETE), so tests can prove how many
// outbound calls the portal really made (e.g. health checks that must be cached).
const apiCalls = new WeakMap<Emu, Map<string, number>>();
export function countApiCall(emu: Emu, pathname: string): void {
  const counts = apiCalls.get(emu) ?? new Map<string, number>();
  apiCalls.set(emu, counts);
  const key = pathname.replace(/\/+$/, "");
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** /_emulator/*: test hooks, deliberately outside /api/ so faults never hit them. */
export async function handleControl(emu: Emu, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const p = url.pathname.replace(/\/+$/, "");
  if (p === "/_emulator/faults") {
    if (req.method === "GET") return sendJson(res, 200, emu.faults.current);
    if (req.method === "DELETE") {
      emu.faults.reset();
      return sendJson(res, 200, emu.faults.current);
    }
    if (req.method === "POST") {
      let body: unknown;
      try {
        body = JSON.parse((await readBody(req)) || "{}");
      } catch {
        return sendJson(res, 400, { error: "body must be JSON" });
      }
      const err = emu.faults.merge(body);
      return err ? sendJson(res, 400, { error: err }) : sendJson(res, 200, emu.faults.current);
    }
  }
  if (p === "/_emulator/objects" && req.method === "GET") {
    const rows = emu.db.prepare("SELECT * FROM objects ORDER BY photo_id").all() as ObjectRow[];
    const sections = emu.db.prepare(
      "SELECT CAST(section_id AS TEXT) AS section_id, start_time, title, description FROM sections WHERE photo_id = ? ORDER BY start_time, section_id",
    );
    return sendJson(
      res,
      200,
      rows.map((o) => ({
        photo_id: String(o.photo_id),
        tree_id: o.tree_id,
        token: o.token,
        upload_token: o.upload_token,
        title: o.title,
        description: o.description,
        size: o.size,
        published_p: String(o.published),
        content_type: o.content_type,
        file_exists: fs.existsSync(o.file_path),
        video_p: String(o.video_p),
        video_encoded_p: o.video_p && isEncoded(emu, o) ? "1" : "0",
        progress: seconds(progress(emu, o).all!),
        video_length: o.video_length === null ? null : seconds(o.video_length),
        width: o.width,
        height: o.height,
        resumable_id: o.resumable_id,
        replaced_count: o.replaced_count,
        variables: JSON.parse(o.variables) as Record<string, string>,
        sections: sections.all(o.photo_id),
      })),
    );
  }
  if (p === "/_emulator/pingbacks" && req.method === "GET") return sendJson(res, 200, emu.pingbackLog);
  if (p === "/_emulator/pingbacks" && req.method === "DELETE") {
    emu.pingbackLog.length = 0;
    return sendJson(res, 200, []);
  }
  if (p === "/_emulator/callbacks" && req.method === "GET") return sendJson(res, 200, emu.callbackLog);
  if (p === "/_emulator/callbacks" && req.method === "DELETE") {
    emu.callbackLog.length = 0;
    return sendJson(res, 200, []);
  }
  if (p === "/_emulator/requests" && req.method === "GET") return sendJson(res, 200, Object.fromEntries(apiCalls.get(emu) ?? []));
  if (p === "/_emulator/requests" && req.method === "DELETE") {
    apiCalls.delete(emu);
    return sendJson(res, 200, {});
  }
  sendJson(res, 404, { error: "unknown control endpoint" });
}
