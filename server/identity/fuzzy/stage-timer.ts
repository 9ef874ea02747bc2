/**
 * Milliseconds per stage of a run: `lap(name)` closes the stage that began at the previous lap (or at the
 * start) under `name`; `timings` is what the run reports.
 */
export function stageTimer(): { timings: Record<string, number>; lap: (name: string) => void } {
  const timings: Record<string, number> = {};
  let started = performance.now();
  return {
    timings,
    lap(name) {
      const now = performance.now();
      timings[name] = Math.round(now - started);
      started = now;
    },
  };
}
