#!/usr/bin/env node
import { Command } from 'commander';
import { ConfigError, loadConfig } from './config/load.ts';
import { cliEnv } from './cli/environment.ts';
import { demoList, demoSeed } from './cli/demo-command.ts';
import { serveCommand } from './cli/serve-command.ts';
import { startCommand } from './cli/start-command.ts';
import { syncCommand } from './cli/sync-command.ts';
import { tokenCreate, tokenList, tokenRevoke } from './cli/token-command.ts';
import { SIDELIGHT_VERSION } from './version.ts';

const program = new Command('sidelight').version(SIDELIGHT_VERSION).option('-c, --config <file>', 'configuration file (default: sidelight.config.ts or $SIDELIGHT_CONFIG)');
const env = () => cliEnv(program.opts<{ config?: string }>());

program
  .command('validate')
  .description('check the configuration and print every error with its path')
  .action(async () => {
    const config = await loadConfig(env().configFile);
    console.log(`configuration is valid: ${Object.keys(config.sources).length} sources, ${config.models.length} models, ${config.properties.length} properties`);
  });

program
  .command('start')
  .description('seed and sync the demo on first run, build the extension, serve the API')
  .option('--no-build', 'skip building the extension')
  .option('-p, --port <port>', 'port (default $PORT or 8787)')
  .action((options: { build: boolean; port?: string }) => startCommand(env(), options));

program
  .command('serve')
  .description('serve the API until SIGINT/SIGTERM')
  .option('-p, --port <port>', 'port (default $PORT or 8787)')
  .option('--host <host>', 'interface to listen on (default 127.0.0.1)')
  .action((options: { port?: string; host?: string }) => serveCommand(env(), options));

program
  .command('sync')
  .description('run data models now (all, or --model NAME, repeatable)')
  .option('-m, --model <name...>', 'model name(s)')
  .action(async (options: { model?: string[] }) => {
    if (!(await syncCommand(env(), options))) process.exitCode = 1;
  });

const token = program.command('token').description('API tokens: one per person, with a role');
token
  .command('create')
  .requiredOption('--role <role>', 'support_agent | account_exec | cs_rep | admin')
  .requiredOption('--name <name>', 'the person the token belongs to')
  .option('--expires-days <days>', 'expire after this many days')
  .action((options: { role: string; name: string; expiresDays?: string }) => tokenCreate(env(), options));
token.command('revoke <idOrName>').description('revoke a token by id, or all tokens of a person').action((idOrName: string) => tokenRevoke(env(), idOrName));
token.command('list').action(() => tokenList(env()));

const demo = program.command('demo').description('the demo company');
demo.command('seed').option('--scale <scale>', 'small', 'small').action((options: { scale?: string }) => demoSeed(env(), options));
demo.command('list').option('--json', 'the full listing as JSON').action((options: { json?: boolean }) => demoList(env(), options));

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(`sidelight: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
