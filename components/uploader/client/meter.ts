// Speed and time left from recent progress samples (a 5 s window, so a stall shows quickly).
export type Reading = { bytes: number; total: number; percent: number; bytesPerSecond: number | null; secondsLeft: number | null };

export function createMeter(total: number, now: () => number = () => Date.now(), windowMs = 5000) {
  const samples: Array<[number, number]> = [];
  return {
    update(bytes: number): Reading {
      const t = now();
      const b = Math.min(Math.max(bytes, 0), total);
      samples.push([t, b]);
      while (samples.length > 2 && t - samples[0]![0] > windowMs) samples.shift();
      const [t0, b0] = samples[0]!;
      const elapsed = (t - t0) / 1000;
      const bytesPerSecond = elapsed >= 0.5 && b >= b0 ? (b - b0) / elapsed : null;
      const secondsLeft = bytesPerSecond && bytesPerSecond > 0 ? Math.ceil((total - b) / bytesPerSecond) : null;
      return { bytes: b, total, percent: total > 0 ? Math.floor((b / total) * 100) : 100, bytesPerSecond, secondsLeft };
    },
  };
}
