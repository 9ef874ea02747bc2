import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { ModelConfig } from '../config/schema.ts';
import type { SourceConnection, SourceRow } from '../sources/types.ts';
import { sqlName } from './build-model.ts';
import { chooseSchemas, type SchemaChoice } from './choose-schemas.ts';
import type { ColumnInfo, TableInfo } from './types.ts';

export interface DescribeOptions {
  schema?: string;
  sampleRows: number;
  baseDir?: string;
}

export interface SourceDescription extends SchemaChoice {
  tables: TableInfo[];
  /** Tables that could not be read (no privilege, a broken view, a malformed file): left out, with the error. */
  skipped: { table: string; reason: string }[];
}

const MAX_TABLES = 300;

// PostgreSQL and PGlite: every column of every table and view outside the system schemas.
const POSTGRES_COLUMNS = `
  select c.table_schema as table_schema, c.table_name as table_name, c.column_name as column_name, c.data_type as data_type,
    (coalesce(c.column_default, '') like 'nextval(%' or c.is_identity = 'YES') as auto_increment,
    exists (
      select 1 from information_schema.table_constraints tc
      join information_schema.key_column_usage k
        on k.constraint_schema = tc.constraint_schema and k.constraint_name = tc.constraint_name and k.table_name = tc.table_name
      where tc.constraint_type = 'PRIMARY KEY' and tc.table_schema = c.table_schema and tc.table_name = c.table_name and k.column_name = c.column_name
    ) as primary_key
  from information_schema.columns c
  where c.table_schema not in ('pg_catalog', 'information_schema') and c.table_schema not like 'pg\\_%'
  order by c.table_schema, c.table_name, c.ordinal_position`;

// MySQL and MariaDB: the database the connection URL names. column_type keeps tinyint(1), MySQL's boolean.
const MYSQL_COLUMNS = `
  select table_schema as table_schema, table_name as table_name, column_name as column_name, column_type as data_type,
    column_key = 'PRI' as primary_key, extra like '%auto_increment%' as auto_increment
  from information_schema.columns
  where table_schema = database()
  order by table_name, ordinal_position`;

const flag = (value: unknown) => value === true || value === 1 || value === '1' || value === 't';

/** Runs a read-only query through the source's own connection, as a data model would. */
export async function queryRows(connection: SourceConnection, sql: string, limit = Infinity): Promise<SourceRow[]> {
  const model = ModelConfig.parse({ name: 'suggest', kind: 'accounts', source: connection.name, sql });
  const rows: SourceRow[] = [];
  for await (const batch of connection.readBatches(model, { batchSize: Math.min(limit, 5000) })) {
    rows.push(...batch);
    if (rows.length >= limit) break;
  }
  return rows.slice(0, limit);
}

/** Reads a source's tables, their columns and a sample of rows: information_schema for databases, headers for CSV. */
export async function describeSource(connection: SourceConnection, options: DescribeOptions): Promise<SourceDescription> {
  const config = connection.config;
  if (config.type === 'csv') return describeCsv(connection, path.resolve(options.baseDir ?? process.cwd(), config.dir), options.sampleRows);
  const dialect = config.type === 'mysql' ? 'mysql' : 'postgres';
  const rows = await queryRows(connection, dialect === 'mysql' ? MYSQL_COLUMNS : POSTGRES_COLUMNS);
  const tables = new Map<string, TableInfo>();
  for (const row of rows) {
    const schema = String(row.table_schema);
    const name = String(row.table_name);
    const key = `${schema}.${name}`;
    let table = tables.get(key);
    if (!table) tables.set(key, (table = { schema, name, columns: [], sample: [] }));
    const column: ColumnInfo = { name: String(row.column_name), dataType: String(row.data_type), primaryKey: flag(row.primary_key), autoIncrement: flag(row.auto_increment) };
    table.columns.push(column);
  }
  const available = [...new Set([...tables.values()].map((t) => t.schema!))];
  const choice = chooseSchemas(available, connection, options.schema);
  const chosen: TableInfo[] = [];
  const skipped: SourceDescription['skipped'] = [];
  for (const table of [...tables.values()].filter((t) => choice.schemas.includes(t.schema!)).slice(0, MAX_TABLES)) {
    const from = dialect === 'mysql' ? sqlName(table.name, dialect) : `${sqlName(table.schema!, dialect)}.${sqlName(table.name, dialect)}`;
    try {
      table.sample = await queryRows(connection, `select * from ${from} limit ${options.sampleRows}`);
    } catch (error) {
      skipped.push({ table: `${table.schema}.${table.name}`, reason: (error as Error).message });
      continue;
    }
    // A MySQL connection reads one database: its tables need no qualifying name.
    chosen.push(dialect === 'mysql' ? { ...table, schema: null } : table);
  }
  return { ...choice, tables: chosen, skipped };
}

async function describeCsv(connection: SourceConnection, dir: string, sampleRows: number): Promise<SourceDescription> {
  const files = (await readdir(dir)).filter((f) => /\.csv$/i.test(f)).sort().slice(0, MAX_TABLES);
  const tables: TableInfo[] = [];
  const skipped: SourceDescription['skipped'] = [];
  for (const file of files) {
    const model = ModelConfig.parse({ name: 'suggest', kind: 'accounts', source: connection.name, file });
    const sample: SourceRow[] = [];
    try {
      for await (const batch of connection.readBatches(model, { batchSize: sampleRows })) {
        sample.push(...batch);
        break;
      }
    } catch (error) {
      skipped.push({ table: file, reason: (error as Error).message });
      continue;
    }
    const headers = [...new Set(sample.flatMap((row) => Object.keys(row)))];
    tables.push({ schema: null, name: file.replace(/\.csv$/i, ''), file, columns: headers.map((name) => ({ name, dataType: 'text', primaryKey: false, autoIncrement: false })), sample });
  }
  return { schemas: [], reason: `${files.length} CSV file(s) in ${dir}`, tables, skipped };
}
