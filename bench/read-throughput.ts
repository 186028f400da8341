/**
 * Reply reading throughput on one core: raw MIME → parseMime → readReply over every .eml of the corpora
 * (bounces, auto-replies, client replies), then the same without MIME parsing, then the 766 KB long-quote
 * email (github-email_reply_parser) wrapped in a MIME message.
 *
 *   node --import tsx bench/read-throughput.ts [--seconds 5]
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseMime } from '../src/adapters/mail-in/parse-mime.ts';
import type { ParsedMessage } from '../src/core/message.ts';
import { type ReadContext, readReply, readText } from '../src/core/reply/read-reply.ts';
import { DEFAULT_WORKING_HOURS, parseWorkingHours } from '../src/core/time/working-hours.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '5' } } });
const SECONDS = Number(values.seconds);
const FIXTURES = fileURLToPath(new URL('../test/fixtures/', import.meta.url));

const hours = parseWorkingHours(DEFAULT_WORKING_HOURS);
if (!hours.ok) throw new Error(hours.message);
const ctx: ReadContext = { timeZone: 'America/New_York', hours: hours.value, holidays: [] };

function emlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return emlFiles(path);
    return name.endsWith('.eml') ? [path] : [];
  });
}

async function rate(label: string, items: number, pass: () => Promise<void> | void) {
  await pass();
  let done = 0;
  const start = performance.now();
  while (performance.now() - start < SECONDS * 1_000) {
    await pass();
    done += items;
  }
  const elapsed = (performance.now() - start) / 1_000;
  console.log(
    `${label.padEnd(46)} ${Math.round(done / elapsed)
      .toLocaleString('en-US')
      .padStart(8)} msg/s  (${done} messages in ${elapsed.toFixed(1)} s)`,
  );
}

async function timeOne(label: string, run: () => Promise<unknown> | unknown, repeat = 20) {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < repeat; i += 1) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)] ?? Number.NaN;
  console.log(
    `${label.padEnd(46)} median ${median.toFixed(1)} ms, max ${(samples.at(-1) ?? Number.NaN).toFixed(1)} ms`,
  );
}

const files = [...emlFiles(join(FIXTURES, 'corpora')), ...emlFiles(join(FIXTURES, 'replies'))];
const raws = files.map((f) => readFileSync(f));
const bytes = raws.reduce((sum, raw) => sum + raw.length, 0);
console.log(
  `${raws.length} .eml files, ${(bytes / 1024).toFixed(0)} KB, ${SECONDS} s per measure, one process\n`,
);

const parsed: ParsedMessage[] = [];
for (const raw of raws) parsed.push(await parseMime(raw));

await rate('raw MIME → parseMime → readReply', raws.length, async () => {
  for (const raw of raws) readReply(await parseMime(raw), ctx);
});
await rate('parseMime only', raws.length, async () => {
  for (const raw of raws) await parseMime(raw);
});
await rate('readReply only (parsed messages)', parsed.length, () => {
  for (const message of parsed) readReply(message, ctx);
});

const labelled = ['labelled.jsonl', 'holdout.jsonl'].flatMap((name) =>
  readFileSync(join(FIXTURES, 'replies', name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { text: string; sentAt: string }),
);
await rate('readText only (labelled + holdout replies)', labelled.length, () => {
  for (const row of labelled) readText(row.text, new Date(row.sentAt), ctx);
});

const longPath = existsSync(
  join(FIXTURES, 'corpora/github-email_reply_parser/test/emails/email_long_quote.txt'),
)
  ? join(FIXTURES, 'corpora/github-email_reply_parser/test/emails/email_long_quote.txt')
  : '/work/shared/corpora/github-email_reply_parser/test/emails/email_long_quote.txt';
const longText = readFileSync(longPath, 'utf8');
const longRaw = Buffer.from(
  [
    'From: Sam Lee <sam@example.com>',
    'To: Baton <reply+h1042.sam.x7Qk@handoffs.example.com>',
    'Subject: Re: [H-1042] Jenna Park, Acme Corp',
    'Date: Tue, 10 Mar 2026 14:05:31 -0400',
    'Message-ID: <long-quote@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    longText,
  ].join('\r\n'),
);
const longParsed = await parseMime(longRaw);
console.log(`\n766 KB long-quote email (${(longRaw.length / 1024).toFixed(0)} KB as MIME):`);
await timeOne('  raw MIME → parseMime → readReply', async () => readReply(await parseMime(longRaw), ctx));
await timeOne('  readReply only', () => readReply(longParsed, ctx));
