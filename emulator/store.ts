import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { SEED } from "./seed.ts";

export type Db = Database.Database;

export interface TokenRow {
  upload_token: string;
  created_at: number;
  valid_minutes: number;
  valid_until: number;
  max_uploads: number;
  used: number;
  title: string;
  description: string;
  tags: string;
  publish: number;
  album_id: string;
  return_url: string;
  background_return_p: number;
  user_id: string;
  absolute_url: string;
  variables: string; // JSON object of custom variables
  extras: string; // JSON array of [name, value] pairs, order kept for the callback
  kind: TokenKind;
  photo_id: number | null; // the object a replace token replaces
}

/** Upload and replace tokens share one table, so redeem's atomic use-taking serves both. */
export type TokenKind = "upload" | "replace";

export interface ObjectRow {
  photo_id: number;
  tree_id: string;
  token: string;
  upload_token: string;
  title: string;
  description: string;
  tags: string;
  published: number;
  album_id: string;
  user_id: string;
  absolute_url: string;
  variables: string;
  file_name: string;
  content_type: string;
  size: number;
  file_path: string;
  video_p: number;
  created_at: number;
  video_length: number | null; // seconds from the container; null = the container does not say
  width: number;
  height: number;
  transcode_started_at: number; // ms; 0 = never transcoded (photos)
  encoded_notified: number; // 1 once the end of transcoding was handled (pingback sent)
  resumable_id: string;
  replaced_count: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS credentials (
  consumer_key TEXT PRIMARY KEY, consumer_secret TEXT NOT NULL,
  access_token TEXT NOT NULL, access_secret TEXT NOT NULL,
  level TEXT NOT NULL, user_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS site (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS albums (album_id TEXT PRIMARY KEY, title TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS custom_variables (key TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS users (user_id TEXT PRIMARY KEY, username TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS upload_tokens (
  upload_token TEXT PRIMARY KEY, created_at INTEGER NOT NULL, valid_minutes INTEGER NOT NULL,
  valid_until INTEGER NOT NULL, max_uploads INTEGER NOT NULL, used INTEGER NOT NULL DEFAULT 0,
  title TEXT NOT NULL, description TEXT NOT NULL, tags TEXT NOT NULL, publish INTEGER NOT NULL,
  album_id TEXT NOT NULL, return_url TEXT NOT NULL, background_return_p INTEGER NOT NULL,
  user_id TEXT NOT NULL, absolute_url TEXT NOT NULL, variables TEXT NOT NULL, extras TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS objects (
  photo_id INTEGER PRIMARY KEY AUTOINCREMENT, tree_id TEXT NOT NULL, token TEXT NOT NULL,
  upload_token TEXT NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL, tags TEXT NOT NULL,
  published INTEGER NOT NULL, album_id TEXT NOT NULL, user_id TEXT NOT NULL,
  absolute_url TEXT NOT NULL, variables TEXT NOT NULL, file_name TEXT NOT NULL,
  content_type TEXT NOT NULL, size INTEGER NOT NULL, file_path TEXT NOT NULL,
  video_p INTEGER NOT NULL, created_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS objects_upload_token ON objects(upload_token);
CREATE TABLE IF NOT EXISTS sections (
  section_id INTEGER PRIMARY KEY AUTOINCREMENT, photo_id INTEGER NOT NULL, start_time REAL NOT NULL,
  title TEXT NOT NULL, description TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS sections_photo ON sections(photo_id, start_time);
CREATE TABLE IF NOT EXISTS token_file_meta (
  upload_token TEXT NOT NULL, resumable_id TEXT NOT NULL, meta TEXT NOT NULL,
  PRIMARY KEY (upload_token, resumable_id));
CREATE TABLE IF NOT EXISTS nonces (
  consumer_key TEXT NOT NULL, nonce TEXT NOT NULL, ts INTEGER NOT NULL,
  PRIMARY KEY (consumer_key, nonce));
`;

// Columns added after the first release; a data dir from before gets them on open.
const ADDED_COLUMNS: [table: string, column: string, decl: string][] = [
  ["upload_tokens", "kind", "TEXT NOT NULL DEFAULT 'upload'"],
  ["upload_tokens", "photo_id", "INTEGER"],
  ["objects", "video_length", "REAL"],
  ["objects", "width", "INTEGER NOT NULL DEFAULT 0"],
  ["objects", "height", "INTEGER NOT NULL DEFAULT 0"],
  ["objects", "transcode_started_at", "INTEGER NOT NULL DEFAULT 0"],
  ["objects", "encoded_notified", "INTEGER NOT NULL DEFAULT 1"],
  ["objects", "resumable_id", "TEXT NOT NULL DEFAULT ''"],
  ["objects", "replaced_count", "INTEGER NOT NULL DEFAULT 0"],
];

function addColumns(db: Db): void {
  for (const [table, column, decl] of ADDED_COLUMNS) {
    const cols = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
    if (!cols.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${decl}`);
  }
}

export function openStore(dataDir: string): Db {
  for (const d of ["files", "tmp", "chunks"]) fs.mkdirSync(path.join(dataDir, d), { recursive: true });
  const db = new Database(path.join(dataDir, "emulator.sqlite"));
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  db.exec(SCHEMA);
  addColumns(db);
  seed(db);
  return db;
}

// Seeding is idempotent (INSERT OR IGNORE) so a restart keeps state and any edits.
function seed(db: Db): void {
  const tx = db.transaction(() => {
    const cred = db.prepare("INSERT OR IGNORE INTO credentials VALUES (?,?,?,?,?,?)");
    for (const c of SEED.credentials) cred.run(c.consumerKey, c.consumerSecret, c.accessToken, c.accessSecret, c.level, c.userId);
    const site = db.prepare("INSERT OR IGNORE INTO site VALUES (?,?)");
    for (const [k, v] of Object.entries(SEED.site)) site.run(k, v);
    const album = db.prepare("INSERT OR IGNORE INTO albums VALUES (?,?)");
    for (const a of SEED.albums) album.run(a.album_id, a.title);
    const cv = db.prepare("INSERT OR IGNORE INTO custom_variables VALUES (?)");
    for (const k of SEED.customVariables) cv.run(k);
    const user = db.prepare("INSERT OR IGNORE INTO users VALUES (?,?)");
    for (const u of SEED.users) user.run(u.user_id, u.username);
    // Realistic-looking ids instead of 1, 2, 3.
    const seq = db.prepare("SELECT seq FROM sqlite_sequence WHERE name='objects'").get();
    if (!seq) db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('objects', 60433000)").run();
    const sseq = db.prepare("SELECT seq FROM sqlite_sequence WHERE name='sections'").get();
    if (!sseq) db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('sections', 3871000)").run();
  });
  tx();
}

export function siteInfo(db: Db): Record<string, string> {
  const rows = db.prepare("SELECT k, v FROM site").all() as { k: string; v: string }[];
  return Object.fromEntries(rows.map((r) => [r.k, r.v]));
}

export function albumIds(db: Db): Set<string> {
  return new Set((db.prepare("SELECT album_id FROM albums").all() as { album_id: string }[]).map((r) => r.album_id));
}

export function customVariableKeys(db: Db): string[] {
  return (db.prepare("SELECT key FROM custom_variables ORDER BY key").all() as { key: string }[]).map((r) => r.key);
}

/** A token of the given kind: an upload token is never accepted where a replace token is due, nor back. */
export function getToken(db: Db, token: string, kind: TokenKind = "upload"): TokenRow | undefined {
  return db.prepare("SELECT * FROM upload_tokens WHERE upload_token = ? AND kind = ?").get(token, kind) as TokenRow | undefined;
}

export type TokenState = "ok" | "unknown" | "expired" | "consumed";

export function tokenState(row: TokenRow | undefined, nowSec: number): TokenState {
  if (!row) return "unknown";
  if (row.valid_until <= nowSec) return "expired";
  if (row.used >= row.max_uploads) return "consumed";
  return "ok";
}

/** Atomically takes one use of a token; the WHERE clause is the whole guard, so racing
 * redeems can never over-consume. Returns why it failed, or "ok". */
export function reserveUse(db: Db, token: string, nowSec: number, kind: TokenKind = "upload"): TokenState {
  const r = db
    .prepare("UPDATE upload_tokens SET used = used + 1 WHERE upload_token = ? AND kind = ? AND used < max_uploads AND valid_until > ?")
    .run(token, kind, nowSec);
  if (r.changes === 1) return "ok";
  const st = tokenState(getToken(db, token, kind), nowSec);
  return st === "ok" ? "consumed" : st;
}

export function releaseUse(db: Db, token: string): void {
  db.prepare("UPDATE upload_tokens SET used = used - 1 WHERE upload_token = ? AND used > 0").run(token);
}

export function getObject(db: Db, photoId: string | number): ObjectRow | undefined {
  if (!/^\d+$/.test(String(photoId))) return undefined;
  return db.prepare("SELECT * FROM objects WHERE photo_id = ?").get(Number(photoId)) as ObjectRow | undefined;
}

export function insertObject(db: Db, o: Omit<ObjectRow, "photo_id">): number {
  const cols = Object.keys(o);
  const r = db.prepare(`INSERT INTO objects (${cols.join(",")}) VALUES (${cols.map((c) => "@" + c).join(",")})`).run(o);
  return Number(r.lastInsertRowid);
}
