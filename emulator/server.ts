import http from "node:http";
import type { Socket } from "node:net";
import path from "node:path";
import { openStore } from "./store.ts";
import { FaultState } from "./faults.ts";
import type { Emu } from "./context.ts";
import { handleApi } from "./api.ts";
import { handleRedeem } from "./redeem.ts";
import { REPLACE, UPLOAD } from "./redeem-kind.ts";
import { countApiCall, handleControl } from "./control.ts";
import { applyCors, preflight } from "./cors.ts";
import { indexPage, playerPage, serveOriginal, serveThumbnail } from "./pages.ts";
import { resumeTranscodes, stopTimers } from "./processing.ts";
import { sendText, sleep } from "./http-util.ts";

export interface EmulatorOptions {
  port?: number; // 0 = any free port
  host?: string;
  dataDir: string;
  corsOrigins?: string[] | "none";
  quiet?: boolean;
  /** Clock in ms, for tests that need tokens to expire. */
  now?: () => number;
  /** Seconds "transcoding" takes (default 5; 0 = instant). */
  transcodeSeconds?: number;
  /** POSTed `?type=photo&photo_id=N` when objects change; unset = no pingbacks. */
  pingbackUrl?: string | null;
}

export interface RunningEmulator {
  url: string;
  port: number;
  domain: string;
  close(): Promise<void>;
}

const REDEEM: Record<string, typeof UPLOAD> = {
  "/api/photo/redeem-upload-token": UPLOAD,
  "/api/photo/redeem-replace-token": REPLACE,
};
const FILE_PATH = /^\/(\d+)\/(\d+)\/([A-Za-z0-9]+)\/([a-z0-9_]+)$/;

async function route(emu: Emu, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const p = url.pathname;
  if (p.startsWith("/_emulator/")) return handleControl(emu, req, res, url);
  if (p.startsWith("/api/")) {
    countApiCall(emu, p);
    const redeem = REDEEM[p.replace(/\/+$/, "")];
    if (redeem) {
      applyCors(emu, req, res);
      if (req.method === "OPTIONS") return preflight(emu, req, res);
    }
    if (emu.faults.current.delayMs > 0) await sleep(emu.faults.current.delayMs);
    return redeem ? handleRedeem(emu, req, res, url, redeem) : handleApi(emu, req, res, url);
  }
  if (req.method !== "GET" && req.method !== "HEAD") return sendText(res, 405, "Method not allowed");
  if (p === "/") return indexPage(emu, res);
  if (p === "/v.ihtml/player.html") return playerPage(emu, res, url);
  const m = FILE_PATH.exec(p);
  if (m?.[4] === "original") return serveOriginal(emu, req, res, m);
  if (m) return serveThumbnail(emu, res, m);
  sendText(res, 404, "Not found");
}

export async function startEmulator(opts: EmulatorOptions): Promise<RunningEmulator> {
  const dataDir = path.resolve(opts.dataDir);
  const db = openStore(dataDir);
  const emu: Emu = {
    db,
    dataDir,
    domain: "",
    url: "",
    faults: new FaultState(),
    now: opts.now ?? Date.now,
    corsOrigins: opts.corsOrigins ?? ["http://localhost:3000"],
    callbackLog: [],
    quiet: opts.quiet ?? false,
    transcodeMs: Math.max(0, (opts.transcodeSeconds ?? 5) * 1000),
    pingbackUrl: opts.pingbackUrl || null,
    pingbackLog: [],
    timers: new Set(),
  };
  resumeTranscodes(emu);
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    route(emu, req, res).catch((e) => {
      if (!emu.quiet) console.error("[emulator]", e);
      if (!res.headersSent) sendText(res, 500, "Internal emulator error");
      else res.destroy();
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 4023, opts.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  emu.domain = `localhost:${port}`;
  emu.url = `http://localhost:${port}`;
  let closed = false;
  return {
    url: emu.url,
    port,
    domain: emu.domain,
    async close() {
      if (closed) return;
      closed = true;
      stopTimers(emu);
      // Hung requests (the "timeout" fault) would keep close() waiting forever.
      const done = new Promise<void>((r) => server.close(() => r()));
      for (const s of sockets) s.destroy();
      await done;
      db.close();
    },
  };
}
