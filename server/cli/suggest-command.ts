import { suggestModels } from '../suggest/suggest-models.ts';
import { formatSuggestions } from '../suggest/format-suggestions.ts';
import type { SuggestRequest, SuggestResult } from '../suggest/suggest-result.ts';
import { callServer, cliConfig, runningServer, type CliEnv } from './environment.ts';

export interface SuggestCommandOptions {
  source: string;
  schema?: string;
  sample?: string;
  preview?: string;
  json?: boolean;
}

const count = (value: string | undefined, flag: string) => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a positive whole number, not "${value}"`);
  return n;
};

/**
 * `sidelight suggest --source NAME`: proposes a model per kind from the source's schema. Through the running
 * server when one holds the store (it may be reading the same embedded source folder), else directly.
 */
export async function suggestCommand(env: CliEnv, options: SuggestCommandOptions): Promise<void> {
  const request: SuggestRequest = {
    ...(options.schema ? { schema: options.schema } : {}),
    ...(options.sample ? { sampleRows: count(options.sample, '--sample') } : {}),
    ...(options.preview ? { previewRows: count(options.preview, '--preview') } : {}),
  };
  const server = runningServer(env);
  const result: SuggestResult = server
    ? await callServer<SuggestResult>(server, 'POST', `/v1/sources/${encodeURIComponent(options.source)}/suggest`, request)
    : await suggestModels(await cliConfig(env), options.source, request);
  console.log(options.json ? JSON.stringify(result, null, 2) : formatSuggestions(result));
}
