import type { SidelightConfig } from '../config/schema.ts';
import type { TokenInfo } from '../auth/tokens.ts';
import type { Store } from '../store/open.ts';
import type { RateLimiter } from './rate-limit.ts';

export interface AppDeps {
  store: Store;
  config: SidelightConfig;
  version: string;
  /** Runs models now (the server serialises runs); injected so the HTTP layer stays thin. */
  runModels(models?: string[], options?: { fullRefresh?: boolean }): Promise<unknown>;
  /** Runs store-wide work (a replay) in turn with model runs. */
  serialise<T>(work: () => Promise<T>): Promise<T>;
  /** Per-token request limit; absent: no limit (tests, benchmarks). */
  rateLimiter?: RateLimiter;
}

export interface AppEnv {
  Variables: { deps: AppDeps; caller: TokenInfo };
}
