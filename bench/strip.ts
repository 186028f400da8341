/**
 * Reply stripping: accuracy per corpus, plain-text and HTML throughput of Baton's stripper against the
 * peer libraries, on the same inputs, plus Baton's time on the 766 KB long-quote email.
 *
 *   node --import tsx bench/strip.ts
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import EmailReplyParser from 'email-reply-parser';
import talon from 'talonjs';
import { htmlToText, htmlToTextWithCues } from '../src/adapters/mail-in/html-to-text.ts';
import { stripReply } from '../src/core/reply/strip.ts';
import {
  CORPORA_DIR,
  CORPUS_GROUPS,
  type CorpusGroup,
  GITHUB_LONG_QUOTE,
  loadStripCases,
  readCorpusFile,
  type StripCase,
  type StripOutput,
} from '../test/support/strip-corpus.ts';

interface Tool {
  name: string;
  /** The full answer on a case: Baton reads the parsed message, peers read what their API takes. */
  run(c: StripCase): StripOutput;
  /** Plain-text stripping only, for throughput. */
  plain(text: string): string;
  /** HTML to the new text, rendering included, for throughput. */
  html(body: string): string;
}

// planer and jsdom ship no type declarations; these are the two calls the bench makes.
const require = createRequire(import.meta.url);
const { JSDOM } = require('jsdom') as { JSDOM: new (html: string) => { window: { document: unknown } } };
const planer = require('planer') as {
  extractFrom(body: string, contentType: 'text/plain' | 'text/html', document?: unknown): string;
};
const document = new JSDOM('').window.document;
const replyParser = new EmailReplyParser();

const tools: Tool[] = [
  {
    name: 'baton',
    run: (c) => stripReply(c.input),
    plain: (text) => stripReply({ text, htmlText: null }).text,
    html: (body) => stripReply({ text: null, htmlText: htmlToTextWithCues(body) }).text,
  },
  {
    name: 'talonjs',
    run: (c) =>
      c.peer.kind === 'html'
        ? { text: htmlToText(talon.quotations.extractFromHtml(c.peer.body).body) }
        : { text: talon.quotations.extractFromPlain(c.peer.body).body },
    plain: (text) => talon.quotations.extractFromPlain(text).body,
    html: (body) => htmlToText(talon.quotations.extractFromHtml(body).body),
  },
  {
    name: 'planer',
    run: (c) =>
      c.peer.kind === 'html'
        ? { text: htmlToText(planer.extractFrom(c.peer.body, 'text/html', document)) }
        : { text: planer.extractFrom(c.peer.body, 'text/plain') },
    plain: (text) => planer.extractFrom(text, 'text/plain'),
    html: (body) => htmlToText(planer.extractFrom(body, 'text/html', document)),
  },
  {
    name: 'email-reply-parser',
    // A plain-text library: it is given the HTML rendered as text.
    run: (c) => ({
      text: replyParser.parseReply(c.peer.kind === 'html' ? htmlToText(c.peer.body) : c.peer.body),
    }),
    plain: (text) => replyParser.parseReply(text),
    html: (body) => replyParser.parseReply(htmlToText(body)),
  },
];

function accuracy(tool: Tool, cases: StripCase[]): Map<CorpusGroup, { ok: number; total: number }> {
  const out = new Map<CorpusGroup, { ok: number; total: number }>();
  for (const c of cases) {
    const row = out.get(c.group) ?? { ok: 0, total: 0 };
    let ok = false;
    try {
      ok = c.judge(tool.run(c));
    } catch {
      ok = false;
    }
    row.total += 1;
    if (ok) row.ok += 1;
    out.set(c.group, row);
  }
  return out;
}

function throughput(run: (input: string) => string, inputs: string[], seconds: number): number {
  for (const input of inputs) run(input);
  let count = 0;
  const start = performance.now();
  const stop = start + seconds * 1000;
  while (performance.now() < stop) {
    for (const input of inputs) run(input);
    count += inputs.length;
  }
  return count / ((performance.now() - start) / 1000);
}

/** Runs a peer on the long quote in a worker, so a runaway regex can be stopped. */
function peerOnLongQuote(peer: string, timeoutMs: number): Promise<string> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { readFileSync } = require('node:fs');
    (async () => {
      const text = readFileSync(workerData.file, 'utf8');
      let run;
      if (workerData.peer === 'talonjs') {
        const talon = require('talonjs');
        run = () => talon.quotations.extractFromPlain(text);
      } else if (workerData.peer === 'planer') {
        const planer = require('planer');
        run = () => planer.extractFrom(text, 'text/plain');
      } else {
        const { default: Parser } = await import('email-reply-parser');
        const parser = new Parser();
        run = () => parser.parseReply(text);
      }
      const start = performance.now();
      run();
      parentPort.postMessage(performance.now() - start);
    })();
  `;
  return new Promise((resolve) => {
    const worker = new Worker(source, {
      eval: true,
      workerData: { peer, file: CORPORA_DIR + GITHUB_LONG_QUOTE },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve(`> ${timeoutMs / 1000} s (stopped)`);
    }, timeoutMs);
    worker.once('message', (ms: number) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(`${ms.toFixed(1)} ms`);
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      resolve(`error: ${error.message}`);
    });
  });
}

const pad = (s: string, width: number) => s.padEnd(width);

const cases = await loadStripCases();
const results = tools.map((tool) => accuracy(tool, cases));

console.log('Accuracy (correct / total), each corpus judged by its own upstream comparison');
console.log(
  '(peers get the text part, or the HTML where the corpus tests HTML; their HTML output is read with htmlToText)\n',
);
console.log(pad('corpus', 28) + tools.map((t) => pad(t.name, 20)).join(''));
for (const group of CORPUS_GROUPS) {
  const cells = results.map((r) => {
    const row = r.get(group);
    return row ? `${row.ok}/${row.total}` : '-';
  });
  console.log(pad(group, 28) + cells.map((cell) => pad(cell, 20)).join(''));
}

const plainInputs = cases.filter((c) => c.peer.kind === 'text').map((c) => c.peer.body);
console.log(`\nPlain-text throughput, ${plainInputs.length} messages from the corpora, strip only\n`);
for (const tool of tools) {
  const rate = throughput(tool.plain, plainInputs, 2);
  console.log(`${pad(tool.name, 20)}${Math.round(rate).toLocaleString('en-US')} msg/s`);
}

const htmlInputs = cases.filter((c) => c.peer.kind === 'html').map((c) => c.peer.body);
console.log(`\nHTML throughput, ${htmlInputs.length} messages from the corpora, HTML to the new text\n`);
for (const tool of tools) {
  const rate = throughput(tool.html, htmlInputs, 2);
  console.log(`${pad(tool.name, 20)}${Math.round(rate).toLocaleString('en-US')} msg/s`);
}

const longQuote = readCorpusFile(GITHUB_LONG_QUOTE);
const times: number[] = [];
for (let k = 0; k < 20; k++) {
  const start = performance.now();
  stripReply({ text: longQuote, htmlText: null });
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
console.log(
  `\nemail_long_quote.txt (${longQuote.length.toLocaleString('en-US')} characters): baton median ${times[10]!.toFixed(3)} ms, worst ${times[19]!.toFixed(3)} ms (first of 20 runs included)`,
);
console.log('  peers, each in a worker stopped after 10 s (email-reply-parser backtracks for minutes here):');
for (const peer of ['talonjs', 'planer', 'email-reply-parser']) {
  console.log(`  ${pad(peer, 20)}${await peerOnLongQuote(peer, 10_000)}`);
}
