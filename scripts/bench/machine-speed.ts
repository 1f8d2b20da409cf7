// This VM's speed changes by up to ~45% from one hour to the next (same code, same load): a
// benchmark's seconds or requests per second mean little without a figure of the machine's speed
// at the time. Each benchmark prints this one beside its result.
import { createHash } from "node:crypto";

/** Milliseconds of one core for a fixed piece of work (hashing and a JavaScript loop), the fastest of three: lower is a faster machine. */
export function referenceWorkMs() {
  const block = Buffer.alloc(1024 * 1024, 7);
  const timings = Array.from({ length: 3 }, () => {
    const started = performance.now();
    const hash = createHash("sha256");
    for (let round = 0; round < 100; round++) hash.update(block);
    let sum = 0;
    for (let index = 0; index < 20_000_000; index++) sum += index % 7;
    hash.update(String(sum)).digest();
    return performance.now() - started;
  });
  return Math.min(...timings);
}

export const machineSpeedLine = () => `machine: reference work ${referenceWorkMs().toFixed(0)} ms (lower is faster)`;
