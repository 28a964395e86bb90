import { ApiError, type ApiCtx, type Method } from "../context.ts";
import { getObject, getToken, type ObjectRow } from "../store.ts";
import { progress } from "../processing.ts";
import { MAX_FRAME_SIDE, still } from "../stills.ts";
import { boolParam } from "./validate.ts";
import { mustGet } from "./photos.ts";

/** "0".."1" with two decimals, rounded down so "1" only ever means done; or "56%". */
function progressValue(x: number, percent: boolean): string {
  const hundredths = Math.floor(x * 100);
  return percent ? `${hundredths}%` : String(hundredths / 100);
}

const getTranscodingProgress: Method = {
  level: "read",
  run(ctx) {
    const o = mustGet(ctx);
    const percent = boolParam(ctx, "percentage_formated_p", 0) === 1;
    const p = Object.fromEntries(Object.entries(progress(ctx.emu, o)).map(([k, v]) => [k, progressValue(v, percent)]));
    return { fields: { photo_id: String(o.photo_id), progress: p } };
  },
};

export function decimalParam(ctx: ApiCtx, name: string): number | undefined {
  const raw = ctx.params.get(name);
  if (raw === undefined || raw === "") return undefined;
  if (!/^\d+(\.\d+)?$/.test(raw)) throw new ApiError("invalid_input", `${name} must be a number of seconds >= 0`);
  return Number(raw);
}

/** photo_id + token, or upload_token (+ resumableIdentifier or filename when it made several files). */
function frameTarget(ctx: ApiCtx): ObjectRow {
  const p = ctx.params;
  const id = p.get("photo_id");
  if (id) {
    const o = getObject(ctx.emu.db, id);
    if (!o) throw new ApiError("no_such_photo", `Photo ${id} does not exist`);
    const token = p.get("token");
    if (!token) throw new ApiError("token_required", "A token is required with photo_id");
    if (token !== o.token) throw new ApiError("invalid_photo_token", "The token does not match the photo");
    return o;
  }
  const ut = p.get("upload_token");
  if (!ut) throw new ApiError("invalid_input", "Give photo_id and token, or upload_token");
  if (!getToken(ctx.emu.db, ut)) throw new ApiError("invalid_input", "Invalid upload token");
  const rid = p.get("resumableIdentifier");
  const name = p.get("filename");
  let sql = "SELECT * FROM objects WHERE upload_token = ?";
  const args: string[] = [ut];
  if (rid) {
    sql += " AND resumable_id = ?";
    args.push(rid);
  } else if (name) {
    sql += " AND file_name = ?";
    args.push(name);
  }
  const o = ctx.emu.db.prepare(sql + " ORDER BY photo_id LIMIT 1").get(...args) as ObjectRow | undefined;
  if (!o) throw new ApiError("no_such_photo", "No file uploaded with this token matches");
  return o;
}

function frameSize(ctx: ApiCtx, o: ObjectRow): [number, number] {
  const raw = ctx.params.get("size");
  if (raw) {
    const m = /^(\d{1,5})x(\d{1,5})$/.exec(raw);
    const w = Number(m?.[1]);
    const h = Number(m?.[2]);
    if (!m || w < 1 || h < 1 || w > MAX_FRAME_SIDE || h > MAX_FRAME_SIDE)
      throw new ApiError("invalid_input", `size must be WIDTHxHEIGHT, each 1..${MAX_FRAME_SIDE}`);
    return [w, h];
  }
  if (o.width > 0 && o.height > 0) {
    const k = Math.min(1, MAX_FRAME_SIDE / Math.max(o.width, o.height));
    return [Math.max(1, Math.round(o.width * k)), Math.max(1, Math.round(o.height * k))];
  }
  return [640, 360];
}

/** Permission none: answers image/jpeg, before transcoding has ended too. */
const frame: Method = {
  level: "none",
  run(ctx) {
    const time = decimalParam(ctx, "time");
    if (time === undefined) throw new ApiError("invalid_input", "time is required");
    const o = frameTarget(ctx);
    // Past the end means the last frame (a chapter made while transcoding may start beyond it).
    const at = o.video_length !== null ? Math.min(time, o.video_length) : time;
    const [w, h] = frameSize(ctx, o);
    return { fields: {}, binary: { contentType: "image/jpeg", body: still(o, at, w, h) } };
  },
};

export const mediaMethods: Record<string, Method> = {
  "/api/photo/get-transcoding-progress": getTranscodingProgress,
  "/api/photo/frame": frame,
};
