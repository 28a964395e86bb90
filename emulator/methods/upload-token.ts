import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ApiError, nowSec, type ApiCtx, type Method } from "../context.ts";
import { customVariableKeys, getToken, type TokenRow } from "../store.ts";
import { cleanDescription, cleanTitle } from "../sanitize.ts";
import { albumParam, boolParam, intParam, urlParam, userParam } from "./validate.ts";
import { levelAtLeast } from "../oauth.ts";
import { applyToObjects, forgetFileMeta, setFileMeta, type TokenMeta } from "../token-meta.ts";
import { pingback } from "../pingback.ts";

const KNOWN = new Set([
  "return_url",
  "background_return_p",
  "user_id",
  "album_id",
  "title",
  "description",
  "tags",
  "publish",
  "absolute_url",
  "valid_minutes",
  "max_uploads",
  "upload_token",
  "resumableIdentifier",
  "photo_id",
  // response-shaping parameters are not "extra" parameters
  "format",
  "raw",
  "varname",
  "callback",
]);

export function variablesAndExtras(ctx: ApiCtx): { vars: Record<string, string>; extras: [string, string][] } {
  const cv = new Set(customVariableKeys(ctx.emu.db));
  const vars: Record<string, string> = {};
  const extras: [string, string][] = [];
  for (const [k, v] of ctx.pairs) {
    if (KNOWN.has(k)) continue;
    if (cv.has(k)) vars[k] ??= v;
    else extras.push([k, v]);
  }
  return { vars, extras };
}

export function insertToken(ctx: ApiCtx, row: TokenRow): void {
  const cols = Object.keys(row);
  ctx.emu.db.prepare(`INSERT INTO upload_tokens (${cols.join(",")}) VALUES (${cols.map((c) => "@" + c).join(",")})`).run(row);
}

export function tokenFields(t: TokenRow): Record<string, string> {
  return {
    upload_token: t.upload_token,
    valid_minutes: String(t.valid_minutes),
    valid_until: String(t.valid_until),
    max_uploads: String(t.max_uploads),
    title: t.title,
    description: t.description,
    tags: t.tags,
    publish: String(t.publish),
    album_id: t.album_id,
    return_url: t.return_url,
    user_id: t.user_id,
    background_return_p: String(t.background_return_p),
    absolute_url: t.absolute_url,
    ...(JSON.parse(t.variables) as Record<string, string>),
  };
}

const getUploadToken: Method = {
  level: "write",
  run(ctx) {
    const p = ctx.params;
    const validMinutes = intParam(ctx, "valid_minutes", 180, 15, 1440);
    const maxUploads = intParam(ctx, "max_uploads", 1, 1, 100);
    const publish = boolParam(ctx, "publish", 1);
    const background = boolParam(ctx, "background_return_p", 0);
    const albums = albumParam(ctx) ?? "";
    const userId = userParam(ctx) ?? ctx.userId;
    const returnUrl = urlParam(ctx, "return_url") ?? "";
    const { vars, extras } = variablesAndExtras(ctx);
    const now = nowSec(ctx.emu);
    const row: TokenRow = {
      upload_token: crypto.randomBytes(20).toString("hex"),
      created_at: now,
      valid_minutes: validMinutes,
      valid_until: now + validMinutes * 60,
      max_uploads: maxUploads,
      used: 0,
      title: cleanTitle(p.get("title") ?? ""),
      description: cleanDescription(p.get("description") ?? ""),
      tags: (p.get("tags") ?? "").trim(),
      publish,
      album_id: albums,
      return_url: returnUrl,
      background_return_p: background,
      user_id: userId,
      absolute_url: p.get("absolute_url") ?? "",
      variables: JSON.stringify(vars),
      extras: JSON.stringify(extras),
      kind: "upload",
      photo_id: null,
    };
    insertToken(ctx, row);
    return { message: "The upload token is ready to use", fields: { uploadtoken: tokenFields(row) } };
  },
};

// What a holder of the token alone may change (the documented update-upload-token fields).
const META = ["title", "description", "tags", "album_id", "publish"] as const;
const NOT_PRIVILEGED = new Set<string>([...META, "upload_token", "resumableIdentifier", "format", "raw", "varname", "callback"]);

function metaFrom(ctx: ApiCtx): TokenMeta {
  const p = ctx.params;
  const m: TokenMeta = {};
  if (p.has("title")) m.title = cleanTitle(p.get("title")!);
  if (p.has("description")) m.description = cleanDescription(p.get("description")!);
  if (p.has("tags")) m.tags = p.get("tags")!.trim();
  if (p.has("album_id")) m.album_id = albumParam(ctx) ?? "";
  if (p.has("publish")) m.publish = boolParam(ctx, "publish", 1);
  return m;
}

/**
 * Permission none: the token is the authorisation, so anyone holding it (the uploading
 * browser) may change the upload's metadata. Limits, return_url, user, custom variables and
 * callback extras can only be changed with write credentials, or a leaked token could lift
 * max_uploads or redirect the callback.
 */
const updateUploadToken: Method = {
  level: "anonymous",
  run(ctx) {
    const p = ctx.params;
    const token = p.get("upload_token");
    if (!token) throw new ApiError("invalid_input", "upload_token is required");
    const row = getToken(ctx.emu.db, token);
    if (!row) throw new ApiError("invalid_input", "The upload token does not exist");
    const privileged = [...p.keys()].filter((k) => !NOT_PRIVILEGED.has(k));
    if (privileged.length && !levelAtLeast(ctx.level, "write"))
      throw new ApiError("permission_denied", `Changing ${privileged.join(", ")} requires a higher permission level (required level: 'write')`);
    const meta = metaFrom(ctx);
    const next: TokenRow = { ...row };
    const resumableId = p.get("resumableIdentifier") ?? "";
    if (resumableId) {
      // One file of several: remembered for that file if it is still to come, applied if it is there.
      setFileMeta(ctx.emu, token, resumableId, meta);
    } else {
      Object.assign(next, meta);
      forgetFileMeta(ctx.emu, token, Object.keys(meta) as (keyof TokenMeta)[]);
    }
    if (p.has("valid_minutes")) {
      next.valid_minutes = intParam(ctx, "valid_minutes", 180, 15, 1440);
      next.valid_until = nowSec(ctx.emu) + next.valid_minutes * 60;
    }
    if (p.has("max_uploads")) next.max_uploads = intParam(ctx, "max_uploads", 1, 1, 100);
    if (p.has("background_return_p")) next.background_return_p = boolParam(ctx, "background_return_p", 0);
    if (p.has("user_id")) next.user_id = userParam(ctx) ?? ctx.userId;
    if (p.has("return_url")) next.return_url = urlParam(ctx, "return_url") ?? "";
    if (p.has("absolute_url")) next.absolute_url = p.get("absolute_url")!;
    const { vars, extras } = variablesAndExtras(ctx);
    next.variables = JSON.stringify({ ...JSON.parse(row.variables), ...vars });
    if (extras.length) {
      const names = new Set(extras.map(([k]) => k));
      const kept = (JSON.parse(row.extras) as [string, string][]).filter(([k]) => !names.has(k));
      next.extras = JSON.stringify([...kept, ...extras]);
    }
    const cols = Object.keys(next).filter((c) => c !== "upload_token");
    ctx.emu.db.prepare(`UPDATE upload_tokens SET ${cols.map((c) => `${c} = @${c}`).join(", ")} WHERE upload_token = @upload_token`).run(next);
    // Objects already made with the token change too, and their watchers hear about it.
    if (Object.keys(meta).length) for (const id of applyToObjects(ctx.emu, token, resumableId, meta)) pingback(ctx.emu, id, "updated");
    return { message: "The upload token was updated", fields: { uploadtoken: tokenFields(next) } };
  },
};

/** Revokes a token (newer API generation): later redeems get the plain "Invalid upload token". */
const deleteUploadToken: Method = {
  level: "write",
  run(ctx) {
    const token = ctx.params.get("upload_token");
    if (!token) throw new ApiError("invalid_input", "upload_token is required");
    const r = ctx.emu.db.prepare("DELETE FROM upload_tokens WHERE upload_token = ? AND kind = 'upload'").run(token);
    if (r.changes === 0) throw new ApiError("invalid_input", "The upload token does not exist");
    ctx.emu.db.prepare("DELETE FROM token_file_meta WHERE upload_token = ?").run(token);
    fs.rmSync(path.join(ctx.emu.dataDir, "chunks", token.replace(/[^0-9a-zA-Z]/g, "_")), { recursive: true, force: true });
    return { message: "The upload token was deleted", fields: { upload_token: token } };
  },
};

export const uploadTokenMethods: Record<string, Method> = {
  "/api/photo/get-upload-token": getUploadToken,
  "/api/photo/update-upload-token": updateUploadToken,
  "/api/photo/delete-upload-token": deleteUploadToken,
};
