import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * A full garbage collection, without starting Node with --expose-gc: the flag can be set at run time and
 * `gc` read from a fresh context. Used to compare heaps before and after a load.
 */
export function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  gc();
}

export function heapUsedMb(): number {
  return process.memoryUsage().heapUsed / 1048576;
}
