/**
 * The Worker's budgets:
 * 1. bundle size of `wrangler deploy --dry-run --outdir` (raw and gzip, top five contributors);
 * 2. cost per inbound email through the whole pipeline (store raw, parse, read, write the handoff,
 *    render and send), over N messages, in workerd (wrangler dev, local Hyperdrive to real
 *    PostgreSQL, Resend faked locally) side by side with the same pipeline on Node.
 *
 * workerd freezes its clocks while code runs (a Spectre mitigation), so CPU time cannot be read
 * inside the Worker. It is read from outside twice:
 * - Baton's isolate, from V8's sampling profiler over the inspector port (bench/support/
 *   isolate-profile.ts): the CPU time Cloudflare bills. The profiler's own interruptions are in it.
 * - the workerd process, user + system time from /proc/<pid>/stat: an upper bound that also counts
 *   the runtime's own work (HTTP, the local Hyperdrive socket, miniflare's helper workers).
 * On Node, `process.cpuUsage()` gives the CPU time of the same work.
 *
 *   node --import tsx bench/worker.ts [--messages 1000] [--top]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { replyTokens } from '../src/adapters/crypto/reply-token.ts';
import { connectPostgres, migrateToLatest } from '../src/adapters/db/connect.ts';
import { createStore } from '../src/adapters/db/store.ts';
import { parseMime, readAttachments } from '../src/adapters/mail-in/parse-mime.ts';
import { emailRoutingAuthenticator } from '../src/adapters/mail-in/relay-verdict.ts';
import { renderOutboxEmail } from '../src/adapters/mail-out/render-email.ts';
import { createResendMailer } from '../src/adapters/mail-out/resend.ts';
import { deliverOutbox } from '../src/app/deliver-outbox.ts';
import type { Deps } from '../src/app/ports.ts';
import { receiveEmail } from '../src/app/receive-email.ts';
import { parseConfig } from '../src/config/schema.ts';
import type { EmailKind } from '../src/core/email-kind.ts';
import { buildEml } from '../test/support/eml.ts';
import { escalationConfig } from '../test/support/escalation-config.ts';
import { startPostgres } from '../test/support/postgres.ts';
import { startWranglerDev } from '../test/support/wrangler-dev.ts';
import { profileIsolate } from './support/isolate-profile.ts';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '1000' },
    // Unminified bundle and the 15 functions with most self time in the isolate.
    top: { type: 'boolean', default: false },
  },
});
const N = Number(values.messages);
const ROOT = new URL('..', import.meta.url).pathname;

// 1. Bundle.
const out = mkdtempSync(join(tmpdir(), 'baton-bundle-'));
const build = spawnSync(
  join(ROOT, 'node_modules/.bin/wrangler'),
  ['deploy', '--dry-run', '--outdir', out, '--metafile', join(out, 'meta.json')],
  { cwd: ROOT, encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
);
if (build.status !== 0) throw new Error(build.stderr);
const bundle = readFileSync(join(out, 'worker.js'));
const meta = JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8')) as {
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
};
const byPackage = new Map<string, number>();
for (const output of Object.values(meta.outputs))
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? 'baton (src, emails, db)';
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + bytesInOutput);
  }
rmSync(out, { recursive: true, force: true });
const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
const gzip = gzipSync(bundle, { level: 9 }).length;
console.log('## Worker bundle (wrangler deploy --dry-run, minified)');
console.log(
  `raw ${kib(bundle.length)}, gzip ${kib(gzip)} (budget 1024 KiB gzip: ${(gzip / (1024 * 1024)).toFixed(2)} of it)`,
);
console.log('| top contributors (minified bytes in bundle) | size |');
console.log('|---|---|');
for (const [pkg, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 5))
  console.log(`| ${pkg} | ${kib(bytes)} |`);

// 2. Per-email cost.
const pg = await startPostgres();
const fake = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"re_bench"}'));
});
await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
const fakeAddress = fake.address();
const resendUrl = `http://127.0.0.1:${typeof fakeAddress === 'object' && fakeAddress ? fakeAddress.port : 0}`;

async function freshDatabase(name: string) {
  const admin = connectPostgres(pg.url, { max: 1 });
  await sql`create database ${sql.id(name)}`.execute(admin);
  await admin.destroy();
  const url = pg.url.replace(/\/[^/]*$/, `/${name}`);
  const db = connectPostgres(url, { max: 2 });
  await migrateToLatest(db);
  return { url, db };
}

const messages = await Promise.all(
  Array.from({ length: N }, (_, i) =>
    buildEml({
      from: 'Maya Patel <maya@example.com>',
      to: 'handoff@handoffs.example.com',
      cc: 'Bob Smith <bob@example.com>',
      subject: `Lead ${i}`,
      messageId: `<bench-${i}@mail.example.com>`,
      text: `Lead: Lead ${i} <lead${i}@acme.io>\nSummary: Wants SSO for ${i} seats. Main worry is the Okta integration.`,
    }),
  ),
);

// Node: the same pipeline, CPU time measured; sending in a second pass, as it happens after the commit.
const parsed = parseConfig(escalationConfig);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const node = await freshDatabase('bench_node');
const deps: Deps = {
  store: createStore(node.db),
  mailer: createResendMailer('re_bench', { baseUrl: resendUrl }),
  render: renderOutboxEmail,
  deliver: async () => {},
  clock: { now: () => new Date() },
  log: { info() {}, warn() {}, error() {} },
  config: parsed.config,
  secrets: ['bench'],
  tokens: replyTokens(['bench']),
  authenticate: emailRoutingAuthenticator(),
  readAttachments,
  publicUrl: null,
};
for (const raw of messages.slice(0, 20))
  await receiveEmail(deps, parseMime, {
    raw: new Uint8Array(Buffer.from(raw.toString().replace('bench-', 'warm-'))),
    source: 'smtp',
    envelopeFrom: null,
    envelopeTo: [],
  });
await deliverOutbox(deps, undefined, 1_000);
const cpuStart = process.cpuUsage();
const wallStart = performance.now();
for (const raw of messages)
  await receiveEmail(deps, parseMime, { raw, source: 'smtp', envelopeFrom: null, envelopeTo: [] });
const cpu = process.cpuUsage(cpuStart);
const nodeWall = (performance.now() - wallStart) / N;
const nodeCpu = (cpu.user + cpu.system) / 1000 / N;
const sendStart = process.cpuUsage();
for (let sent = -1; sent !== 0; ) sent = (await deliverOutbox(deps, undefined, 500)).sent;
const sendCpu = process.cpuUsage(sendStart);
const nodeSendCpu = (sendCpu.user + sendCpu.system) / 1000 / N;
// Rendering alone: the two emails of each handoff, from the props the outbox stored.
const stored = await node.db.selectFrom('outbound_messages').select(['kind', 'props']).limit(200).execute();
const renderStart = process.cpuUsage();
for (const row of stored) await renderOutboxEmail(row.kind as EmailKind, row.props ?? {});
const renderCpu = process.cpuUsage(renderStart);
const nodeRenderCpu = ((renderCpu.user + renderCpu.system) / 1000 / stored.length) * 2;
await node.db.destroy();

// workerd: wrangler dev, email events over its local handler; sending left to the cron tick, measured apart.
const worker = await freshDatabase('bench_worker');
await worker.db.destroy();
const wrangler = await startWranglerDev({
  config: escalationConfig,
  databaseUrl: worker.url,
  vars: {
    RESEND_BASE_URL: resendUrl,
    BATON_SECRET: 'bench',
    RESEND_API_KEY: 're_bench',
    BATON_DELIVERY: 'tick',
  },
  logLevel: 'error',
  minify: !values.top,
});
const { base, output: wranglerLog } = wrangler;
const send = (raw: Buffer) =>
  fetch(`${base}/cdn-cgi/handler/email?from=maya@example.com&to=handoff@handoffs.example.com`, {
    method: 'POST',
    body: new Uint8Array(raw),
  })
    .then((r) => r.text())
    .catch((error: Error) => {
      throw new Error(
        `${error.message}: ${(error.cause as Error | undefined)?.message ?? ''}\n${wranglerLog.join('').slice(-2000)}`,
      );
    });
const pending = async () => {
  const db = connectPostgres(worker.url, { max: 1 });
  const row = await db
    .selectFrom('outbound_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  await db.destroy();
  return Number(row.n);
};
const drain = async () => {
  while ((await pending()) > 0) await fetch(`${base}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*`);
};
for (const raw of messages.slice(0, 20)) await send(Buffer.from(raw.toString().replace('bench-', 'warm-')));
await drain();

/** CPU seconds (user + system) the workerd processes of this wrangler dev have used so far, from /proc. */
function workerdCpuMs(): number {
  const ps = spawnSync('ps', ['-eo', 'pid=,pgid=,comm='], { encoding: 'utf8' }).stdout;
  const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  let ticks = 0;
  for (const line of ps.split('\n')) {
    const [pid, pgid, comm] = line.trim().split(/\s+/);
    if (comm !== 'workerd' || Number(pgid) !== wrangler.pid) continue;
    // Fields after the command name: state is 3rd, utime 14th, stime 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks / ticksPerSecond) * 1000;
}

const workerStart = performance.now();
const cpuBefore = workerdCpuMs();
const emailProfile = await profileIsolate(wrangler.inspector);
for (const raw of messages) await send(raw);
const isolate = await emailProfile.stop();
const workerCpu = (workerdCpuMs() - cpuBefore) / N;
const workerWall = (performance.now() - workerStart) / N;
const drainBefore = workerdCpuMs();
const drainProfile = await profileIsolate(wrangler.inspector);
await drain();
const isolateSend = await drainProfile.stop();
const workerSendCpu = (workerdCpuMs() - drainBefore) / N;
wrangler.stop();
fake.close();
pg.stop();

console.log(`\n## Per inbound email, ${N} complete handoffs`);
console.log(
  '| runtime | email() path: store, parse, read, commit (CPU) | wall | then render + send 2 emails (CPU) |',
);
console.log('|---|---|---|---|');
console.log(
  `| Node (baseline) | ${nodeCpu.toFixed(2)} ms | ${nodeWall.toFixed(2)} ms | ${nodeSendCpu.toFixed(2)} ms (rendering alone ${nodeRenderCpu.toFixed(2)} ms) |`,
);
console.log(
  `| workerd (CPU of the workerd process) | ${workerCpu.toFixed(2)} ms (${(workerCpu / nodeCpu).toFixed(2)}× Node) | ${workerWall.toFixed(2)} ms | ${workerSendCpu.toFixed(2)} ms (in cron ticks) |`,
);
console.log(
  `| workerd, Baton's isolate (V8 profiler samples) | ${(isolate.busyMs / N).toFixed(2)} ms (${(isolate.busyMs / N / nodeCpu).toFixed(2)}× Node) | | ${(isolateSend.busyMs / N).toFixed(2)} ms |`,
);
if (values.top) {
  console.log(
    `\nisolate: ${isolate.samples} samples, median ${isolate.medianDeltaMicros} µs apart, longest gap ${(isolate.maxDeltaMicros / 1000).toFixed(0)} ms; top self time per email:`,
  );
  for (const { frame, ms } of isolate.top.slice(0, 25)) console.log(`  ${(ms / N).toFixed(3)} ms  ${frame}`);
}
