import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { ServerResponse } from "node:http";
import type { Emu } from "./context.ts";
import { getToken, type TokenKind } from "./store.ts";
import { finishUpload, tokenErrors } from "./finalize.ts";
import type { RedeemKind } from "./redeem-kind.ts";
import { sniff, tempPath, type TempFile } from "./upload-file.ts";
import { sendText } from "./http-util.ts";
import type { FormatOpts } from "./format.ts";

type Get = (k: string) => string | undefined;

export const isChunked = (get: Get) => get("resumableChunkNumber") !== undefined;

interface ChunkInfo {
  n: number;
  chunkSize: number;
  totalSize: number;
  total: number;
  id: string;
  filename: string;
}

function parseInfo(get: Get): ChunkInfo | string {
  const num = (k: string) => {
    const v = get(k);
    return v !== undefined && /^\d+$/.test(v) ? Number(v) : NaN;
  };
  const info = {
    n: num("resumableChunkNumber"),
    chunkSize: num("resumableChunkSize"),
    totalSize: num("resumableTotalSize"),
    total: num("resumableTotalChunks"),
    id: get("resumableIdentifier") ?? "",
    filename: get("resumableFilename") ?? "",
  };
  if ([info.n, info.chunkSize, info.totalSize, info.total].some((x) => !Number.isFinite(x)) || !info.id) return "Missing or non-numeric resumable parameters";
  if (info.chunkSize < 1 || info.totalSize < 1) return "resumableChunkSize and resumableTotalSize must be positive";
  // Every chunk is exactly chunkSize except the last, which absorbs the remainder (< 2x chunkSize).
  if (info.total !== Math.max(1, Math.floor(info.totalSize / info.chunkSize))) return "resumableTotalChunks does not match the sizes";
  if (info.n < 1 || info.n > info.total) return "resumableChunkNumber is out of range";
  return info;
}

const expectedSize = (c: ChunkInfo) => (c.n < c.total ? c.chunkSize : c.totalSize - (c.total - 1) * c.chunkSize);

function chunkDir(emu: Emu, token: string, id: string): string {
  const h = crypto.createHash("sha1").update(id).digest("hex");
  return path.join(emu.dataDir, "chunks", token.replace(/[^0-9a-zA-Z]/g, "_"), h);
}
const chunkFile = (dir: string, n: number) => path.join(dir, `${n}.chunk`);

const assembling = new Set<string>();

/** resumable.js `testChunks`: 200 when that chunk is already stored, 204 when it should be sent. */
export function handleTestChunk(emu: Emu, res: ServerResponse, url: URL, rk: RedeemKind): void {
  const get: Get = (k) => url.searchParams.get(k) ?? undefined;
  if (!isChunked(get)) return sendText(res, 405, "Use POST with multipart/form-data to upload", { Allow: "POST, GET, OPTIONS" });
  const token = get(rk.field) ?? "";
  if (!getToken(emu.db, token, rk.kind)) return sendText(res, 400, tokenErrors(rk.kind).unknown!);
  const info = parseInfo(get);
  if (typeof info === "string") return sendText(res, 400, info);
  const exists = fs.existsSync(chunkFile(chunkDir(emu, token, info.id), info.n));
  if (exists) sendText(res, 200, "found");
  else {
    res.writeHead(204);
    res.end();
  }
}

export interface ChunkReq {
  token: string;
  kind: TokenKind;
  file: TempFile | null;
  get: Get;
  fmt: FormatOpts;
  extras: [string, string][];
}

export async function handleChunk(emu: Emu, res: ServerResponse, c: ChunkReq): Promise<void> {
  const drop = () => c.file && fs.rmSync(c.file.path, { force: true });
  if (emu.faults.chunksBlocked()) {
    drop();
    return sendText(res, 503, "Service temporarily unavailable, retry the chunk");
  }
  const info = parseInfo(c.get);
  if (typeof info === "string") {
    drop();
    return sendText(res, 400, info);
  }
  if (!c.file) return sendText(res, 400, "No file was uploaded");
  // A short chunk is a broken transfer, not a client bug: answer with a retryable status.
  if (c.file.size !== expectedSize(info)) {
    drop();
    return sendText(res, 422, `Chunk ${info.n} must be ${expectedSize(info)} bytes`);
  }
  const dir = chunkDir(emu, c.token, info.id);
  const metaPath = path.join(dir, "meta.json");
  const meta = JSON.stringify({ chunkSize: info.chunkSize, totalSize: info.totalSize, total: info.total });
  if (fs.existsSync(metaPath) && fs.readFileSync(metaPath, "utf8") !== meta) {
    drop();
    return sendText(res, 400, "The resumable parameters changed during the upload");
  }
  if (info.n === 1 && !(await sniff(c.file.head))) {
    // 500 tells resumable.js to cancel the whole upload.
    drop();
    fs.rmSync(dir, { recursive: true, force: true });
    return sendText(res, 500, "The file type isn't supported");
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(metaPath, meta);
  fs.renameSync(c.file.path, chunkFile(dir, info.n)); // a duplicate simply replaces the earlier copy
  emu.faults.chunksAccepted++;

  for (let i = 1; i <= info.total; i++) if (!fs.existsSync(chunkFile(dir, i))) return sendText(res, 200, "ok");
  if (assembling.has(dir)) return sendText(res, 200, "ok");
  assembling.add(dir);
  let file: TempFile;
  try {
    file = await assemble(emu, dir, info);
  } catch {
    return sendText(res, 500, "Could not assemble the upload");
  } finally {
    assembling.delete(dir);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const fileName = info.filename || c.get("resumableRelativePath") || "";
  await finishUpload({
    emu,
    res,
    token: c.token,
    kind: c.kind,
    resumableId: info.id,
    reserved: false,
    file,
    fileName,
    formExtras: c.extras,
    fmt: c.fmt,
  });
}

async function assemble(emu: Emu, dir: string, info: ChunkInfo): Promise<TempFile> {
  const out = tempPath(emu.dataDir);
  // One pipeline over all chunks: a pipeline per chunk into the same file stream piled up
  // listeners on it (MaxListenersExceededWarning past ten chunks).
  async function* chunks() {
    for (let i = 1; i <= info.total; i++) yield* fs.createReadStream(chunkFile(dir, i));
  }
  try {
    await pipeline(chunks, fs.createWriteStream(out));
  } catch (e) {
    fs.rmSync(out, { force: true });
    throw e;
  }
  const head = Buffer.alloc(4100);
  const fd = fs.openSync(chunkFile(dir, 1), "r");
  const n = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  return { path: out, size: info.totalSize, head: head.subarray(0, n), truncated: false };
}
