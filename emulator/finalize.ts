import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { ServerResponse } from "node:http";
import { nowSec, type Emu } from "./context.ts";
import { getObject, getToken, insertObject, releaseUse, reserveUse, type TokenKind, type TokenRow } from "./store.ts";
import { readMediaInfo } from "./media-info.ts";
import { startTranscode } from "./processing.ts";
import { pingback } from "./pingback.ts";
import { fileMeta } from "./token-meta.ts";
import { dropThumbnails } from "./stills.ts";
import { deliver, type Outcome } from "./callbacks.ts";
import { sniff, type TempFile } from "./upload-file.ts";
import { sendText } from "./http-util.ts";
import type { FormatOpts } from "./format.ts";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export function objectToken(): string {
  // 62 divides 256 unevenly; rejection sampling keeps it uniform.
  let s = "";
  while (s.length < 32) for (const b of crypto.randomBytes(48)) if (b < 248 && s.length < 32) s += ALNUM[b % 62];
  return s;
}

/** The plain one-line refusals of redeem, worded for the kind of token. */
export function tokenErrors(kind: TokenKind): Record<string, string> {
  const what = kind === "replace" ? "replace token" : "upload token";
  return { unknown: `Invalid ${what}`, expired: `The ${what} has expired`, consumed: `The ${what} has already been used` };
}

export interface Finish {
  emu: Emu;
  res: ServerResponse;
  token: string;
  kind: TokenKind;
  /** resumable.js identifier of the file, if any (update-upload-token can target one file). */
  resumableId: string;
  /** Whether a token use was already taken before the body was read. */
  reserved: boolean;
  file: TempFile | null;
  fileName: string;
  formExtras: [string, string][];
  fmt: FormatOpts;
}

/**
 * Turns a complete temp file into an object (or an error callback). Every failure path removes
 * the temp file and gives back the token use, so a failed upload costs nothing.
 */
export async function finishUpload(f: Finish): Promise<void> {
  const { emu } = f;
  let reserved = f.reserved;
  const drop = () => f.file && fs.rmSync(f.file.path, { force: true });
  if (!reserved) {
    const st = reserveUse(emu.db, f.token, nowSec(emu), f.kind);
    if (st !== "ok") {
      drop();
      const errors = tokenErrors(f.kind);
      return sendText(f.res, 400, errors[st] ?? errors.unknown!);
    }
    reserved = true;
  }
  const found = getToken(emu.db, f.token, f.kind);
  if (!found) {
    // Revoked while the body was streaming (delete-upload-token, or its object was deleted).
    drop();
    return sendText(f.res, 400, tokenErrors(f.kind).unknown!);
  }
  const t: TokenRow = found;
  const fail = (code: string, message: string) => {
    drop();
    releaseUse(emu.db, f.token);
    return deliver(emu, f.res, t, { ok: false, code, message }, f.formExtras, f.fmt);
  };
  if (!f.file || f.file.size === 0) return fail("no_file", "No file was uploaded");
  if (f.file.truncated) return fail("error_processing_upload", "The file is too large");
  const kind = await sniff(f.file.head);
  if (!kind) return fail("error_processing_upload", "The file type isn't supported");
  if (emu.faults.current.failProcessing) return fail("error_processing_upload", "Error processing upload");

  const info = await readMediaInfo(f.file.path, kind.mime);
  const media = {
    file_name: f.fileName,
    content_type: kind.mime,
    size: f.file.size,
    video_p: kind.video ? 1 : 0,
    video_length: kind.video ? info.length : null,
    width: info.width,
    height: info.height,
  };
  let out: Outcome;
  if (t.kind === "replace") {
    const o = t.photo_id === null ? undefined : getObject(emu.db, t.photo_id);
    if (!o) return fail("error_processing_upload", "The video to replace no longer exists");
    try {
      // Same token, same path: the rename swaps the file atomically and every embed keeps working.
      fs.renameSync(f.file.path, o.file_path);
    } catch {
      return fail("error_processing_upload", "Error processing upload");
    }
    emu.db
      .prepare(
        `UPDATE objects SET file_name=@file_name, content_type=@content_type, size=@size, video_p=@video_p,
      video_length=@video_length, width=@width, height=@height, transcode_started_at=0, encoded_notified=1,
      replaced_count=replaced_count+1 WHERE photo_id=@photo_id`,
      )
      .run({ ...media, photo_id: o.photo_id });
    dropThumbnails(emu.dataDir, o.photo_id);
    if (kind.video) startTranscode(emu, o.photo_id);
    pingback(emu, o.photo_id, "replaced");
    out = { ok: true, photo_id: String(o.photo_id), tree_id: o.tree_id, token: o.token };
    return deliver(emu, f.res, t, out, f.formExtras, f.fmt);
  }

  const token = objectToken();
  const finalPath = path.join(emu.dataDir, "files", `${token}.bin`);
  // update-upload-token may have set metadata for this one file before it arrived.
  const own = fileMeta(emu, t.upload_token, f.resumableId);
  try {
    fs.renameSync(f.file.path, finalPath);
    const photoId = insertObject(emu.db, {
      tree_id: "1",
      token,
      upload_token: t.upload_token,
      title: own.title ?? (t.title || f.fileName),
      description: own.description ?? t.description,
      tags: own.tags ?? t.tags,
      published: own.publish ?? t.publish,
      album_id: own.album_id ?? t.album_id,
      user_id: t.user_id,
      absolute_url: t.absolute_url,
      variables: t.variables,
      file_path: finalPath,
      created_at: nowSec(emu),
      transcode_started_at: 0,
      encoded_notified: 1,
      resumable_id: f.resumableId,
      replaced_count: 0,
      ...media,
    });
    if (kind.video) startTranscode(emu, photoId);
    pingback(emu, photoId, "created");
    out = { ok: true, photo_id: String(photoId), tree_id: "1", token };
  } catch {
    fs.rmSync(finalPath, { force: true });
    return fail("error_processing_upload", "Error processing upload");
  }
  await deliver(emu, f.res, t, out, f.formExtras, f.fmt);
}
