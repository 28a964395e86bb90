// Plain HTTP to the portal from a chosen loopback address (127.0.0.0/8 all reaches this machine),
// so a test can be "another client" for real: the portal keys its limits on the socket's address,
// and Playwright's own request context cannot pick its source address.
import http from "node:http";

export type Answer = { status: number; headers: http.IncomingHttpHeaders; text: string; cookies: string[] };

export const portalPort = Number(process.env.E2E_PORT ?? 3100);

export function httpFrom(
  localAddress: string,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: portalPort,
        localAddress,
        method: opts.method ?? "GET",
        path: opts.path,
        headers: { host: `localhost:${portalPort}`, ...opts.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString("utf8"),
            cookies: (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]!),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

/** A multipart body exactly as fetch would encode `fields` (boundary in the content type). */
export async function multipart(fields: Record<string, string>): Promise<{ body: Buffer; contentType: string }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const req = new Request("http://x/", { method: "POST", body: form });
  return { body: Buffer.from(await req.arrayBuffer()), contentType: req.headers.get("content-type")! };
}

/** A different made-up address each call, as an attacker rotating X-Forwarded-For writes them. */
let n = 0;
export const rotatedForwardedFor = () => `198.51.100.${(n++ % 250) + 1}, 203.0.113.${((n * 7) % 250) + 1}`;
