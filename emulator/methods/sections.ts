import { ApiError, nowSec, type ApiCtx, type Method } from "../context.ts";
import { levelAtLeast } from "../oauth.ts";
import { getObject, type ObjectRow } from "../store.ts";
import { cleanDescription, cleanTitle } from "../sanitize.ts";
import { isEncoded, seconds } from "../processing.ts";
import { mustGet } from "./photos.ts";
import { decimalParam } from "./media.ts";

interface SectionRow {
  section_id: number;
  photo_id: number;
  start_time: number;
  title: string;
  description: string;
  created_at: number;
}

const THUMBS: Record<string, string> = { quad50: "50x50", small: "200x150", medium: "400x300", standard: "600x450" };

function sectionFields(o: ObjectRow, s: SectionRow): Record<string, string> {
  // A chapter's thumbnail is the frame at its start (served by /api/photo/frame).
  const frame = (size: string) => `/api/photo/frame?photo_id=${o.photo_id}&token=${o.token}&time=${seconds(s.start_time)}&size=${size}`;
  return {
    section_id: String(s.section_id),
    photo_id: String(s.photo_id),
    start_time: seconds(s.start_time),
    title: s.title,
    description: s.description,
    ...Object.fromEntries(Object.entries(THUMBS).map(([f, size]) => [`${f}_download`, frame(size)])),
  };
}

/** §7 Choice: beyond the length → invalid_input; while transcoding the length is unknown, any time ≥ 0 goes. */
function checkStart(ctx: ApiCtx, o: ObjectRow, t: number): void {
  if (o.video_p && isEncoded(ctx.emu, o) && o.video_length !== null && t > o.video_length)
    throw new ApiError("invalid_input", `start_time is beyond the video's length (${seconds(o.video_length)} s)`);
}

function required(ctx: ApiCtx, name: string): string {
  const v = ctx.params.get(name);
  if (v === undefined || v.trim() === "") throw new ApiError("invalid_input", `${name} is required`);
  return v;
}

function mustSection(ctx: ApiCtx): { s: SectionRow; o: ObjectRow } {
  const raw = ctx.params.get("section_id");
  if (!raw || !/^\d+$/.test(raw)) throw new ApiError("invalid_input", "section_id is required");
  const s = ctx.emu.db.prepare("SELECT * FROM sections WHERE section_id = ?").get(Number(raw)) as SectionRow | undefined;
  const pid = ctx.params.get("photo_id");
  if (!s || (pid !== undefined && pid !== String(s.photo_id))) throw new ApiError("invalid_input", `Section ${raw} does not exist`);
  return { s, o: getObject(ctx.emu.db, s.photo_id)! };
}

const create: Method = {
  level: "write",
  run(ctx) {
    const o = mustGet(ctx);
    const start = decimalParam(ctx, "start_time");
    if (start === undefined) throw new ApiError("invalid_input", "start_time is required");
    checkStart(ctx, o, start);
    const title = cleanTitle(required(ctx, "title"));
    const description = cleanDescription(required(ctx, "description"));
    const r = ctx.emu.db
      .prepare("INSERT INTO sections (photo_id, start_time, title, description, created_at) VALUES (?,?,?,?,?)")
      .run(o.photo_id, start, title, description, nowSec(ctx.emu));
    const s = ctx.emu.db.prepare("SELECT * FROM sections WHERE section_id = ?").get(r.lastInsertRowid) as SectionRow;
    return { message: "The section was created", fields: { section: sectionFields(o, s) } };
  },
};

/** Permission none with the object's token (as photo/list); read credentials may omit the token. */
const list: Method = {
  level: "none",
  run(ctx) {
    const o = mustGet(ctx);
    const token = ctx.params.get("token");
    if (token === undefined && !levelAtLeast(ctx.level, "read")) throw new ApiError("token_required", "A token is required with photo_id");
    if (token !== undefined && token !== o.token) throw new ApiError("invalid_photo_token", "The token does not match the photo");
    const rows = ctx.emu.db.prepare("SELECT * FROM sections WHERE photo_id = ? ORDER BY start_time, section_id").all(o.photo_id) as SectionRow[];
    return { fields: { total_count: rows.length, sections: rows.map((s) => sectionFields(o, s)) }, p: 1, size: rows.length };
  },
};

const update: Method = {
  level: "write",
  run(ctx) {
    const { s, o } = mustSection(ctx);
    const next = { ...s };
    if (ctx.params.has("start_time")) {
      const start = decimalParam(ctx, "start_time");
      if (start === undefined) throw new ApiError("invalid_input", "start_time must be a number of seconds >= 0");
      checkStart(ctx, o, start);
      next.start_time = start;
    }
    if (ctx.params.has("title")) next.title = cleanTitle(required(ctx, "title"));
    if (ctx.params.has("description")) next.description = cleanDescription(required(ctx, "description"));
    ctx.emu.db.prepare("UPDATE sections SET start_time=@start_time, title=@title, description=@description WHERE section_id=@section_id").run(next);
    return { message: "The section was updated", fields: { section: sectionFields(o, next) } };
  },
};

const del: Method = {
  level: "write",
  run(ctx) {
    const { s } = mustSection(ctx);
    ctx.emu.db.prepare("DELETE FROM sections WHERE section_id = ?").run(s.section_id);
    return { message: "The section was deleted", fields: { section_id: String(s.section_id) } };
  },
};

export const sectionMethods: Record<string, Method> = {
  "/api/photo/section/create": create,
  "/api/photo/section/list": list,
  "/api/photo/section/update": update,
  "/api/photo/section/delete": del,
};
