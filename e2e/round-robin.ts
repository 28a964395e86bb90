// A load balancer for the scale-out test: round-robin over portal instances, appending the
// client's address to X-Forwarded-For as a real balancer does (the instances trust one hop).
// Written with node:http by hand (about 30 lines) rather than adding http-proxy for one test: it
// only has to stream a request to the next backend and the answer back.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Balancer = { port: number; served: number[]; close: () => Promise<void> };

export async function roundRobin(backends: number[]): Promise<Balancer> {
  const served = backends.map(() => 0);
  let next = 0;
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const i = next++ % backends.length;
    served[i]!++;
    const forwarded = [req.headers["x-forwarded-for"], req.socket.remoteAddress].filter(Boolean).join(", ");
    const up = http.request(
      { host: "127.0.0.1", port: backends[i], method: req.method, path: req.url, agent, headers: { ...req.headers, "x-forwarded-for": forwarded } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    up.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    served,
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
