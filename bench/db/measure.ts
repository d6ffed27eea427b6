// Timing: one warm-up, then `runs` timed calls one after another; the median and the 95th percentile
// (nearest rank: with 7 runs, the slowest).
import type { Case } from './cases.ts';

export interface Timing { median: number; p95: number }

export async function timeCase(c: Case, runs: number): Promise<Timing> {
  await c.run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await c.run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.ceil(p * samples.length) - 1)]!;
  return { median: round(at(0.5)), p95: round(at(0.95)) };
}

export function timingTable(cases: Case[], timings: Record<string, Timing>, targetMs: number): string {
  const width = Math.max(...cases.map((c) => c.name.length));
  const lines = cases.map((c) => {
    const t = timings[c.name]!;
    const flag = t.p95 > targetMs ? '  SLOW' : '';
    return `${c.name.padEnd(width)}  ${fmt(t.median)}  ${fmt(t.p95)}${flag}   ${c.what}`;
  });
  return [`${'case'.padEnd(width)}  ${'median'.padStart(9)}  ${'p95'.padStart(9)}`, ...lines].join('\n');
}

function fmt(ms: number): string {
  return `${ms.toFixed(1)} ms`.padStart(9);
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
