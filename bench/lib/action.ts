// Calling a Next.js server action over HTTP the way the browser's JavaScript does: POST to the
// page URL with `Next-Action: <id>` and the arguments encoded as React's `encodeReply` encodes
// `(prevState, formData)` for a `useActionState` action: multipart fields `_1_<name>` per form
// field, then `0` = `[{},"$K1"]` (the root argument list, `$K1` pointing at FormData part 1).
import { readFileSync } from "node:fs";
import path from "node:path";

export function actionIds(distDir: string): Record<string, string> {
  const manifest = JSON.parse(readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const out: Record<string, string> = {};
  for (const [id, v] of Object.entries(manifest.node)) if (v.exportedName && v.filename) out[`${v.filename}#${v.exportedName}`] = id;
  return out;
}

export function actionRequest(opts: { port: number; path: string; actionId: string; fields: Record<string, string>; headers?: Record<string, string> }): {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
} {
  const boundary = `----WebKitFormBoundary${Math.random().toString(36).slice(2, 18)}`;
  // The browser appends the form's fields first and sets the root `0` last (FormData.set on a
  // new key appends), and the server resolves `$K1` from the entries seen before `0`.
  const parts: Array<[string, string]> = [...Object.entries(opts.fields).map(([k, v]) => [`_1_${k}`, v] as [string, string]), ["0", `[{},"$K1"]`]];
  const body = Buffer.from(
    parts.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") + `--${boundary}--\r\n`,
  );
  return {
    method: "POST",
    path: opts.path,
    headers: {
      "next-action": opts.actionId,
      accept: "text/x-component",
      origin: `http://127.0.0.1:${opts.port}`,
      "content-type": `multipart/form-data; boundary=${boundary}`,
      ...(opts.headers ?? {}),
    },
    body,
  };
}
