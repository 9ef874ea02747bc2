import pg from 'pg';
import type { ModelConfig, SourceConfig } from '../config/schema.ts';
import { readWithCursor } from './sql-cursor.ts';
import { SourceError, type SourceConnection, type SourceRow } from './types.ts';

type PostgresSourceConfig = Extract<SourceConfig, { type: 'postgres' }>;

export function connectPostgres(name: string, config: PostgresSourceConfig, env: NodeJS.ProcessEnv = process.env): SourceConnection {
  const url = env[config.url.env];
  if (!url) throw new SourceError(name, `environment variable ${config.url.env} is not set`);
  const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 10_000 });
  pool.on('error', () => undefined); // an idle client's error surfaces on the next query instead
  return {
    name,
    config,
    async *readBatches(model: ModelConfig, options) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw new SourceError(name, `cannot connect: ${(error as Error).message}`, { cause: error });
      }
      try {
        const query = async (text: string) => ({ rows: (await client.query<SourceRow>(text)).rows });
        yield* readWithCursor(query, model.sql!, { ...options, timeoutSeconds: config.timeoutSeconds });
      } catch (error) {
        if (error instanceof SourceError) throw error;
        throw new SourceError(name, `model "${model.name}": ${(error as Error).message}`, { cause: error });
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
