import { z } from 'zod';

/**
 * Imported first by every entry point that bundles zod, before any schema is built. Zod 4 compiles object
 * parsers with `new Function` when it can, and probes for that ability once; an extension's CSP forbids
 * it (no `unsafe-eval` in MV3), so the probe fails and is reported as a CSP violation on every start.
 * Jitless, zod neither probes nor compiles. `tests/e2e/build-gate.test.ts` keeps eval out of the build.
 * https://zod.dev/packages/core#jitless
 */
z.config({ jitless: true });
