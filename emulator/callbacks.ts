import type { ServerResponse } from "node:http";
import type { Emu } from "./context.ts";
import type { TokenRow } from "./store.ts";
import { escapeHtml, sendHtml, sendJson, sendText } from "./http-util.ts";
import type { FormatOpts } from "./format.ts";

export const MAX_GET_URL = 1500;
const RESERVED = new Set(["domain", "upload_token", "replace_token", "photo_id", "tree_id", "token", "error_message"]);
const BACKGROUND_TIMEOUT_MS = 10_000;

export type Outcome = { ok: true; photo_id: string; tree_id: string; token: string } | { ok: false; code: string; message: string };

/** Protocol order: domain, upload_token (replace_token), result fields, then extras (token's first, then the form's). */
export function callbackParams(emu: Emu, t: TokenRow, out: Outcome, formExtras: [string, string][]): [string, string][] {
  const p: [string, string][] = [
    ["domain", emu.domain],
    [t.kind === "replace" ? "replace_token" : "upload_token", t.upload_token],
  ];
  if (out.ok) p.push(["photo_id", out.photo_id], ["tree_id", out.tree_id], ["token", out.token]);
  else p.push(["error_message", out.message]);
  const extras = [...(JSON.parse(t.extras) as [string, string][]), ...formExtras];
  for (const [k, v] of extras) if (!RESERVED.has(k)) p.push([k, v]);
  return p;
}

/** return_url's own query stays first and untouched; ours is appended form-encoded. */
export function callbackUrl(returnUrl: string, params: [string, string][]): string {
  const i = returnUrl.indexOf("#");
  const base = i >= 0 ? returnUrl.slice(0, i) : returnUrl;
  const hash = i >= 0 ? returnUrl.slice(i) : "";
  const sep = !base.includes("?") ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
  return base + sep + new URLSearchParams(params).toString() + hash;
}

export function autoPostPage(action: string, params: [string, string][]): string {
  const inputs = params.map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join("\n");
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Returning…</title></head>
<body onload="document.forms[0].submit()">
<form method="POST" action="${escapeHtml(action)}" enctype="application/x-www-form-urlencoded">
${inputs}
<noscript><p>Your upload is complete. Press the button to continue.</p></noscript>
<button type="submit">Continue</button>
</form>
</body></html>`;
}

async function backgroundCall(emu: Emu, t: TokenRow, params: [string, string][]): Promise<string> {
  const url = callbackUrl(t.return_url, params);
  const usePost = url.length > MAX_GET_URL;
  const target = usePost ? t.return_url : url;
  const entry = {
    at: new Date().toISOString(),
    url: target,
    method: (usePost ? "POST" : "GET") as "GET" | "POST",
    status: null as number | null,
    error: undefined as string | undefined,
  };
  emu.callbackLog.push(entry);
  try {
    const r = await fetch(target, {
      method: entry.method,
      redirect: "manual",
      signal: AbortSignal.timeout(BACKGROUND_TIMEOUT_MS),
      ...(usePost ? { body: new URLSearchParams(params).toString(), headers: { "Content-Type": "application/x-www-form-urlencoded" } } : {}),
    });
    entry.status = r.status;
    await r.body?.cancel();
  } catch (e) {
    entry.error = e instanceof Error ? e.message : String(e);
  }
  return target;
}

/** Sends the redeem answer for a finished upload, by whichever transport the token asks for. */
export async function deliver(emu: Emu, res: ServerResponse, t: TokenRow, out: Outcome, formExtras: [string, string][], fmt: FormatOpts): Promise<void> {
  if (emu.faults.current.dropCallbacks) return sendText(res, 200, "ok");
  if (!t.return_url) {
    const json = fmt.format === "json" && fmt.raw;
    if (out.ok) return json ? sendJson(res, 200, { status: "ok", photo_id: out.photo_id, tree_id: out.tree_id, token: out.token }) : sendText(res, 200, "ok");
    return json ? sendJson(res, 200, { status: "error", code: out.code, message: out.message }) : sendText(res, 400, out.message);
  }
  const params = callbackParams(emu, t, out, formExtras);
  if (t.background_return_p) {
    const target = await backgroundCall(emu, t, params);
    return out.ok ? sendText(res, 200, `ok ${emu.domain} ${out.tree_id} ${out.photo_id} ${out.token} ${target}`) : sendText(res, 200, `error ${out.message}`);
  }
  const url = callbackUrl(t.return_url, params);
  if (url.length <= MAX_GET_URL) {
    res.writeHead(301, { Location: url, "Content-Type": "text/plain; charset=utf-8", "Content-Length": "0" });
    res.end();
    return;
  }
  sendHtml(res, 200, autoPostPage(t.return_url, params));
}
