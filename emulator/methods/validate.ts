import { ApiError, type ApiCtx } from "../context.ts";
import { levelAtLeast } from "../oauth.ts";
import { albumIds } from "../store.ts";

export function intParam(ctx: ApiCtx, name: string, def: number, min: number, max: number): number {
  const raw = ctx.params.get(name);
  if (raw === undefined || raw === "") return def;
  if (!/^\d+$/.test(raw)) throw new ApiError("invalid_input", `${name} must be a whole number`);
  const n = Number(raw);
  if (n < min || n > max) throw new ApiError("invalid_input", `${name} must be between ${min} and ${max}`);
  return n;
}

export function boolParam(ctx: ApiCtx, name: string, def: 0 | 1): 0 | 1 {
  const raw = ctx.params.get(name);
  if (raw === undefined || raw === "") return def;
  if (raw !== "0" && raw !== "1") throw new ApiError("invalid_input", `${name} must be 0 or 1`);
  return raw === "1" ? 1 : 0;
}

/** Comma-separated album ids; every one must exist. Returns the normalised list. */
export function albumParam(ctx: ApiCtx, name = "album_id"): string | undefined {
  const raw = ctx.params.get(name);
  if (raw === undefined) return undefined;
  const ids = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const known = albumIds(ctx.emu.db);
  for (const id of ids) if (!known.has(id)) throw new ApiError("invalid_album", `Album ${id} does not exist`);
  return ids.join(",");
}

export function userParam(ctx: ApiCtx): string | undefined {
  const raw = ctx.params.get("user_id");
  if (raw === undefined || raw === "") return undefined;
  if (!levelAtLeast(ctx.level, "super"))
    throw new ApiError("permission_denied", "Setting user_id requires a higher permission level (required level: 'super')");
  const u = ctx.emu.db.prepare("SELECT user_id FROM users WHERE user_id = ?").get(raw);
  if (!u) throw new ApiError("no_such_user", `User ${raw} does not exist`);
  return raw;
}

export function urlParam(ctx: ApiCtx, name: string): string | undefined {
  const raw = ctx.params.get(name);
  if (raw === undefined || raw === "") return raw;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ApiError("invalid_input", `${name} must be an absolute http(s) URL`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new ApiError("invalid_input", `${name} must be an absolute http(s) URL`);
  return raw;
}
