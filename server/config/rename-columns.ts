import type { ModelConfig } from './schema.ts';

/** A source row with the model's `columns` renames applied (source name -> the kind's name). */
export function renameColumns(model: ModelConfig, raw: Record<string, unknown>): Record<string, unknown> {
  if (!model.columns) return raw;
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) row[model.columns[key.trim()] ?? key] = value;
  return row;
}

