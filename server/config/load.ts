import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SidelightConfig } from './schema.ts';

export class ConfigError extends Error {
  readonly file: string;
  readonly issues: { path: string; message: string }[];
  constructor(file: string, issues: { path: string; message: string }[]) {
    super(`${file}: invalid configuration\n${issues.map((i) => `  - ${i.path || '(root)'}: ${i.message}`).join('\n')}`);
    this.file = file;
    this.issues = issues;
  }
}

export function configPath(explicit?: string): string {
  return path.resolve(explicit ?? process.env.SIDELIGHT_CONFIG ?? 'sidelight.config.ts');
}

export function parseConfig(raw: unknown, file = 'config'): SidelightConfig {
  const parsed = SidelightConfig.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      file,
      parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
    );
  }
  return parsed.data;
}

export async function loadConfig(explicit?: string): Promise<SidelightConfig> {
  const file = configPath(explicit);
  if (!existsSync(file)) throw new ConfigError(file, [{ path: '', message: 'file not found' }]);
  const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  if (mod.default === undefined) throw new ConfigError(file, [{ path: '', message: 'no default export (export default defineConfig({...}))' }]);
  return parseConfig(mod.default, file);
}
