import type { ModelConfig, SourceConfig } from '../config/schema.ts';
import type { CursorValue } from './cursor.ts';

export type SourceRow = Record<string, unknown>;

export interface ReadOptions {
  batchSize: number;
  signal?: AbortSignal;
  since?: { column: string; value: CursorValue };
}

/**
 * A connection to one source system. A source yields a model's rows in batches, whether it runs SQL or
 * reads a file (and, later, pages through an API).
 */
export interface SourceConnection {
  readonly name: string;
  readonly config: SourceConfig;
  /** The model's rows; with `since`, only rows whose cursor column is at or past it (an incremental run). */
  readBatches(model: ModelConfig, options: ReadOptions): AsyncIterable<SourceRow[]>;
  /** The largest cursor value the source holds for the model, to notice a cursor that went backwards. */
  maxCursor(model: ModelConfig, column: string): Promise<CursorValue | null>;
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
