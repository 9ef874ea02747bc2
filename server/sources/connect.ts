import type { SidelightConfig } from '../config/schema.ts';
import { connectCsv } from './csv.ts';
import { connectMysql } from './mysql.ts';
import { connectPGlite } from './pglite.ts';
import { connectPostgres } from './postgres.ts';
import type { SourceConnection } from './types.ts';

export function connectSource(config: SidelightConfig, name: string, baseDir?: string): SourceConnection {
  const source = config.sources[name];
  if (!source) throw new Error(`unknown source "${name}"`);
  switch (source.type) {
    case 'postgres':
      return connectPostgres(name, source);
    case 'mysql':
      return connectMysql(name, source);
    case 'pglite':
      return connectPGlite(name, source, baseDir);
    case 'csv':
      return connectCsv(name, source, baseDir);
  }
}
