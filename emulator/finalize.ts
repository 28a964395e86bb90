import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { ServerResponse } from "node:http";
import { nowSec, type Emu } from "./context.ts";
import { getToken, insertObject, releaseUse, reserveUse, type TokenRow } from "./store.ts";
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

export const TOKEN_ERRORS: Record<string, string> = {
  unknown: "Invalid upload token",
  expired: "The upload token has expired",
  consumed: "The upload token has already been used",
};

export interface Finish {
  emu: Emu;
  res: ServerResponse;
  token: string;
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
    const st = reserveUse(emu.db, f.token, nowSec(emu));
    if (st !== "ok") {
      drop();
      return sendText(f.res, 400, TOKEN_ERRORS[st] ?? "Invalid upload token");
    }
    reserved = true;
  }
  const t = getToken(emu.db, f.token) as TokenRow;
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

  const token = objectToken();
  const finalPath = path.join(emu.dataDir, "files", `${token}.bin`);
  let out: Outcome;
  try {
    fs.renameSync(f.file.path, finalPath);
    const photoId = insertObject(emu.db, {
      tree_id: "1", token, upload_token: t.upload_token, title: t.title || f.fileName, description: t.description,
      tags: t.tags, published: t.publish, album_id: t.album_id, user_id: t.user_id, absolute_url: t.absolute_url,
      variables: t.variables, file_name: f.fileName, content_type: kind.mime, size: f.file.size,
      file_path: finalPath, video_p: kind.video ? 1 : 0, created_at: nowSec(emu),
    });
    out = { ok: true, photo_id: String(photoId), tree_id: "1", token };
  } catch (e) {
    fs.rmSync(finalPath, { force: true });
    return fail("error_processing_upload", "Error processing upload");
  }
  await deliver(emu, f.res, t, out, f.formExtras, f.fmt);
}
