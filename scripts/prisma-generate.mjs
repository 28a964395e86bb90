// `prisma generate` never runs the schema engine, but the CLI still insists on finding one and
// tries to download it from a host these machines cannot reach. Pointing
// PRISMA_SCHEMA_ENGINE_BINARY at any existing file keeps generate offline (stack-notes.md).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}
const bin = path.join("node_modules", "prisma", "build", "index.js");
if (!existsSync(bin)) {
  console.log("prisma-generate: prisma not installed yet, skipping");
  process.exit(0);
}
const r = spawnSync(process.execPath, [bin, "generate"], { stdio: "inherit", env });
process.exit(r.status ?? 1);
