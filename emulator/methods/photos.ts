import fs from "node:fs";
import { ApiError, type ApiCtx, type Method } from "../context.ts";
import { levelAtLeast } from "../oauth.ts";
import { albumIds, customVariableKeys, getObject, type ObjectRow } from "../store.ts";
import { cleanDescription, cleanTitle } from "../sanitize.ts";
import { albumParam, boolParam, intParam } from "./validate.ts";
import type { Emu } from "../context.ts";
import { isEncoded, seconds } from "../processing.ts";
import { dropThumbnails, THUMBNAILS } from "../stills.ts";
import { pingback } from "../pingback.ts";

/** Processing facts (§7): the length is only known once transcoding has ended; "" = unknown. */
function mediaFields(emu: Emu, o: ObjectRow): Record<string, string> {
  const encoded = isEncoded(emu, o);
  const thumbs = Object.fromEntries(Object.keys(THUMBNAILS).map((f) => [`${f}_download`, `/${o.tree_id}/${o.photo_id}/${o.token}/${f}`]));
  return {
    video_encoded_p: o.video_p && encoded ? "1" : "0",
    video_length: !o.video_p ? "0" : encoded && o.video_length !== null ? seconds(o.video_length) : "",
    original_width: String(o.width),
    original_height: String(o.height),
    ...thumbs,
  };
}

export function photoFields(emu: Emu, o: ObjectRow): Record<string, string> {
  const kind = o.video_p ? "video" : "photo";
  const date = new Date(o.created_at * 1000).toISOString().replace("T", " ").slice(0, 19);
  return {
    photo_id: String(o.photo_id),
    token: o.token,
    tree_id: o.tree_id,
    title: o.title,
    content: o.description,
    content_text: o.description.replace(/<[^>]*>/g, ""),
    tags: o.tags,
    published_p: String(o.published),
    album_id: o.album_id,
    user_id: o.user_id,
    upload_token: o.upload_token,
    absolute_url: o.absolute_url,
    one: `/${kind}/${o.photo_id}`,
    video_p: String(o.video_p),
    ...mediaFields(emu, o),
    original_download: `/${o.tree_id}/${o.photo_id}/${o.token}/original`,
    original_size: String(o.size),
    original_content_type: o.content_type,
    original_filename: o.file_name,
    creation_date_ansi: date,
    publish_date_ansi: o.published ? date : "",
    ...(JSON.parse(o.variables) as Record<string, string>),
  };
}

export function mustGet(ctx: ApiCtx): ObjectRow {
  const id = ctx.params.get("photo_id");
  if (!id) throw new ApiError("invalid_input", "photo_id is required");
  const o = getObject(ctx.emu.db, id);
  if (!o) throw new ApiError("no_such_photo", `Photo ${id} does not exist`);
  return o;
}

const list: Method = {
  level: "anonymous",
  run(ctx) {
    const p = ctx.params;
    const page = intParam(ctx, "p", 1, 1, 1_000_000);
    const size = intParam(ctx, "size", 20, 1, 100);
    const canSeeUnpublished = levelAtLeast(ctx.level, "read");
    const wantUnpublished = boolParam(ctx, "include_unpublished_p", 0) === 1;
    if (wantUnpublished && !canSeeUnpublished)
      throw new ApiError("permission_denied", "include_unpublished_p requires a higher permission level (required level: 'read')");

    const where: string[] = [];
    const args: (string | number)[] = [];
    const photoId = p.get("photo_id");
    const token = p.get("token");
    if (photoId) {
      const o = getObject(ctx.emu.db, photoId);
      if (!o) throw new ApiError("no_such_photo", `Photo ${photoId} does not exist`);
      if (token !== undefined && token !== o.token) throw new ApiError("invalid_photo_token", "The token does not match the photo");
      // A correct photo_id + token pair returns the object whatever the permission level.
      if (token !== undefined) return { fields: { total_count: 1, photos: [photoFields(ctx.emu, o)] }, p: 1, size: 1 };
      where.push("photo_id = ?");
      args.push(o.photo_id);
    } else if (token !== undefined) throw new ApiError("invalid_input", "token needs a photo_id");
    const ut = p.get("upload_token");
    if (ut) {
      where.push("upload_token = ?");
      args.push(ut);
    }
    const album = p.get("album_id");
    if (album) {
      if (!albumIds(ctx.emu.db).has(album)) throw new ApiError("no_such_album", `Album ${album} does not exist`);
      where.push("(',' || album_id || ',') LIKE ?");
      args.push(`%,${album},%`);
    }
    if (!wantUnpublished) where.push("published = 1");
    const w = where.length ? "WHERE " + where.join(" AND ") : "";
    const db = ctx.emu.db;
    const total = (db.prepare(`SELECT COUNT(*) AS n FROM objects ${w}`).get(...args) as { n: number }).n;
    const rows = db.prepare(`SELECT * FROM objects ${w} ORDER BY photo_id DESC LIMIT ? OFFSET ?`).all(...args, size, (page - 1) * size) as ObjectRow[];
    return { fields: { total_count: total, photos: rows.map((o) => photoFields(ctx.emu, o)) }, p: page, size: rows.length };
  },
};

const update: Method = {
  level: "write",
  run(ctx) {
    const o = mustGet(ctx);
    const p = ctx.params;
    const next = { ...o };
    if (p.has("title")) next.title = cleanTitle(p.get("title")!);
    if (p.has("description")) next.description = cleanDescription(p.get("description")!);
    if (p.has("tags")) next.tags = p.get("tags")!.trim();
    if (p.has("album_id")) next.album_id = albumParam(ctx) ?? "";
    if (p.has("published_p")) next.published = boolParam(ctx, "published_p", 1);
    const vars = JSON.parse(o.variables) as Record<string, string>;
    for (const k of customVariableKeys(ctx.emu.db)) if (p.has(k)) vars[k] = p.get(k)!;
    next.variables = JSON.stringify(vars);
    ctx.emu.db
      .prepare(
        "UPDATE objects SET title=@title, description=@description, tags=@tags, album_id=@album_id, published=@published, variables=@variables WHERE photo_id=@photo_id",
      )
      .run(next);
    pingback(ctx.emu, o.photo_id, "updated");
    return { message: "The photo was updated", fields: { photo: photoFields(ctx.emu, next) } };
  },
};

const del: Method = {
  level: "write",
  run(ctx) {
    const o = mustGet(ctx);
    const db = ctx.emu.db;
    db.transaction(() => {
      db.prepare("DELETE FROM objects WHERE photo_id = ?").run(o.photo_id);
      db.prepare("DELETE FROM sections WHERE photo_id = ?").run(o.photo_id);
      // Outstanding replace tokens die with the object: their redeems get the plain 400.
      db.prepare("DELETE FROM upload_tokens WHERE kind = 'replace' AND photo_id = ?").run(o.photo_id);
    })();
    fs.rmSync(o.file_path, { force: true });
    dropThumbnails(ctx.emu.dataDir, o.photo_id);
    pingback(ctx.emu, o.photo_id, "deleted");
    return { message: "The photo was deleted", fields: { photo_id: String(o.photo_id) } };
  },
};

export const photoMethods: Record<string, Method> = {
  "/api/photo/list": list,
  "/api/photo/update": update,
  "/api/photo/delete": del,
};
