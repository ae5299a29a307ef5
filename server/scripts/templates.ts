import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { createTimeTriggers } from '../src/automation/index.js';
import { buildCoreSchema } from '../src/app/core-schema.js';
import { openAppDatabase } from '../src/app/database.js';
import { Membership, Role, Workspace } from '../src/identity/index.js';
import { fileRecordHooks, openFileStore } from '../src/files/index.js';
import { activeObjects, MetadataCache } from '../src/metadata/index.js';
import { stageHooks } from '../src/pipelines/index.js';
import { createEventBus, createLogger, loadConfig } from '../src/platform/index.js';
import { createRecordStore, findNameConflicts } from '../src/records/index.js';
import {
  exportWorkspace,
  installInTransaction,
  listTemplates,
  loadTemplate,
  loadTemplateFile,
  planTemplate,
  TemplateError,
  type Template,
  type TemplatePlan,
} from '../src/templates/index.js';

const usage = `Usage: pnpm templates -- <command> [options]
  list                                   the templates in TEMPLATES_DIR and whether they validate
  validate <file>…                       check template files; prints file:line: reason, exits 1 on errors
  plan <key> --workspace <id|name>       what installing would change (or --file <template.yaml>)
  install <key> --workspace <id|name>    install or upgrade (or --file …); --sample-data adds sample records
  export --workspace <id|name>           print the workspace as a template; --data, --key, --name, --out <file>
The database is the server's: DATABASE_URL, or the embedded one in DATA_DIR (the running server's, if it runs).`;

// `pnpm run templates -- list` may hand the `--` on; it is not the end of the options here.
const argv = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--'));
const { values: options, positionals } = parseArgs({
  args: argv,
  allowPositionals: true,
  options: {
    workspace: { type: 'string', short: 'w' },
    file: { type: 'string', short: 'f' },
    'sample-data': { type: 'boolean', default: false },
    data: { type: 'boolean', default: false },
    key: { type: 'string' },
    name: { type: 'string' },
    out: { type: 'string', short: 'o' },
    user: { type: 'string', description: 'e-mail of the member who installs (default: the oldest owner)' },
    help: { type: 'boolean', short: 'h' },
  },
});
const [command, ...args] = positionals;
const config = loadConfig();

/** Paths are the caller's: pnpm runs the script in server/ and says where it was started. */
const fromCaller = (file: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), file);

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function printPlan(plan: TemplatePlan): void {
  const from = plan.fromVersion === null ? 'not installed' : `version ${plan.fromVersion}`;
  console.log(`${plan.key}: ${from} → version ${plan.toVersion}${plan.upToDate ? ' (up to date)' : ''}`);
  for (const step of plan.steps) console.log(`  ${step.action.padEnd(18)} ${step.description}`);
}

async function templateArg(): Promise<Template> {
  if (options.file) return loadTemplateFile(fromCaller(options.file));
  if (!args[0]) fail('Name a template key, or --file <template.yaml>.');
  return loadTemplate(config.templatesDir, args[0]);
}

async function withDatabase<T>(work: (em: EntityManager, orm: MikroORM) => Promise<T>): Promise<T> {
  const database = await openAppDatabase(config, createLogger('warn'));
  try {
    return await work(database.orm.em.fork(), database.orm);
  } finally {
    await database.close();
  }
}

async function findWorkspace(em: EntityManager): Promise<Workspace> {
  const ref = options.workspace ?? fail('Say which workspace with --workspace <id or name>.');
  const isId = /^[0-9a-f-]{36}$/i.test(ref);
  const found = await em.find(Workspace, isId ? { id: ref } : { name: ref });
  if (found.length !== 1)
    fail(found.length ? `Several workspaces are named “${ref}”; use its id.` : `No workspace “${ref}”.`);
  return found[0]!;
}

async function installer(em: EntityManager, workspace: Workspace): Promise<string> {
  const membership = await em.findOne(
    Membership,
    options.user
      ? { workspace, user: { email: options.user.toLowerCase() } }
      : { workspace, role: Role.OWNER },
    { orderBy: { createdAt: 'asc' } },
  );
  if (!membership)
    fail(options.user ? `${options.user} is not a member of this workspace.` : 'The workspace has no owner.');
  return membership.user.id;
}

async function run(): Promise<void> {
  switch (command) {
    case 'list': {
      for (const entry of await listTemplates(config.templatesDir)) {
        if (entry.template)
          console.log(`${entry.key.padEnd(16)} v${entry.template.version}  ${entry.template.name}`);
        else console.log(`${entry.key.padEnd(16)} INVALID: ${entry.error?.message.split('\n')[0]}`);
      }
      return;
    }
    case 'validate': {
      if (!args.length) fail('Name one or more template files.');
      let failed = false;
      for (const file of args) {
        try {
          const template = await loadTemplateFile(fromCaller(file));
          console.log(`${file}: ok (${template.key} version ${template.version})`);
        } catch (error) {
          failed = true;
          if (error instanceof TemplateError) process.stderr.write(`${error.message}\n`);
          else process.stderr.write(`${file}: ${(error as Error).message}\n`);
        }
      }
      if (failed) process.exit(1);
      return;
    }
    case 'plan': {
      const template = await templateArg();
      await withDatabase(async (em) => {
        const workspace = await findWorkspace(em);
        printPlan(await planTemplate(em, workspace.id, template, options['sample-data']));
      });
      return;
    }
    case 'install': {
      const template = await templateArg();
      const core = await buildCoreSchema(createEventBus().bus);
      // Sample photos are stored as the server stores uploads, in its file store.
      const records = createRecordStore([stageHooks, fileRecordHooks]);
      const fileStore = await openFileStore(config.files);
      await withDatabase(async (em, orm) => {
        const services = {
          templatePhotos: {
            store: fileStore,
            maxFileBytes: config.files.maxFileBytes,
            allowedHosts: config.files.importAllowedHosts,
          },
          records,
          schemaConflicts: (metadata: Parameters<typeof activeObjects>[0]) =>
            findNameConflicts(core, activeObjects(metadata)),
          templatesDir: config.templatesDir,
          // Schedules the jobs of the date-relative and scheduled rules it installs, as the server does.
          automationTimeTriggers: createTimeTriggers({
            orm,
            logger: createLogger('warn'),
            metadataCache: new MetadataCache(),
            records: () => records,
          }),
        };
        const workspace = await findWorkspace(em);
        const actorId = await installer(em, workspace);
        const { plan, afterCommit } = await em.transactional((tx) =>
          installInTransaction(tx, services, workspace.id, template, {
            withSampleData: options['sample-data'],
            actorId,
          }),
        );
        for (const task of afterCommit) await task();
        printPlan(plan);
      });
      return;
    }
    case 'export': {
      await withDatabase(async (em) => {
        const workspace = await findWorkspace(em);
        const text = await exportWorkspace(em, workspace.id, {
          withData: options.data,
          key: options.key,
          name: options.name,
          records: createRecordStore(),
          actorId: await installer(em, workspace),
        });
        if (options.out) {
          await writeFile(fromCaller(options.out), text);
          console.log(`wrote ${options.out}`);
        } else process.stdout.write(text);
      });
      return;
    }
    default:
      console.log(usage);
      if (!options.help && command) process.exit(1);
  }
}

run().catch((error: unknown) => {
  if (error instanceof TemplateError || (error instanceof Error && 'extensions' in error))
    fail(error.message);
  throw error;
});
