import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse';
import type { ModelConfig, SourceConfig } from '../config/schema.ts';
import { compareCursors, cursorOf, maxCursor, type CursorValue } from './cursor.ts';
import { renameColumns } from '../config/rename-columns.ts';
import { SourceError, type SourceConnection, type SourceRow } from './types.ts';
import { UndecodableText } from './undecodable-text.ts';
import { Utf8Check } from './utf8-check.ts';

type CsvSourceConfig = Extract<SourceConfig, { type: 'csv' }>;

/** In a file with invalid UTF-8, a cell decoded with U+FFFD came from bytes that could not be read. */
function markUndecodable(record: SourceRow): SourceRow {
  for (const [key, value] of Object.entries(record)) if (typeof value === 'string' && value.includes('\uFFFD')) record[key] = new UndecodableText(value);
  return record;
}

/** CSV files with a header row (the model's `columns` renames headers to the kind's names, for any source). */
export function connectCsv(name: string, config: CsvSourceConfig, baseDir = process.cwd()): SourceConnection {
  const dir = path.resolve(baseDir, config.dir);
  const fileOf = (model: ModelConfig) => {
    const file = path.resolve(dir, model.file!);
    if (!file.startsWith(dir + path.sep)) throw new SourceError(name, `model "${model.name}": file ${model.file} is outside ${dir}`);
    if (!existsSync(file)) throw new SourceError(name, `model "${model.name}": no file ${file}`);
    return file;
  };

  async function* rows(model: ModelConfig, signal?: AbortSignal): AsyncIterable<SourceRow> {
    const utf8 = new Utf8Check();
    const parser = createReadStream(fileOf(model)).pipe(utf8).pipe(
      parse({
        bom: true,
        columns: (header: string[]) => header.map((h) => h.trim()),
        skip_empty_lines: true,
        relax_column_count: true,
      }),
    );
    try {
      for await (const record of parser as AsyncIterable<SourceRow>) {
        signal?.throwIfAborted();
        yield utf8.invalid ? markUndecodable(record) : record;
      }
    } catch (error) {
      if (error instanceof SourceError) throw error;
      throw new SourceError(name, `model "${model.name}": ${(error as Error).message}`, { cause: error });
    }
  }

  return {
    name,
    config,
    async *readBatches(model, options) {
      const since = options.since;
      let batch: SourceRow[] = [];
      for await (const record of rows(model, options.signal)) {
        if (since) {
          // A file has no WHERE: an incremental read filters here (rows without a cursor reach the contract check).
          const cursor = cursorOf(renameColumns(model, record)[since.column]);
          if (cursor && compareCursors(cursor, since.value) < 0) continue;
        }
        batch.push(record);
        if (batch.length >= options.batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    },
    async maxCursor(model, column) {
      let max: CursorValue | null = null;
      for await (const record of rows(model)) max = maxCursor(max, cursorOf(renameColumns(model, record)[column]));
      return max;
    },
    // An export that stopped arriving is stale however often we re-read it.
    dataAsOf: async (model: ModelConfig) => (await stat(fileOf(model))).mtime,
    close: async () => undefined,
  };
}
