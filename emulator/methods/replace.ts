import crypto from "node:crypto";
import { ApiError, nowSec, type Method } from "../context.ts";
import { getObject, type TokenRow } from "../store.ts";
import { boolParam, intParam, urlParam } from "./validate.ts";
import { insertToken, variablesAndExtras } from "./upload-token.ts";

function replaceTokenFields(t: TokenRow): Record<string, string> {
  return {
    replace_token: t.upload_token,
    photo_id: String(t.photo_id),
    valid_minutes: String(t.valid_minutes),
    valid_until: String(t.valid_until),
    max_uploads: String(t.max_uploads),
    return_url: t.return_url,
    background_return_p: String(t.background_return_p),
  };
}

/**
 * A replace token is a row of the upload-token table with kind "replace" and the target
 * photo_id, so redeem-replace-token runs through exactly the same redeem machinery (atomic
 * use-taking, chunks, callbacks); only the finishing step differs (finalize.ts).
 */
const getReplaceToken: Method = {
  level: "write",
  run(ctx) {
    const id = ctx.params.get("photo_id");
    if (!id) throw new ApiError("invalid_input", "photo_id is required");
    const o = getObject(ctx.emu.db, id);
    if (!o) throw new ApiError("no_such_photo", `Photo ${id} does not exist`);
    const validMinutes = intParam(ctx, "valid_minutes", 180, 15, 1440);
    const maxUploads = intParam(ctx, "max_uploads", 1, 1, 100);
    const background = boolParam(ctx, "background_return_p", 0);
    const returnUrl = urlParam(ctx, "return_url") ?? "";
    // Extra parameters are repeated in the callback, as with upload tokens; custom variables are not stored.
    const { extras } = variablesAndExtras(ctx);
    const now = nowSec(ctx.emu);
    const row: TokenRow = {
      upload_token: crypto.randomBytes(20).toString("hex"),
      created_at: now,
      valid_minutes: validMinutes,
      valid_until: now + validMinutes * 60,
      max_uploads: maxUploads,
      used: 0,
      title: "",
      description: "",
      tags: "",
      publish: o.published,
      album_id: o.album_id,
      return_url: returnUrl,
      background_return_p: background,
      user_id: o.user_id,
      absolute_url: "",
      variables: "{}",
      extras: JSON.stringify(extras),
      kind: "replace",
      photo_id: o.photo_id,
    };
    insertToken(ctx, row);
    return { message: "The replace token is ready to use", fields: { replacetoken: replaceTokenFields(row) } };
  },
};

export const replaceMethods: Record<string, Method> = { "/api/photo/get-replace-token": getReplaceToken };
