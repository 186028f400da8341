/**
 * Forward extraction: forwards read per second on one core (the 257 labelled forwards, as the handoff
 * pipeline reads them), against the reply stripper on the same texts measured in the same run; then
 * the worst case, a 1 MB forward with 200 nested quote levels (plain and HTML, parsing included), and
 * its time at a quarter and half that size to show the rules stay linear.
 *
 *   node --import tsx bench/forwards.ts
 */
import { performance } from 'node:perf_hooks';
import { parseMime } from '../src/adapters/mail-in/parse-mime.ts';
import { forwardOf } from '../src/core/reply/forwarded.ts';
import { stripReply } from '../src/core/reply/strip.ts';
import { buildEml } from '../test/support/eml.ts';
import { loadLabelledForwards } from '../test/support/labelled-forwards.ts';

const rows = await loadLabelledForwards();

function perSecond(run: () => void, ms = 2_000): number {
  for (let i = 0; i < 200; i++) run(); // warm-up
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    run();
    n += 1;
  }
  return (n * 1000) / (performance.now() - start);
}

let i = 0;
const forwards = perSecond(() => {
  forwardOf(rows[i++ % rows.length]!.message);
});
let j = 0;
const strips = perSecond(() => {
  const m = rows[j++ % rows.length]!.message;
  stripReply({ text: m.text, htmlText: m.htmlText });
});
console.log('Throughput on the labelled forwards (one core):');
console.log(`  forwardOf     ${forwards.toFixed(0).padStart(7)} forwards/s`);
console.log(`  stripReply    ${strips.toFixed(0).padStart(7)} replies/s   (baseline, same texts)`);
console.log(`  ratio         ${(strips / forwards).toFixed(2)}× the stripper's time per message`);

/** A forward of `bytes` whose original quotes 200 levels of history, each level one more "> ". */
function nestedForward(bytes: number): string {
  const lines = ['Bob, the thread below is long: the lead is the first forward.', ''];
  lines.push('---------- Forwarded message ---------');
  lines.push(
    'From: Jane Roe <jane@acme.io>',
    'Date: Tue, Feb 9, 2027 at 9:14 AM',
    'Subject: Pricing',
    'To: <sales@example.com>',
    '',
  );
  const levels = 200;
  const perLevel = Math.ceil(bytes / levels);
  for (let level = 1; level <= levels; level++) {
    const q = '> '.repeat(level);
    lines.push(`${q}On Mon, Feb 8, 2027 at 9:14 AM Person ${level} <p${level}@example.com> wrote:`);
    lines.push(
      `${q}From: Person ${level} <p${level}@example.com>`,
      `${q}Sent: Monday, February 8, 2027 9:14 AM`,
      `${q}Subject: RE: Pricing`,
      `${q}`,
    );
    let used = 0;
    while (used < perLevel) {
      const line = `${q}We would like a quote for ${level * 10} seats, with SSO and a DPA, before the end of the quarter.`;
      lines.push(line);
      used += line.length + 1;
    }
  }
  return lines.join('\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function worst(bytes: number, html: boolean) {
  const text = nestedForward(bytes);
  const body = html
    ? `<div>${text
        .split('\n')
        .map((l) => l.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'))
        .join('<br>')}</div>`
    : text;
  const raw = await buildEml({
    from: 'maya@example.com',
    to: 'handoff@handoffs.example.com',
    subject: 'Fwd: Pricing',
    ...(html ? { html: body } : { text: body }),
  });
  const parse: number[] = [];
  const read: number[] = [];
  let found = '';
  for (let k = 0; k < 7; k++) {
    const t0 = performance.now();
    const message = await parseMime(raw);
    const t1 = performance.now();
    found = forwardOf(message)?.from?.address ?? 'none';
    const t2 = performance.now();
    parse.push(t1 - t0);
    read.push(t2 - t1);
  }
  return { size: raw.length, parse: median(parse), read: median(read), found };
}

console.log('\nWorst case: a forward with 200 nested quote levels (median of 7; goal ≤ 50 ms to read):');
console.log('  body    size      parse (mailparser)   forwardOf   lead found');
for (const html of [false, true])
  for (const bytes of [256 * 1024, 512 * 1024, 1024 * 1024]) {
    const r = await worst(bytes, html);
    console.log(
      `  ${html ? 'html' : 'text'}  ${(r.size / 1024).toFixed(0).padStart(6)} KB  ${r.parse.toFixed(1).padStart(12)} ms  ${r.read.toFixed(2).padStart(12)} ms   ${r.found}`,
    );
  }
