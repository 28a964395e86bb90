import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Emu } from "./context.ts";
import { getObject, type ObjectRow } from "./store.ts";
import { escapeHtml, send, sendHtml, sendText } from "./http-util.ts";
import { thumbnail } from "./stills.ts";
import { isEncoded, progress, seconds } from "./processing.ts";

function processingState(emu: Emu, o: ObjectRow): string {
  if (!o.video_p) return "–";
  return isEncoded(emu, o) ? "ready" : `transcoding ${Math.floor(progress(emu, o).all! * 100)}%`;
}

const originalPath = (o: ObjectRow) => `/${o.tree_id}/${o.photo_id}/${o.token}/original`;

function fmtSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

const layout = (title: string, body: string) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse}
td,th{padding:.3rem .7rem;border-bottom:1px solid #ddd;text-align:left}video,img{max-width:100%}</style>
</head><body>${body}</body></html>`;

export function indexPage(emu: Emu, res: ServerResponse): void {
  const rows = emu.db.prepare("SELECT * FROM objects ORDER BY photo_id DESC LIMIT 500").all() as ObjectRow[];
  const tr = rows
    .map(
      (
        o,
      ) => `<tr><td><a href="/v.ihtml/player.html?token=${o.token}&amp;source=embed&amp;photo_id=${o.photo_id}">${escapeHtml(o.title || "(untitled)")}</a></td>
<td>${o.photo_id}</td><td>${o.video_p ? "video" : "photo"}</td><td>${fmtSize(o.size)}</td>
<td>${o.video_length === null ? "–" : `${seconds(o.video_length)} s`}</td><td>${processingState(emu, o)}</td>
<td>${o.published ? "published" : "unpublished"}</td><td>${new Date(o.created_at * 1000).toISOString()}</td></tr>`,
    )
    .join("\n");
  sendHtml(
    res,
    200,
    layout(
      "Emulated TwentyThree",
      `<h1>Emulated TwentyThree</h1>
<p>Site domain <code>${escapeHtml(emu.domain)}</code>. ${rows.length} upload(s).</p>
<table><thead><tr><th>Title</th><th>Photo id</th><th>Kind</th><th>Size</th><th>Length</th><th>Processing</th><th>Status</th><th>Uploaded</th></tr></thead>
<tbody>${tr || '<tr><td colspan="8">No uploads yet.</td></tr>'}</tbody></table>`,
    ),
  );
}

export function playerPage(emu: Emu, res: ServerResponse, url: URL): void {
  const o = getObject(emu.db, url.searchParams.get("photo_id") ?? "");
  if (!o || o.token !== url.searchParams.get("token")) return sendHtml(res, 404, layout("Not found", "<p>This video does not exist.</p>"));
  const src = escapeHtml(originalPath(o));
  // The player's `start` (seconds) and `autoPlay`, as on TwentyThree: a media fragment seeks the video.
  const start = Number(url.searchParams.get("start"));
  const at = Number.isFinite(start) && start > 0 ? `#t=${start}` : "";
  const autoplay = url.searchParams.get("autoPlay") === "1" ? " autoplay muted" : "";
  const media = o.video_p
    ? `<video controls playsinline preload="metadata"${autoplay} src="${src}${at}" type="${escapeHtml(o.content_type)}"></video>`
    : `<img src="${src}" alt="${escapeHtml(o.title)}">`;
  sendHtml(res, 200, layout(o.title || "Player", `<h1>${escapeHtml(o.title)}</h1>${media}`));
}

/** /<tree_id>/<photo_id>/<token>/original, with single-range support so <video> can seek. */
export function serveOriginal(emu: Emu, req: IncomingMessage, res: ServerResponse, m: RegExpMatchArray): void {
  const o = getObject(emu.db, m[2]!);
  if (!o || o.tree_id !== m[1] || o.token !== m[3] || !fs.existsSync(o.file_path)) return sendText(res, 404, "Not found");
  const size = fs.statSync(o.file_path).size;
  const headers: Record<string, string> = { "Content-Type": o.content_type, "Accept-Ranges": "bytes" };
  const range = /^bytes=(\d*)-(\d*)$/.exec(String(req.headers.range ?? ""));
  let start = 0;
  let end = size - 1;
  let status = 200;
  if (range && (range[1] || range[2])) {
    if (range[1]) {
      start = Number(range[1]);
      if (range[2]) end = Math.min(Number(range[2]), size - 1);
    } else start = Math.max(0, size - Number(range[2]));
    if (start > end || start >= size) {
      res.writeHead(416, { "Content-Range": `bytes */${size}` });
      return void res.end();
    }
    status = 206;
    headers["Content-Range"] = `bytes ${start}-${end}/${size}`;
  }
  headers["Content-Length"] = String(end - start + 1);
  res.writeHead(status, headers);
  if (req.method === "HEAD") return void res.end();
  fs.createReadStream(o.file_path, { start, end }).pipe(res);
}

/** /<tree_id>/<photo_id>/<token>/<format>: thumbnail formats as real JPEGs, made on request. */
export function serveThumbnail(emu: Emu, res: ServerResponse, m: RegExpMatchArray): void {
  const o = getObject(emu.db, m[2]!);
  const img = o && o.tree_id === m[1] && o.token === m[3] ? thumbnail(emu.dataDir, o, m[4]!) : null;
  if (!img) return sendText(res, 404, "Not found");
  send(res, 200, "image/jpeg", img, { "Cache-Control": "no-cache" });
}
