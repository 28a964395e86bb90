// Serves the portal: Next's own request handler behind a plain node:http server, so that each
// request can be stamped with the client's address from the socket before Next sees it
// (lib/http/client-ip.ts says why `next start` alone cannot tell who is asking).
// Usage: node --import tsx scripts/serve.ts [--dev] [-p PORT] [-H HOSTNAME]
// Used by `npm start`/`npm run dev` (scripts/start.ts), the e2e harness and the bench.
import http from "node:http";
import next from "next";
import { env } from "../lib/env";
import { stampClientIp } from "../lib/http/client-ip";

const argv = process.argv.slice(2);
const flag = (names: string[]) => {
  const i = argv.findIndex((a) => names.includes(a));
  return i >= 0 ? argv[i + 1] : undefined;
};
const dev = argv.includes("--dev");
const settings = env();
const port = Number(flag(["-p", "--port"]) ?? settings.PORT);
const hostname = flag(["-H", "--hostname"]);
const hops = settings.TRUSTED_PROXY_HOPS;

const app = next({ dev, dir: process.cwd(), port, hostname: hostname ?? "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  stampClientIp(req, hops);
  void handle(req, res);
});
if (dev) {
  const upgrade = app.getUpgradeHandler();
  server.on("upgrade", (req, socket, head) => {
    stampClientIp(req, hops);
    void upgrade(req, socket, head);
  });
}
server.listen(port, hostname, () => {
  console.log(`[serve] ${dev ? "development" : "production"} portal on ${hostname ?? "all interfaces"}:${port}; trusted proxy hops: ${hops}`);
});

let closing = false;
async function close() {
  if (closing) return;
  closing = true;
  server.close();
  server.closeIdleConnections();
  await app.close().catch(() => {});
  process.exit(0);
}
process.on("SIGINT", () => void close());
process.on("SIGTERM", () => void close());
