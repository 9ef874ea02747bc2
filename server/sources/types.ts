import type { ModelConfig, SourceConfig } from '../config/schema.ts';

export type SourceRow = Record<string, unknown>;

/**
 * A connection to one source system. A source yields a model's rows in batches, whether it runs SQL or
 * reads a file (and, later, pages through an API).
 */
export interface SourceConnection {
  readonly name: string;
  readonly config: SourceConfig;
  readBatches(model: ModelConfig, options: { batchSize: number; signal?: AbortSignal }): AsyncIterable<SourceRow[]>;
  /**
   * When the source's data for this model last changed, where the source can tell (a file's modification
   * time); a database read live is as fresh as the run, so SQL sources leave this out.
   */
  dataAsOf?(model: ModelConfig): Promise<Date | null>;
  close(): Promise<void>;
}

/** A source could not be read: unreachable, timed out, wrong credentials, a broken query. */
export class SourceError extends Error {
  readonly source: string;
  constructor(source: string, message: string, options?: { cause?: unknown }) {
    super(`source "${source}": ${message}`, options);
    this.source = source;
  }
}
