import type { IncomingMessage, ServerResponse } from "node:http";

export function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { "Content-Type": contentType, "Content-Length": String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

export const sendText = (res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) =>
  send(res, status, "text/plain; charset=utf-8", text + "\n", headers);

export const sendJson = (res: ServerResponse, status: number, data: unknown) =>
  send(res, status, "application/json; charset=utf-8", JSON.stringify(data, null, 1));

export const sendHtml = (res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}) =>
  send(res, status, "text/html; charset=utf-8", html, headers);

export function readBody(req: IncomingMessage, limit = 1 << 20): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let n = 0;
    req.on("data", (c: Buffer) => {
      n += c.length;
      if (n > limit) {
        reject(new Error("body too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export function formPairs(s: string): [string, string][] {
  return [...new URLSearchParams(s)];
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
