import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Temporal } from 'temporal-polyfill';
import { migrateToLatest } from '../adapters/db/connect.ts';
import { connectDatabase } from '../adapters/db/connect-pglite.ts';
import { listInbound } from '../adapters/db/inbound-messages.ts';
import { createJsonLog } from '../adapters/log/json-log.ts';
import { parseMime } from '../adapters/mail-in/parse-mime.ts';
import { loadConfigFile, locateConfig } from '../config/load-file.ts';
import type { Config } from '../config/schema.ts';
import { readSettings } from '../config/settings.ts';
import type { EscalationTarget } from '../core/handoff/playbook.ts';
import { readReply } from '../core/reply/read-reply.ts';
import { isValidTimeZone } from '../core/time/business-time.ts';
import { formatDuration } from '../core/time/duration.ts';
import { DEFAULT_WORKING_HOURS, formatWorkingHours, parseWorkingHours } from '../core/time/working-hours.ts';
import { buildDeps, ConfigError, loadNodeConfig, replayInbound, startNode } from './node.ts';

const USAGE = `Usage: baton <command> [--help]

  start                          run Baton (HTTP, SMTP, tick) as configured by the environment
  read FILE.eml [--tz ZONE] [--json]
                                 show how Baton reads one reply, touching no handoff
  check-config [FILE]            validate a config and print what Baton understood
  inbound list [--failed] [--limit N]
                                 list stored inbound messages (the ids replay takes)
  replay ID                      process a stored inbound message again
  migrate                        apply database migrations (DATABASE_URL, else the embedded database)

  baton --version                print the version
`;

/** Each command's own help, what `baton <command> --help` prints (and nothing else happens). */
const HELP: Record<string, string> = {
  start: `Usage: baton start

Runs Baton: HTTP on PORT (8787), SMTP on SMTP_PORT (2525) and the tick every BATON_TICK_SECONDS (30).
Configured by BATON_CONFIG, BATON_DATA_DIR, DATABASE_URL, BATON_SECRET, BATON_API_TOKENS and
RESEND_API_KEY (see the README's Environment section). SIGTERM or SIGINT stops it gracefully.
`,
  read: `Usage: baton read FILE.eml [--tz ZONE] [--hours "Mon-Fri 09:00-17:00"] [--json]

Shows how Baton reads one reply (intent, action, due time, the new text), touching no handoff.
  --tz ZONE     the receiver's IANA time zone (default UTC)
  --hours TEXT  the receiver's working hours (default Mon-Fri 09:00-17:00)
  --json        print { intent, action, due, text, reassignTo, returnDate } as JSON
`,
  'check-config': `Usage: baton check-config [FILE]

Validates a config (FILE, else BATON_CONFIG, ./baton.config.ts, ./baton.config.json) and prints what
Baton understood, or each error with the path of the bad key; exits 1 on errors.
`,
  inbound: `Usage: baton inbound list [--failed] [--limit N]

Lists stored inbound messages, newest first: id, received, sender, outcome, error.
  --failed   only the messages whose processing failed (replay them with baton replay ID)
  --limit N  at most N messages (default 50)
`,
  replay: `Usage: baton replay ID

Processes the stored inbound message ID again (see baton inbound list).
`,
  migrate: `Usage: baton migrate

Applies pending database migrations to DATABASE_URL, else to the embedded database.
`,
};

type Out = { out: (s: string) => void; err: (s: string) => void };
const stdio: Out = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** Runs one command; returns the exit code. */
export async function main(argv: string[], io: Out = stdio): Promise<number> {
  const [command, ...rest] = argv;
  if (command && HELP[command] && rest.some((a) => a === '--help' || a === '-h')) {
    io.out(HELP[command]);
    return 0;
  }
  try {
    switch (command) {
      case 'start':
        parseArgs({ args: rest, options: {} });
        return await start(io);
      case 'read':
        return await read(rest, io);
      case 'check-config':
        return await checkConfig(rest, io);
      case 'inbound':
        return await inbound(rest, io);
      case 'replay':
        return await replay(rest, io);
      case 'migrate':
        parseArgs({ args: rest, options: {} });
        return await migrate(io);
      case '--version':
      case '-v':
        io.out(`baton ${version()}\n`);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? 1 : 0;
      default:
        io.err(`baton: unknown command '${command}'\n\n${USAGE}`);
        return 1;
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`${error.message}\n`);
      return 1;
    }
    io.err(`baton ${command}: ${(error as Error).message}\n`);
    return 1;
  }
}

async function start(io: Out): Promise<number> {
  const runtime = await startNode();
  await new Promise<void>((done) => {
    const shutdown = (signal: string) => {
      io.err(`received ${signal}, shutting down\n`);
      runtime.stop().then(done, done);
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  });
  return 0;
}

async function read(args: string[], io: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      tz: { type: 'string', default: 'UTC' },
      json: { type: 'boolean', default: false },
      hours: { type: 'string' },
    },
  });
  const file = positionals[0];
  if (!file) {
    io.err('baton read: give a .eml file\n');
    return 1;
  }
  if (!isValidTimeZone(values.tz)) {
    io.err(`baton read: unknown time zone '${values.tz}'\n`);
    return 1;
  }
  const hours = parseWorkingHours(values.hours ?? DEFAULT_WORKING_HOURS);
  if (!hours.ok) {
    io.err(`baton read: --hours: ${hours.message}\n`);
    return 1;
  }
  const message = await parseMime(readFileSync(resolve(file)));
  const reading = readReply(message, { timeZone: values.tz, hours: hours.value, holidays: [] });
  const result = {
    intent: reading.intent,
    action: reading.action,
    due: reading.due ? isoWithOffset(reading.due, values.tz) : null,
    text: reading.text,
    reassignTo: reading.reassignTo,
    returnDate: reading.returnDate,
  };
  if (values.json) io.out(`${JSON.stringify(result)}\n`);
  else
    io.out(
      [
        `intent:     ${result.intent}`,
        `action:     ${result.action ?? '-'}`,
        `due:        ${result.due ?? '-'}`,
        `reassignTo: ${result.reassignTo ?? '-'}`,
        `returnDate: ${result.returnDate ?? '-'}`,
        `rule:       ${reading.rule}`,
        'text:',
        ...result.text.split('\n').map((l: string) => `  ${l}`),
        '',
      ].join('\n'),
    );
  return 0;
}

/** ISO 8601 with the zone's own offset, e.g. 2026-11-25T10:00:00+01:00. */
function isoWithOffset(at: Date, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(at.getTime())
    .toZonedDateTimeISO(timeZone)
    .toString({ timeZoneName: 'never', fractionalSecondDigits: 0 });
}

async function checkConfig(args: string[], io: Out): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const path = positionals[0] ? resolve(positionals[0]) : locateConfig(process.env, process.cwd()).path;
  const loaded = await loadConfigFile(path);
  if (!loaded.ok) {
    io.err(`${path}: ${loaded.errors.length} error${loaded.errors.length === 1 ? '' : 's'}\n`);
    for (const error of loaded.errors) io.err(`  ${error}\n`);
    return 1;
  }
  io.out(describeConfig(path, loaded.config));
  return 0;
}

function target(t: EscalationTarget): string {
  return t.kind === 'team' ? `team:${t.id}` : t.kind === 'member' ? t.email : t.kind;
}

/** What Baton understood from a config, for humans. */
export function describeConfig(path: string, config: Config): string {
  const lines = [
    `${path}: OK`,
    `mail domain: ${config.mailDomain} (new handoffs: handoff@${config.mailDomain})`,
  ];
  lines.push(
    `sender authentication: ${config.senderAuthentication === 'required' ? 'required (DMARC or an aligned DKIM signature)' : 'off'}${config.trustedRelays.length ? `; trusted relays ${config.trustedRelays.join(', ')}` : ''}`,
  );
  lines.push(`members (${config.directory.members.length}):`);
  for (const m of config.directory.members) {
    const extras = [
      m.manager ? `manager ${m.manager}` : null,
      m.aliases.length ? `aliases ${m.aliases.join(', ')}` : null,
      m.schedule.holidays.length ? `holidays ${m.schedule.holidays.join(', ')}` : null,
    ].filter(Boolean);
    lines.push(
      `  ${m.name} <${m.email}>: ${m.schedule.timeZone}, ${formatWorkingHours(m.schedule.hours)}${extras.length ? `; ${extras.join('; ')}` : ''}`,
    );
  }
  lines.push(`teams (${config.directory.teams.length}):`);
  for (const t of config.directory.teams)
    lines.push(`  ${t.name} (team:${t.id}): contact ${t.contact}; members ${t.members.join(', ') || '-'}`);
  lines.push(`playbooks (${config.playbooks.length}), default ${config.defaultPlaybook}:`);
  for (const p of config.playbooks) {
    lines.push(`  ${p.id} "${p.name}" at ${p.id}@${config.mailDomain}`);
    lines.push(
      `    fields: ${p.fields.map((f) => `${f.label}${f.required ? '*' : ''}${f.synonyms.length ? ` (${f.synonyms.join(', ')})` : ''}`).join('; ')}`,
    );
    lines.push(
      `    acknowledge within ${formatDuration(p.ackWithin)}; remind ${p.remindBefore ? `${formatDuration(p.remindBefore)} before` : 'never'}; follow-through grace ${formatDuration(p.followThroughGrace)}`,
    );
    p.escalate.forEach((level, i) => {
      lines.push(
        `    escalation ${i + 1}: ${i === 0 ? 'when the window lapses' : 'then'}${level.after.ms > 0 ? ` + ${formatDuration(level.after)}` : ''} → ${level.to.map(target).join(', ')}${level.deliver === 'immediately' ? ' (immediately)' : ''}`,
      );
    });
    if (p.repeat) lines.push(`    the chain repeats ${p.repeat} time(s) while nobody owns the handoff`);
    lines.push(
      `    hand off within ${formatDuration(p.handoffWithin)}; reach out within ${formatDuration(p.reachOutWithin)}`,
    );
    if (p.triage)
      lines.push(
        `    triage: top ${Math.round(p.triage.fullShare * 100)} % of scores over ${p.triage.windowDays} days get the full ritual`,
      );
  }
  for (const s of config.seasons) lines.push(`season ${s.from} → ${s.to}: handoff@ uses ${s.playbook}`);
  return `${lines.join('\n')}\n`;
}

async function replay(args: string[], io: Out): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const id = Number(positionals[0]);
  if (!Number.isInteger(id) || id <= 0) {
    io.err('baton replay: give the numeric id of a stored inbound message\n');
    return 1;
  }
  const log = createJsonLog();
  const { settings, config } = await loadNodeConfig(process.env, process.cwd(), log);
  const { deps, db } = await buildDeps(settings, config, { log, delivery: 'inline' });
  try {
    const result = await replayInbound(deps, id);
    io.out(`${JSON.stringify(result)}\n`);
    return result.status === 'processed' ? 0 : 1;
  } finally {
    await db.destroy();
  }
}

async function inbound(args: string[], io: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { failed: { type: 'boolean', default: false }, limit: { type: 'string', default: '50' } },
  });
  if (positionals[0] !== 'list') {
    io.err(`baton inbound: unknown subcommand '${positionals[0] ?? ''}'\n\n${HELP.inbound}`);
    return 1;
  }
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit <= 0) {
    io.err(`baton inbound list: --limit: '${values.limit}' is not a positive whole number\n`);
    return 1;
  }
  const settings = readSettings(process.env, process.cwd());
  const db = await connectDatabase(settings);
  try {
    await migrateToLatest(db);
    const rows = await listInbound(db, { failedOnly: values.failed, limit });
    if (rows.length === 0) io.out(values.failed ? 'no failed inbound messages\n' : 'no inbound messages\n');
    for (const row of rows)
      io.out(
        `${String(row.id).padStart(6)}  ${row.receivedAt.toISOString()}  ${row.sender ?? '-'}  ${row.status}${row.outcome ? ` ${row.outcome}` : ''}${row.error ? `  ${row.error}` : ''}${row.authentication ? `  auth ${row.authentication.verdict}: ${row.authentication.reason}` : ''}\n`,
      );
    return 0;
  } finally {
    await db.destroy();
  }
}

async function migrate(io: Out): Promise<number> {
  const settings = readSettings(process.env, process.cwd());
  const db = await connectDatabase(settings);
  try {
    const applied = await migrateToLatest(db);
    io.out(applied.length ? `applied: ${applied.join(', ')}\n` : 'already up to date\n');
    return 0;
  } finally {
    await db.destroy();
  }
}
