import type { IncomingMessage, ServerResponse } from "node:http";
import type { Emu } from "./context.ts";

const ALLOWED_HEADERS = ["content-type", "x-requested-with", "accept", "accept-language", "content-language", "cache-control", "range"];

function allowedOrigin(emu: Emu, req: IncomingMessage): string | null {
  const origin = req.headers.origin;
  if (!origin || emu.corsOrigins === "none" || emu.faults.current.corsDisabled) return null;
  return emu.corsOrigins.includes(origin) ? origin : null;
}

/** Adds CORS headers for an allowed origin. Nothing is exposed and credentials are never allowed. */
export function applyCors(emu: Emu, req: IncomingMessage, res: ServerResponse): void {
  res.setHeader("Vary", "Origin");
  const o = allowedOrigin(emu, req);
  if (o) res.setHeader("Access-Control-Allow-Origin", o);
}

/** Preflight: 204 with the grants for allowed origins, 403 with none otherwise (the browser then blocks). */
export function preflight(emu: Emu, req: IncomingMessage, res: ServerResponse): void {
  const o = allowedOrigin(emu, req);
  const method = String(req.headers["access-control-request-method"] ?? "").toUpperCase();
  const wanted = String(req.headers["access-control-request-headers"] ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const ok = o && (!method || ["POST", "GET", "OPTIONS"].includes(method)) && wanted.every((h) => ALLOWED_HEADERS.includes(h));
  if (!ok) {
    res.removeHeader("Access-Control-Allow-Origin");
    res.writeHead(403, { Vary: "Origin", "Content-Length": "0" });
    return void res.end();
  }
  res.writeHead(204, {
    Vary: "Origin",
    "Access-Control-Allow-Origin": o,
    "Access-Control-Allow-Methods": "POST, GET, OPTIONS",
    "Access-Control-Allow-Headers": ALLOWED_HEADERS.join(", "),
    "Access-Control-Max-Age": "600",
    "Content-Length": "0",
  });
  res.end();
}
