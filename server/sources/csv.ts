import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse';
import type { ModelConfig, SourceConfig } from '../config/schema.ts';
import { SourceError, type SourceConnection, type SourceRow } from './types.ts';

type CsvSourceConfig = Extract<SourceConfig, { type: 'csv' }>;

/** CSV files with a header row; `columns` in the model renames headers to the kind's names. */
export function connectCsv(name: string, config: CsvSourceConfig, baseDir = process.cwd()): SourceConnection {
  const dir = path.resolve(baseDir, config.dir);
  return {
    name,
    config,
    async *readBatches(model: ModelConfig, options) {
      const file = path.resolve(dir, model.file!);
      if (!file.startsWith(dir + path.sep)) throw new SourceError(name, `model "${model.name}": file ${model.file} is outside ${dir}`);
      if (!existsSync(file)) throw new SourceError(name, `model "${model.name}": no file ${file}`);
      const rename = model.columns ?? {};
      const parser = createReadStream(file).pipe(
        parse({
          bom: true,
          columns: (header: string[]) => header.map((h) => rename[h.trim()] ?? h.trim()),
          skip_empty_lines: true,
          relax_column_count: true,
        }),
      );
      let batch: SourceRow[] = [];
      try {
        for await (const record of parser as AsyncIterable<SourceRow>) {
          options.signal?.throwIfAborted();
          batch.push(record);
          if (batch.length >= options.batchSize) {
            yield batch;
            batch = [];
          }
        }
      } catch (error) {
        throw new SourceError(name, `model "${model.name}": ${(error as Error).message}`, { cause: error });
      }
      if (batch.length) yield batch;
    },
    // An export that stopped arriving is stale however often we re-read it.
    dataAsOf: async (model: ModelConfig) => (await stat(path.resolve(dir, model.file!))).mtime,
    close: async () => undefined,
  };
}
