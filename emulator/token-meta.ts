import type { Emu } from "./context.ts";

/** Metadata update-upload-token can change; the names are the token's (publish, not published). */
export interface TokenMeta {
  title?: string;
  description?: string;
  tags?: string;
  album_id?: string;
  publish?: number;
}

/** Per-file metadata set with update-upload-token + resumableIdentifier before that file arrived. */
export function fileMeta(emu: Emu, uploadToken: string, resumableId: string): TokenMeta {
  if (!resumableId) return {};
  const row = emu.db.prepare("SELECT meta FROM token_file_meta WHERE upload_token = ? AND resumable_id = ?").get(uploadToken, resumableId) as
    { meta: string } | undefined;
  return row ? (JSON.parse(row.meta) as TokenMeta) : {};
}

export function setFileMeta(emu: Emu, uploadToken: string, resumableId: string, meta: TokenMeta): void {
  const merged = { ...fileMeta(emu, uploadToken, resumableId), ...meta };
  emu.db
    .prepare("INSERT OR REPLACE INTO token_file_meta (upload_token, resumable_id, meta) VALUES (?, ?, ?)")
    .run(uploadToken, resumableId, JSON.stringify(merged));
}

/** A later token-wide update wins over earlier per-file values of the same fields. */
export function forgetFileMeta(emu: Emu, uploadToken: string, keys: (keyof TokenMeta)[]): void {
  const rows = emu.db.prepare("SELECT resumable_id, meta FROM token_file_meta WHERE upload_token = ?").all(uploadToken) as {
    resumable_id: string;
    meta: string;
  }[];
  for (const r of rows) {
    const m = JSON.parse(r.meta) as TokenMeta;
    for (const k of keys) delete m[k];
    emu.db.prepare("UPDATE token_file_meta SET meta = ? WHERE upload_token = ? AND resumable_id = ?").run(JSON.stringify(m), uploadToken, r.resumable_id);
  }
}

/** Applies metadata to objects already made with the token (one file's, with resumableId). Returns their ids. */
export function applyToObjects(emu: Emu, uploadToken: string, resumableId: string, meta: TokenMeta): number[] {
  const sets: string[] = [];
  const args: Record<string, string | number> = { upload_token: uploadToken, resumable_id: resumableId };
  for (const [k, v] of Object.entries(meta)) {
    const col = k === "publish" ? "published" : k;
    sets.push(`${col} = @${k}`);
    args[k] = v as string | number;
  }
  const where = "upload_token = @upload_token" + (resumableId ? " AND resumable_id = @resumable_id" : "");
  const ids = (emu.db.prepare(`SELECT photo_id FROM objects WHERE ${where}`).all(args) as { photo_id: number }[]).map((r) => r.photo_id);
  if (sets.length && ids.length) emu.db.prepare(`UPDATE objects SET ${sets.join(", ")} WHERE ${where}`).run(args);
  return ids;
}
