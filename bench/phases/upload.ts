// Upload path on the emulator: a 1 GiB multipart upload to redeem-upload-token against a bare
// node:http server piping the body to a file (same disk, same client, same run), alternating
// sink/emulator; and the emulator's peak memory (VmHWM of its own process, a fresh process per
// size) for a 100 MiB and a 2 GiB upload. The file is random bytes behind an MP4 `ftyp` box so
// the emulator's content sniffing accepts it.
import { closeSync, mkdirSync, openSync, rmSync, statfsSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Ctx } from "../lib/context";
import { round } from "../lib/load";
import { multipartUpload, type UploadResult } from "../lib/net";
import { freePort } from "../../scripts/lib/pg-cluster";
import { emulatorNodeArgs } from "../../scripts/lib/emulator-process";
import { cpuSecondsOf, memOf, sampleRss, spawnChild, waitForHttp, type Child } from "../lib/procs";

const MiB = 1 << 20;

export type UploadBenchResult = {
  throughput: {
    sizeBytes: number;
    runs: number;
    emulatorMBps: number[];
    sinkMBps: number[];
    emulator: number;
    sink: number;
    ratio: number;
    pass: boolean;
    /** CPU seconds per GiB uploaded (process user + system), best run. */
    emulatorCpuSecPerGiB: number;
    sinkCpuSecPerGiB: number;
  };
  memory: {
    small: { sizeBytes: number; idleHwm: number; hwm: number; peakRssSampled: number };
    large: { sizeBytes: number; idleHwm: number; hwm: number; peakRssSampled: number };
    sinkHwm: number;
    growthBytes: number;
    pass: boolean;
  };
};

/** A file of `size` bytes: an MP4 `ftyp` box, then random data (a 16 MiB random block repeated). */
export function makeVideoFile(file: string, size: number) {
  const ftyp = Buffer.from("000000206674797069736f6d0000020069736f6d69736f32617663316d703431", "hex");
  const block = randomBytes(16 * MiB);
  const fd = openSync(file, "w");
  try {
    writeSync(fd, ftyp);
    let written = ftyp.length;
    while (written < size) {
      const n = Math.min(block.length, size - written);
      writeSync(fd, block, 0, n);
      written += n;
    }
  } finally {
    closeSync(fd);
  }
}

export function freeBytes(dir: string): number {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
}

export async function startEmulatorChild(ctx: Ctx, name: string): Promise<{ child: Child; url: string; dataDir: string }> {
  const port = await freePort();
  const dataDir = path.join(ctx.tmp, name);
  const child = spawnChild(
    name,
    emulatorNodeArgs(),
    { ...ctx.env, EMULATOR_PORT: String(port), EMULATOR_DATA_DIR: dataDir },
    path.join(ctx.tmp, `${name}.log`),
  );
  await waitForHttp(`http://127.0.0.1:${port}/`, 30_000, child);
  return { child, url: `http://localhost:${port}`, dataDir };
}

/** An upload token minted on an emulator with its demo `write` credentials (no return_url: plain `ok`). */
export async function emulatorToken(url: string): Promise<string> {
  const { createTwentyThreeClient } = await import("../../lib/twentythree/client");
  const { EMULATOR_DEMO_CREDENTIALS } = await import("../../lib/env");
  const { log } = await import("../../lib/log");
  // Its per-call info line would land among the bench's own output; warnings and errors still show.
  const logger = { ...log, debug: () => {}, info: () => {} };
  const client = createTwentyThreeClient({ apiUrl: url, ...EMULATOR_DEMO_CREDENTIALS, logger });
  return (await client.getUploadToken({ title: "bench upload", maxUploads: 1, validMinutes: 60 })).uploadToken;
}

async function redeem(url: string, filePath: string, size: number): Promise<UploadResult> {
  const token = await emulatorToken(url);
  const r = await multipartUpload({ url: `${url}/api/photo/redeem-upload-token`, fields: { upload_token: token }, filePath, size });
  if (r.status !== 200 || !r.body.startsWith("ok")) throw new Error(`redeem answered ${r.status}: ${r.body.slice(0, 200)}`);
  return r;
}

/** Peak memory of a fresh emulator process for one upload of `size` bytes. */
async function memoryRun(ctx: Ctx, filePath: string, size: number) {
  const emu = await startEmulatorChild(ctx, `emulator-mem-${size}`);
  try {
    // Warm the process up with a tiny upload so that both sizes start from the same state.
    await redeem(emu.url, filePath, 64 * 1024);
    const idleHwm = memOf(emu.child.pid).hwm;
    const sampler = sampleRss(emu.child.pid, 25);
    await redeem(emu.url, filePath, size);
    const peakRssSampled = sampler.stop();
    const hwm = memOf(emu.child.pid).hwm;
    return { sizeBytes: size, idleHwm, hwm, peakRssSampled };
  } finally {
    await emu.child.stop();
    rmSync(emu.dataDir, { recursive: true, force: true });
  }
}

export async function benchUpload(ctx: Ctx): Promise<UploadBenchResult> {
  const dir = path.join(ctx.tmp, "files");
  mkdirSync(dir, { recursive: true });
  const big = ctx.quick ? 256 * MiB : 2048 * MiB;
  const small = ctx.quick ? 16 * MiB : 100 * MiB;
  const tput = ctx.quick ? 128 * MiB : 1024 * MiB;
  // The source file, plus one stored copy at a time on the emulator's side.
  const need = big * 2 + 512 * MiB;
  if (freeBytes(ctx.tmp) < need) throw new Error(`needs ${(need / 2 ** 30).toFixed(1)} GiB free under ${ctx.tmp}`);
  const file = path.join(dir, "source.mp4");
  makeVideoFile(file, big);
  ctx.log(`  wrote a ${big / MiB} MiB source file`);
  try {
    // Peak memory: 100 MiB vs 2 GiB, a fresh emulator process each.
    const memSmall = await memoryRun(ctx, file, small);
    ctx.log(`  emulator VmHWM after ${small / MiB} MiB: ${(memSmall.hwm / MiB).toFixed(1)} MiB (idle ${(memSmall.idleHwm / MiB).toFixed(1)})`);
    const memLarge = await memoryRun(ctx, file, big);
    ctx.log(`  emulator VmHWM after ${big / MiB} MiB: ${(memLarge.hwm / MiB).toFixed(1)} MiB (idle ${(memLarge.idleHwm / MiB).toFixed(1)})`);

    // Throughput: sink and emulator alternate, same file and client; median run of each.
    const sinkPort = await freePort();
    const sinkDir = path.join(ctx.tmp, "sink");
    mkdirSync(sinkDir, { recursive: true });
    const sink = spawnChild(
      "sink",
      ["--import", "tsx", "bench/baseline-server.ts"],
      { ...ctx.env, BENCH_MODE: "sink", BENCH_PORT: String(sinkPort), BENCH_SINK_DIR: sinkDir },
      path.join(ctx.tmp, "sink.log"),
    );
    await waitForHttp(`http://127.0.0.1:${sinkPort}/health`, 30_000, sink);
    const emu = await startEmulatorChild(ctx, "emulator-tput");
    const runs = 3; // the figure is the median of three rounds
    const sinkMBps: number[] = [];
    const emulatorMBps: number[] = [];
    let sinkHwm = 0;
    const sinkCpu: number[] = [];
    const emuCpu: number[] = [];
    const perGiB = (sec: number) => round(sec / (tput / 2 ** 30), 2);
    try {
      for (let i = 0; i < runs; i++) {
        const sc0 = cpuSecondsOf(sink.pid);
        const s = await multipartUpload({ url: `http://127.0.0.1:${sinkPort}/upload`, fields: { upload_token: "x" }, filePath: file, size: tput });
        if (s.status !== 200) throw new Error(`sink answered ${s.status}`);
        sinkMBps.push(round(s.mbPerSec, 1));
        sinkCpu.push(perGiB(cpuSecondsOf(sink.pid) - sc0));
        const ec0 = cpuSecondsOf(emu.child.pid);
        const e = await redeem(emu.url, file, tput);
        emuCpu.push(perGiB(cpuSecondsOf(emu.child.pid) - ec0));
        emulatorMBps.push(round(e.mbPerSec, 1));
        rmSync(path.join(emu.dataDir, "files"), { recursive: true, force: true });
        mkdirSync(path.join(emu.dataDir, "files"), { recursive: true });
        ctx.log(
          `  ${tput / MiB} MiB run ${i + 1}: sink ${s.mbPerSec.toFixed(0)} MiB/s (${sinkCpu.at(-1)} CPU s/GiB), emulator ${e.mbPerSec.toFixed(0)} MiB/s (${emuCpu.at(-1)} CPU s/GiB)`,
        );
      }
      sinkHwm = memOf(sink.pid).hwm;
    } finally {
      await sink.stop();
      await emu.child.stop();
      rmSync(emu.dataDir, { recursive: true, force: true });
    }
    // Median of the rounds (issue #20): one lucky or unlucky round on a shared machine decides nothing.
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const emulator = median(emulatorMBps);
    const sinkBest = median(sinkMBps);
    const ratio = round(emulator / sinkBest, 2);
    const growthBytes = memLarge.hwm - memSmall.hwm;
    return {
      throughput: {
        sizeBytes: tput,
        runs,
        emulatorMBps,
        sinkMBps,
        emulator,
        sink: sinkBest,
        ratio,
        pass: ratio >= 0.8,
        emulatorCpuSecPerGiB: Math.min(...emuCpu),
        sinkCpuSecPerGiB: Math.min(...sinkCpu),
      },
      memory: { small: memSmall, large: memLarge, sinkHwm, growthBytes, pass: growthBytes <= 16 * MiB },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
