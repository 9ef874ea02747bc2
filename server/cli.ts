#!/usr/bin/env node
import { Command } from 'commander';
import { ConfigError, loadConfig } from './config/load.ts';
import { cliEnv } from './cli/environment.ts';
import { SIDELIGHT_VERSION } from './version.ts';

const program = new Command('sidelight').version(SIDELIGHT_VERSION).option('-c, --config <file>', 'configuration file (default: sidelight.config.ts or $SIDELIGHT_CONFIG)');
const env = () => cliEnv(program.opts<{ config?: string }>());
// Commands load their modules when they run, so `sidelight validate` does not pay for the demo generator.
const demoCommands = () => import('./cli/demo-command.ts');
const tokenCommands = () => import('./cli/token-command.ts');

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
  .action(async (options: { build: boolean; port?: string }) => (await import('./cli/start-command.ts')).startCommand(env(), options));

program
  .command('serve')
  .description('serve the API until SIGINT/SIGTERM')
  .option('-p, --port <port>', 'port (default $PORT or 8787)')
  .option('--host <host>', 'interface to listen on (default 127.0.0.1)')
  .action(async (options: { port?: string; host?: string }) => (await import('./cli/serve-command.ts')).serveCommand(env(), options));

program
  .command('sync')
  .description('run data models now (all, or --model NAME, repeatable)')
  .option('-m, --model <name...>', 'model name(s)')
  .option('--full-refresh', 'read everything even for incremental models (and drop what the source no longer has)')
  .action(async (options: { model?: string[]; fullRefresh?: boolean }) => {
    if (!(await (await import('./cli/sync-command.ts')).syncCommand(env(), options))) process.exitCode = 1;
  });

program
  .command('suggest')
  .description("propose a data model per kind from a source's schema, with a validated preview of the first rows")
  .requiredOption('-s, --source <name>', 'the source to read')
  .option('--schema <name>', 'read this schema (default: the one named like the source, else all)')
  .option('--sample <rows>', 'rows sampled per table (default 100)')
  .option('--preview <rows>', 'rows of each proposal checked against the contract (default 20)')
  .option('--json', 'as JSON')
  .action(async (options: { source: string; schema?: string; sample?: string; preview?: string; json?: boolean }) =>
    (await import('./cli/suggest-command.ts')).suggestCommand(env(), options),
  );

const token = program.command('token').description('API tokens: one per person, with a role');
token
  .command('create')
  .requiredOption('--role <role>', 'support_agent | account_exec | cs_rep | admin')
  .requiredOption('--name <name>', 'the person the token belongs to')
  .option('--expires-days <days>', 'expire after this many days')
  .action(async (options: { role: string; name: string; expiresDays?: string }) => (await tokenCommands()).tokenCreate(env(), options));
token.command('revoke <idOrName>').description('revoke a token by id, or all tokens of a person').action(async (idOrName: string) => (await tokenCommands()).tokenRevoke(env(), idOrName));
token.command('list').action(async () => (await tokenCommands()).tokenList(env()));

program
  .command('export')
  .description('write the whole store (PGlite or PostgreSQL) to a folder, with counts and checksums')
  .requiredOption('-o, --out <dir>', 'folder to write')
  .action(async (options: { out: string }) => (await import('./cli/transfer-command.ts')).exportCommand(env(), options));
program
  .command('import')
  .description('load an export into a new store (DATABASE_URL, else SIDELIGHT_DATA_DIR) and verify it')
  .requiredOption('-f, --from <dir>', 'folder written by export')
  .action(async (options: { from: string }) => (await import('./cli/transfer-command.ts')).importCommand(env(), options));

const quarantine = program.command('quarantine').description('rows that failed their contract');
quarantine
  .command('list')
  .option('-m, --model <name>', 'one model')
  .option('--json', 'as JSON')
  .action(async (options: { model?: string; json?: boolean }) => (await import('./cli/quarantine-command.ts')).quarantineList(env(), options));
quarantine
  .command('replay')
  .description("put a model's quarantined rows through the contract again after a fix")
  .requiredOption('-m, --model <name>', 'the model')
  .action(async (options: { model: string }) => (await import('./cli/quarantine-command.ts')).quarantineReplay(env(), options));

program
  .command('erase')
  .description("erase a person (GDPR): their records, their activity's personal values, history, audit; later syncs skip them")
  .option('--email <address>', 'the person by email address')
  .option('--person <id>', 'the person by entity id (per_…)')
  .option('--dry-run', 'list what would be erased and change nothing')
  .option('--json', 'as JSON')
  .action(async (options: import('./cli/erase-command.ts').EraseOptions) => (await import('./cli/erase-command.ts')).eraseCommand(env(), options));

const demo = program.command('demo').description('the demo company');
demo.command('seed').option('--scale <scale>', 'small | medium | large (large needs DEMO_SOURCE_DATABASE_URL)', 'small').action(async (options: { scale?: string }) => (await demoCommands()).demoSeed(env(), options));
demo.command('list').option('--json', 'the full listing as JSON').action(async (options: { json?: boolean }) => (await demoCommands()).demoList(env(), options));

const identityCommands = () => import('./cli/identity-command.ts');
const identity = program.command('identity').description('the probabilistic identity engine on CSV files (no server, no store)');
// The program's -c/--config is parsed wherever it stands, so `identity evaluate --config rules.json` lands in
// the program's options; these commands read no sidelight configuration, so there it names the rules file.
const identityRules = <T extends { config?: string }>(options: T): T => ({ ...options, config: options.config ?? program.opts<{ config?: string }>().config });
const identityInput = (command: Command) =>
  command
    .requiredOption('--left <file>', 'CSV of records (the only file when deduplicating)')
    .option('--right <file>', 'second CSV: link it to --left instead of deduplicating')
    .requiredOption('--id-column <name>', 'column holding each record id')
    .option('--config <rules.json>', 'comparisons, blocking rules and threshold (docs/identity.md); chosen automatically without it')
    .option('--threshold <probability>', 'match probability at or above which a pair is a link (default 0.9)')
    .option('--ignore-column <name...>', 'columns not to compare (e.g. a ground-truth cluster column)');
identityInput(identity.command('evaluate').description('precision, recall and F1 against a truth file; the last line is JSON'))
  .requiredOption('--truth <file>', 'CSV with header left_id,right_id listing the true pairs')
  .option('--supervised', 'count m from the true pairs instead of estimating it by EM')
  .option('--clusters', 'count the pairs inside the clusters the links form, not only the linked pairs')
  .action(async (options: import('./cli/identity-command.ts').IdentityEvaluateOptions) => (await identityCommands()).identityEvaluate(identityRules(options)));
identityInput(identity.command('explain').description("each attribute's level and contribution in bits for one pair"))
  .requiredOption('--left-id <id>', 'record id in --left')
  .requiredOption('--right-id <id>', 'record id in --right (or in --left when deduplicating)')
  .option('--json', 'as JSON')
  .action(async (options: import('./cli/identity-command.ts').IdentityExplainOptions) => (await identityCommands()).identityExplain(identityRules(options)));

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(`sidelight: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
