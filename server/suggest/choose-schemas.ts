import type { SourceConfig } from '../config/schema.ts';

export interface SchemaChoice {
  schemas: string[];
  reason: string;
}

/**
 * Which schemas of a database to read. One database often holds several systems (the demo keeps crm,
 * billing, product and zendesk side by side): a schema named like the source, its system or its app is the
 * one it means. Otherwise every schema is read.
 */
export function chooseSchemas(available: readonly string[], source: { name: string; config: SourceConfig }, explicit?: string): SchemaChoice {
  if (explicit) {
    if (!available.includes(explicit)) throw new SchemaNotFound(explicit, available);
    return { schemas: [explicit], reason: `schema ${explicit}, as asked` };
  }
  if (available.length <= 1) return { schemas: [...available], reason: available.length ? `schema ${available[0]}, the only one` : 'no schemas with tables' };
  const names = [source.name, source.config.system, source.config.app].map((n) => n.toLowerCase());
  const named = available.find((schema) => names.includes(schema.toLowerCase()));
  if (named) {
    const others = available.filter((s) => s !== named);
    return { schemas: [named], reason: `schema ${named}, named like the source (also there: ${others.join(', ')}; pass a schema to read another)` };
  }
  return { schemas: [...available], reason: `every schema (${available.join(', ')}): none is named like the source` };
}

export class SchemaNotFound extends Error {
  readonly schema: string;
  constructor(schema: string, available: readonly string[]) {
    super(`no schema "${schema}" with tables in this source; there are: ${available.join(', ') || 'none'}`);
    this.schema = schema;
  }
}
