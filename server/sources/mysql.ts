import mysql from 'mysql2';
import type { ModelConfig, SourceConfig } from '../config/schema.ts';
import { cursorOf, sqlMax, sqlSince, type CursorValue } from './cursor.ts';
import { SourceError, type SourceConnection, type SourceRow } from './types.ts';

type MysqlSourceConfig = Extract<SourceConfig, { type: 'mysql' }>;

/**
 * MySQL and MariaDB through mysql2. Type mapping (documented in the README):
 * DATETIME/TIMESTAMP -> Date read as UTC; DATE -> Date at UTC midnight; DECIMAL and BIGINT -> strings (no
 * precision lost; the contract coerces); TINYINT(1)/BOOLEAN -> true/false; JSON -> parsed object (MariaDB stores JSON
 * as LONGTEXT with a JSON check, which mysql2 still parses); everything else as mysql2 reads it.
 */
export function connectMysql(name: string, config: MysqlSourceConfig, env: NodeJS.ProcessEnv = process.env): SourceConnection {
  const url = env[config.url.env];
  if (!url) throw new SourceError(name, `environment variable ${config.url.env} is not set`);
  const pool = mysql.createPool({
    uri: url,
    connectionLimit: 2,
    connectTimeout: 10_000,
    timezone: 'Z',
    dateStrings: false,
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
    typeCast: (field, next) => {
      if (field.type !== 'TINY' || field.length !== 1) return next();
      const value = field.string(); // a field may be read once: mysql2 reads the packet in order
      return value === null ? null : value === '1';
    },
  });

  const literal = (cursor: CursorValue) =>
    cursor.type === 'date' ? pool.escape(cursor.value.replace('T', ' ').replace('Z', '')) : cursor.type === 'number' ? String(Number(cursor.value)) : pool.escape(cursor.value);
  const wrap = (model: ModelConfig, error: unknown) => {
    const e = error as NodeJS.ErrnoException & { sqlMessage?: string };
    if (e.code === 'ECONNREFUSED' || e.code === 'ER_ACCESS_DENIED_ERROR' || e.code === 'ETIMEDOUT' || e.code === 'ENOTFOUND') {
      return new SourceError(name, `cannot connect: ${e.message}`, { cause: error });
    }
    return new SourceError(name, `model "${model.name}": ${e.sqlMessage ?? e.message}`, { cause: error });
  };

  return {
    name,
    config,
    async *readBatches(model, options) {
      const sql = options.since ? sqlSince(model.sql!, options.since.column, literal(options.since.value), '`') : model.sql!;
      const stream = pool.query({ sql, timeout: config.timeoutSeconds * 1000 }).stream({ highWaterMark: options.batchSize });
      let batch: SourceRow[] = [];
      try {
        for await (const row of stream as AsyncIterable<SourceRow>) {
          options.signal?.throwIfAborted();
          batch.push({ ...row });
          if (batch.length >= options.batchSize) {
            yield batch;
            batch = [];
          }
        }
      } catch (error) {
        throw wrap(model, error);
      } finally {
        stream.destroy();
      }
      if (batch.length) yield batch;
    },
    async maxCursor(model, column) {
      try {
        const [rows] = await pool.promise().query({ sql: sqlMax(model.sql!, column, '`'), timeout: config.timeoutSeconds * 1000 });
        return cursorOf((rows as SourceRow[])[0]?.max_cursor);
      } catch (error) {
        throw wrap(model, error);
      }
    },
    close: () => pool.promise().end(),
  };
}
