// Network helpers: a byte-counting TCP proxy placed in front of the portal, and a streaming
// multipart/form-data upload (file read from disk, never held in memory).
import { createReadStream } from "node:fs";
import http from "node:http";
import net from "node:net";
import { performance } from "node:perf_hooks";

export type CountingProxy = {
  port: number;
  /** Bytes client→portal and portal→client since the last reset. */
  counts: () => { toPortal: number; fromPortal: number };
  reset: () => void;
  close: () => Promise<void>;
};

export function startCountingProxy(targetPort: number): Promise<CountingProxy> {
  let toPortal = 0;
  let fromPortal = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, "127.0.0.1");
    sockets.add(client).add(upstream);
    client.on("data", (d: Buffer) => (toPortal += d.length));
    upstream.on("data", (d: Buffer) => (fromPortal += d.length));
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const addr = server.address() as net.AddressInfo;
      resolve({
        port: addr.port,
        counts: () => ({ toPortal, fromPortal }),
        reset: () => {
          toPortal = 0;
          fromPortal = 0;
        },
        close: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      });
    });
  });
}

export type UploadResult = { status: number; headers: http.IncomingHttpHeaders; body: string; seconds: number; bytes: number; mbPerSec: number };

/**
 * POSTs `fields` then the first `size` bytes of `filePath` as the `file` part of a
 * multipart/form-data body, with Content-Length set, streaming the file from disk.
 */
export function multipartUpload(opts: {
  url: string;
  fields: Record<string, string>;
  filePath: string;
  size: number;
  filename?: string;
  contentType?: string;
}): Promise<UploadResult> {
  const boundary = `----bench${Math.random().toString(16).slice(2)}`;
  const head =
    Object.entries(opts.fields)
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join("") +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${opts.filename ?? "bench.mp4"}"\r\nContent-Type: ${opts.contentType ?? "video/mp4"}\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  const length = Buffer.byteLength(head) + opts.size + Buffer.byteLength(tail);
  const u = new URL(opts.url);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(
      {
        host: u.hostname === "localhost" ? "127.0.0.1" : u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method: "POST",
        headers: { "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": String(length), host: u.host },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const seconds = (performance.now() - t0) / 1000;
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
            seconds,
            bytes: opts.size,
            mbPerSec: opts.size / 1048576 / seconds,
          });
        });
      },
    );
    req.on("error", reject);
    req.write(head);
    const file = createReadStream(opts.filePath, { start: 0, end: opts.size - 1, highWaterMark: 1 << 20 });
    file.on("error", reject);
    file.pipe(req, { end: false });
    file.on("end", () => req.end(tail));
  });
}
