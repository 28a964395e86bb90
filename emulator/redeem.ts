import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import busboy from "busboy";
import { nowSec, type Emu } from "./context.ts";
import { getToken, releaseUse, reserveUse, tokenState } from "./store.ts";
import { finishUpload, tokenErrors } from "./finalize.ts";
import { writeToTemp, type TempFile } from "./upload-file.ts";
import { sendText } from "./http-util.ts";
import { handleChunk, handleTestChunk, isChunked } from "./chunked.ts";
import { UPLOAD, type RedeemKind } from "./redeem-kind.ts";
import type { FormatOpts } from "./format.ts";

const PLAIN_LIMIT = 4 * 1024 ** 3; // plain uploads are capped at 4 GB
const NOT_EXTRA = new Set(["upload_token", "replace_token", "format", "raw", "file"]);

export function formExtras(pairs: [string, string][]): [string, string][] {
  return pairs.filter(([k]) => !NOT_EXTRA.has(k) && !k.startsWith("resumable"));
}

export function fmtOf(get: (k: string) => string | undefined, has: (k: string) => boolean): FormatOpts {
  return { format: get("format"), raw: has("raw") };
}

export async function handleRedeem(emu: Emu, req: IncomingMessage, res: ServerResponse, url: URL, rk: RedeemKind = UPLOAD): Promise<void> {
  if (req.method === "GET" || req.method === "HEAD") return handleTestChunk(emu, res, url, rk);
  if (req.method !== "POST") return sendText(res, 405, "Method not allowed", { Allow: "POST, GET, OPTIONS" });
  if (
    !String(req.headers["content-type"] ?? "")
      .toLowerCase()
      .startsWith("multipart/form-data")
  ) {
    req.resume();
    return sendText(res, 400, "The upload must be sent as multipart/form-data");
  }

  const errors = tokenErrors(rk.kind);
  const pairs: [string, string][] = [...url.searchParams];
  const get = (k: string) => {
    for (const [a, b] of pairs) if (a === k) return b;
    return undefined;
  };
  let reservedToken: string | null = null; // a use taken before streaming, to give back on abort
  let tokenError: string | null = null;
  let upload: Promise<TempFile> | null = null;
  let fileStream: (NodeJS.ReadableStream & { destroy(e?: Error): void }) | null = null;
  let fileName = "";
  let completed = false;
  const chunked = () => isChunked(get);

  let bb: busboy.Busboy;
  try {
    bb = busboy({ headers: req.headers, limits: { fileSize: PLAIN_LIMIT, fieldSize: 1 << 20 } });
  } catch {
    req.resume();
    return sendText(res, 400, "Malformed multipart body");
  }
  const rate = () => emu.faults.current.slowUploadBytesPerSec;

  bb.on("field", (k, v) => pairs.push([k, v]));
  bb.on("file", (name, stream, info) => {
    if (name !== "file" || upload || tokenError) return void stream.resume();
    fileName = info.filename ?? "";
    const token = get(rk.field);
    // Token known before the body: take the use now, so racing uploads are refused up front.
    if (token !== undefined && !chunked()) {
      const st = reserveUse(emu.db, token, nowSec(emu), rk.kind);
      if (st !== "ok") {
        tokenError = errors[st] ?? errors.unknown!;
        return void stream.resume();
      }
      reservedToken = token;
    } else if (token !== undefined && chunked()) {
      const st = tokenState(getToken(emu.db, token, rk.kind), nowSec(emu));
      if (st !== "ok") {
        tokenError = errors[st]!;
        return void stream.resume();
      }
    }
    fileStream = stream;
    upload = writeToTemp(emu.dataDir, stream, rate);
    upload.catch(() => undefined);
  });

  const cleanup = async () => {
    if (completed) return;
    completed = true;
    // An aborted request never ends the file stream by itself; without this the pipeline would hang.
    fileStream?.destroy(new Error("upload aborted"));
    if (upload)
      await upload.then(
        (f) => fs.rmSync(f.path, { force: true }),
        () => undefined,
      );
    if (reservedToken) releaseUse(emu.db, reservedToken);
  };
  req.on("close", () => {
    if (!req.complete) void cleanup();
  });
  bb.on("error", () => {
    void cleanup().then(() => sendText(res, 400, "Malformed multipart body"));
  });

  bb.on("close", async () => {
    if (completed) return;
    let file: TempFile | null = null;
    try {
      file = upload ? await upload : null;
    } catch {
      await cleanup();
      return sendText(res, 400, "The upload was interrupted");
    }
    if (completed) return; // aborted while the last bytes were being written
    completed = true;
    const token = get(rk.field);
    if (tokenError || token === undefined || token === "") {
      if (file) fs.rmSync(file.path, { force: true });
      return sendText(res, 400, tokenError ?? `${rk.field} is required`);
    }
    const fmt = fmtOf(get, (k) => pairs.some(([a]) => a === k));
    const extras = formExtras(pairs);
    if (chunked()) return handleChunk(emu, res, { token, kind: rk.kind, file, get, fmt, extras });
    if (!reservedToken && !getToken(emu.db, token, rk.kind)) {
      if (file) fs.rmSync(file.path, { force: true });
      return sendText(res, 400, errors.unknown!);
    }
    await finishUpload({
      emu,
      res,
      token,
      kind: rk.kind,
      resumableId: get("resumableIdentifier") ?? "",
      reserved: reservedToken !== null,
      file,
      fileName,
      formExtras: extras,
      fmt,
    });
  });
  req.pipe(bb);
}
