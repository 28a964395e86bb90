import type { IncomingMessage, ServerResponse } from "node:http";
import busboy from "busboy";
import { authenticate, levelAtLeast, parseAuthHeader } from "./oauth.ts";
import { render, type FormatOpts, type Json } from "./format.ts";
import { ApiError, nowSec, type ApiCtx, type ApiResult, type Emu, type Method } from "./context.ts";
import { formPairs, readBody, send, sendHtml } from "./http-util.ts";
import { site } from "./site-info.ts";
import { METHODS } from "./methods/index.ts";

function formatOpts(pairs: [string, string][]): FormatOpts {
  const m = new Map<string, string>();
  for (const [k, v] of pairs) if (!m.has(k)) m.set(k, v);
  return { format: m.get("format"), raw: m.has("raw"), varname: m.get("varname"), callback: m.get("callback") };
}

function multipartFields(req: IncomingMessage): Promise<[string, string][]> {
  return new Promise((resolve, reject) => {
    const out: [string, string][] = [];
    const bb = busboy({ headers: req.headers, limits: { fieldSize: 1 << 20 } });
    bb.on("field", (k, v) => out.push([k, v]));
    bb.on("file", (_n, stream) => stream.resume());
    bb.on("close", () => resolve(out));
    bb.on("error", reject);
    req.pipe(bb);
  });
}

/** Handles every /api/ method except redeem (which has its own, unsigned, streaming path). */
export async function handleApi(emu: Emu, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const endpoint = url.pathname.replace(/\/+$/, "");
  const fault = emu.faults.current.apiFailure;
  if (fault === "timeout") return; // leave the socket open; server.close() destroys it
  if (fault === "500") return send(res, 500, "text/plain", "Internal Server Error\n");
  if (fault === "503") return send(res, 503, "text/plain", "Service Unavailable\n", { "Retry-After": "5" });
  if (fault === "html")
    return sendHtml(
      res,
      200,
      "<!DOCTYPE html><html><head><title>Error</title></head><body><h1>Something went wrong</h1><p>Please try again later.</p></body></html>",
    );

  const method = (req.method ?? "GET").toUpperCase();
  const query = [...url.searchParams];
  let signed: [string, string][] = [];
  let unsigned: [string, string][] = [];
  let fmtPairs = query;
  let early: ApiError | null = null;
  try {
    if (method === "POST") {
      const ct = String(req.headers["content-type"] ?? "").toLowerCase();
      if (ct.startsWith("multipart/form-data")) unsigned = await multipartFields(req);
      else if (ct.startsWith("application/x-www-form-urlencoded") || ct === "") signed = formPairs(await readBody(req));
      else await readBody(req, 16 << 20).catch(() => "");
      fmtPairs = [...signed, ...unsigned, ...query];
      if (query.length) early = new ApiError("invalid_signature", "Parameters are not allowed in the URL query of a POST request");
    } else if (method === "GET") signed = query;
    else early = new ApiError("invalid_input", `HTTP method ${method} is not supported`);
  } catch {
    early = new ApiError("invalid_input", "The request body could not be read");
  }
  const fmt = formatOpts(fmtPairs);
  const base = { endpoint, level: "anonymous" as ApiCtx["level"] };
  const reply = (body: Record<string, Json>) => {
    const r = render(body, fmt);
    send(res, 200, r.contentType, r.body);
  };
  const replyError = (e: ApiError, level: string) => reply({ status: "error", code: e.code, message: e.message, permission_level: level, endpoint });

  if (early) return replyError(early, base.level);
  const m: Method | undefined = METHODS[endpoint];
  if (!m) return replyError(new ApiError("invalid_input", `Unknown method: ${endpoint}`), base.level);

  const selfUrl = `http://${req.headers.host ?? emu.domain}${url.pathname}`;
  const auth = authenticate(emu.db, method, selfUrl, parseAuthHeader(req.headers.authorization), signed, nowSec(emu));
  if (!auth.ok) return replyError(new ApiError("invalid_signature", auth.message), "none");

  const pairs = [...signed, ...unsigned].filter(([k]) => !k.startsWith("oauth_"));
  const params = new Map<string, string>();
  for (const [k, v] of pairs) if (!params.has(k)) params.set(k, v);
  const ctx: ApiCtx = { emu, endpoint, level: auth.level, userId: auth.userId, params, pairs };
  let result: ApiResult;
  try {
    if (!levelAtLeast(ctx.level, m.level))
      throw new ApiError("permission_denied", `This method requires a higher permission level (required level: '${m.level}')`);
    result = m.run(ctx);
  } catch (e) {
    if (e instanceof ApiError) return replyError(e, ctx.level);
    throw e;
  }
  if (result.binary) return send(res, 200, result.binary.contentType, result.binary.body, { "Cache-Control": "no-store" });
  const body: Record<string, Json> = { status: "ok" };
  if (result.message) body.message = result.message;
  Object.assign(body, { permission_level: ctx.level, cached: "0" }, result.fields);
  Object.assign(body, { p: result.p ?? 1, size: result.size ?? 1, site: result.fields.site ?? site(emu), endpoint });
  reply(body);
}
