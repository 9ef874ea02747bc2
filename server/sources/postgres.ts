import pg from 'pg';
import type { ModelConfig, SourceConfig } from '../config/schema.ts';
import { postgresMaxCursor, postgresModelSql, readWithCursor, type QueryFn } from './sql-cursor.ts';
import { queryFailure } from './query-failure.ts';
import { SourceError, type SourceConnection, type SourceRow } from './types.ts';

type PostgresSourceConfig = Extract<SourceConfig, { type: 'postgres' }>;

export function connectPostgres(name: string, config: PostgresSourceConfig, env: NodeJS.ProcessEnv = process.env): SourceConnection {
  const url = env[config.url.env];
  if (!url) throw new SourceError(name, `environment variable ${config.url.env} is not set`);
  const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 10_000 });
  pool.on('error', () => undefined); // an idle client's error surfaces on the next query instead

  async function connect(): Promise<pg.PoolClient> {
    try {
      return await pool.connect();
    } catch (error) {
      throw new SourceError(name, `cannot connect: ${(error as Error).message}`, { cause: error });
    }
  }
  const wrap = (model: ModelConfig, error: unknown) =>
    error instanceof SourceError ? error : new SourceError(name, `model "${model.name}": ${queryFailure(error, config.timeoutSeconds)}`, { cause: error });

  return {
    name,
    config,
    async *readBatches(model, options) {
      const client = await connect();
      try {
        const query: QueryFn = async (text) => ({ rows: (await client.query<SourceRow>(text)).rows });
        yield* readWithCursor(query, postgresModelSql(model, options.since), { ...options, timeoutSeconds: config.timeoutSeconds });
      } catch (error) {
        throw wrap(model, error);
      } finally {
        client.release();
      }
    },
    async maxCursor(model, column) {
      const client = await connect();
      try {
        return await postgresMaxCursor(async (text) => ({ rows: (await client.query<SourceRow>(text)).rows }), model, column);
      } catch (error) {
        throw wrap(model, error);
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
