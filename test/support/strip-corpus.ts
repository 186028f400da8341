import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { htmlToText, htmlToTextWithCues } from '../../src/adapters/mail-in/html-to-text.ts';
import { parseMime } from '../../src/adapters/mail-in/parse-mime.ts';

/** The public corpora the reply stripper is judged on, copied with their README and LICENSE. */
export const CORPORA_DIR = fileURLToPath(new URL('../fixtures/corpora/', import.meta.url));

export type CorpusGroup =
  | 'email_reply_trimmer'
  | 'talon standard replies'
  | 'talon html replies'
  | 'talon inline plain'
  | 'talon inline html'
  | 'github-email_reply_parser'
  | 'discourse';

/** A stripper's answer: the new text, plus the signature it cut off when it reports one. */
export interface StripOutput {
  text: string;
  signature?: string | null;
}

export interface StripCase {
  group: CorpusGroup;
  name: string;
  /** What Baton's stripper receives (the parsed message's text and its HTML part rendered with cues). */
  input: { text: string | null; htmlText: string | null };
  /** What a peer library receives: the text part, or the HTML where the corpus tests HTML extraction. */
  peer: { kind: 'text' | 'html'; body: string };
  /** The expectation, for failure reports. */
  expected: string;
  judge(output: StripOutput): boolean;
}

const read = (path: string): string => readFileSync(CORPORA_DIR + path, 'utf8');
const jsonl = <T>(path: string): T[] =>
  read(path)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);

const lf = (s: string): string => s.replace(/\r\n?/g, '\n');

/** email_reply_trimmer compares after Ruby's `strip` on both sides. */
export function sameAfterTrim(actual: string, expected: string): boolean {
  return lf(actual).trim() === lf(expected).trim();
}

/** Exact after strip(), ignoring trailing whitespace on each line (talon, github reference output). */
export function sameIgnoringLineEnds(actual: string, expected: string): boolean {
  const norm = (s: string) =>
    lf(s)
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .trim();
  return norm(actual) === norm(expected);
}

/** talon's HTML tests remove every whitespace character from both sides before comparing. */
export function sameWithoutWhitespace(actual: string, expected: string): boolean {
  return actual.replace(/\s+/g, '') === expected.replace(/\s+/g, '');
}

/**
 * Discourse stores replies as Markdown: emphasis markers, list numbering and line layout are
 * rendering details, so both sides drop `*`/`_`, number ordered lists alike and collapse whitespace.
 */
export function markdownText(s: string): string {
  return lf(s)
    .replace(/[*_]/g, '')
    .replace(/^(\s*)\d+\.\s/gm, '$1#. ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** talon's plain-text extractor removes only the quotation; its signature extractor is a separate step. */
export function withSignature(output: StripOutput): string {
  return output.signature ? `${output.text}\n\n${output.signature}` : output.text;
}

interface TrimmerRecord {
  file: string;
  expected_visible_text: string;
  expected_embedded_email?: string;
  expected_text_before_embedded?: string;
}

/** email_reply_trimmer's embedded-email cases: the forwarded or embedded mail and the text above it. */
export interface EmbeddedCase {
  name: string;
  text: string;
  embedded: string;
  before: string;
}

export function loadTrimmerEmbeddedCases(): EmbeddedCase[] {
  const dir = 'email_reply_trimmer/';
  return jsonl<TrimmerRecord>(`${dir}expectations.jsonl`)
    .filter((r) => r.expected_embedded_email !== undefined)
    .map((r) => ({
      name: r.file.replace(/^.*\//, '').replace(/\.txt$/, ''),
      text: read(dir + r.file),
      embedded: r.expected_embedded_email ?? '',
      before: r.expected_text_before_embedded ?? '',
    }));
}

function trimmerCases(): StripCase[] {
  const dir = 'email_reply_trimmer/';
  return jsonl<TrimmerRecord>(`${dir}expectations.jsonl`).map((r) => {
    // Upstream strips the input before trimming it.
    const text = read(dir + r.file).trim();
    return {
      group: 'email_reply_trimmer',
      name: r.file.replace(/^.*\//, '').replace(/\.txt$/, ''),
      input: { text, htmlText: null },
      peer: { kind: 'text', body: text },
      expected: r.expected_visible_text,
      judge: (o) => sameAfterTrim(o.text, r.expected_visible_text),
    };
  });
}

interface GithubRecord {
  file: string;
  reference_visible_text: string;
  upstream_assertions: { performance?: string };
}

/** The 766 KB quote is a speed trap measured in the bench, not an accuracy case. */
export const GITHUB_LONG_QUOTE = 'github-email_reply_parser/test/emails/email_long_quote.txt';

export function readCorpusFile(path: string): string {
  return read(path);
}

function githubCases(): StripCase[] {
  const dir = 'github-email_reply_parser/';
  return jsonl<GithubRecord>(`${dir}expectations.jsonl`)
    .filter((r) => dir + r.file !== GITHUB_LONG_QUOTE)
    .map((r) => {
      const text = read(dir + r.file);
      return {
        group: 'github-email_reply_parser',
        name: r.file.replace(/^.*\//, '').replace(/\.txt$/, ''),
        input: { text, htmlText: null },
        peer: { kind: 'text', body: text },
        expected: r.reference_visible_text,
        judge: (o) => sameIgnoringLineEnds(o.text, r.reference_visible_text),
      };
    });
}

interface TalonRecord {
  kind: string;
  file?: string;
  test?: string;
  function?: string;
  input?: string;
  expected_visible_text?: string;
  expected_html?: string;
}

async function talonCases(): Promise<StripCase[]> {
  const dir = 'talon/';
  const out: StripCase[] = [];
  const seen = new Map<string, number>();
  const uniqueName = (name: string) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count > 1 ? `${name} #${count}` : name;
  };
  for (const r of jsonl<TalonRecord>(`${dir}expectations.jsonl`)) {
    if (r.kind === 'raw_eml_text_part' && r.file) {
      const message = await parseMime(readFileSync(CORPORA_DIR + dir + r.file));
      const expected = r.expected_visible_text ?? '';
      out.push({
        group: 'talon standard replies',
        name: r.file.replace(/^.*\//, '').replace(/\.eml$/, ''),
        input: { text: message.text, htmlText: message.htmlText },
        peer: { kind: 'text', body: message.text ?? '' },
        expected,
        judge: (o) => sameIgnoringLineEnds(withSignature(o), expected),
      });
    } else if (r.kind === 'html_file' && r.file) {
      const html = read(dir + r.file);
      const expected = r.expected_visible_text ?? htmlToText(r.expected_html ?? '');
      out.push({
        group: r.expected_visible_text !== undefined ? 'talon html replies' : 'talon inline html',
        name: r.file.replace(/^.*\//, '').replace(/\.html$/, ''),
        input: { text: null, htmlText: htmlToTextWithCues(html) },
        peer: { kind: 'html', body: html },
        expected,
        judge: (o) => sameWithoutWhitespace(o.text, expected),
      });
    } else if (r.kind === 'raw_eml_whole_file_as_plain' && r.file) {
      const text = read(dir + r.file);
      out.push({
        group: 'talon inline plain',
        name: r.file.replace(/^.*\//, '').replace(/\.eml$/, ''),
        input: { text, htmlText: null },
        peer: { kind: 'text', body: text },
        expected: "non-empty, without 'From'",
        judge: (o) => o.text.trim() !== '' && !o.text.includes('From'),
      });
    } else if (r.kind === 'inline_plain' && r.input !== undefined) {
      const expected = r.expected_visible_text ?? '';
      out.push({
        group: 'talon inline plain',
        name: uniqueName(r.test ?? 'inline'),
        input: { text: r.input, htmlText: null },
        peer: { kind: 'text', body: r.input },
        expected,
        judge: (o) => sameIgnoringLineEnds(withSignature(o), expected),
      });
    } else if (r.kind === 'inline_html' && r.input !== undefined) {
      const expected = htmlToText(r.expected_html ?? '');
      out.push({
        group: 'talon inline html',
        name: uniqueName(r.test ?? 'inline'),
        input: { text: null, htmlText: htmlToTextWithCues(r.input) },
        peer: { kind: 'html', body: r.input },
        expected,
        judge: (o) => sameWithoutWhitespace(o.text, expected),
      });
    }
  }
  return out;
}

interface DiscourseRecord {
  file: string;
  class: string;
  provenance: string;
  expected_visible_text?: string;
  expected_visible_text_hand?: string;
  expected_visible_text_starts_with?: string;
  expected_visible_text_ends_with?: string;
  must_not_contain?: string[];
}

async function discourseCases(): Promise<StripCase[]> {
  const dir = 'discourse/';
  const out: StripCase[] = [];
  for (const r of jsonl<DiscourseRecord>(`${dir}expectations.jsonl`)) {
    if (r.class !== 'reply') continue;
    // The raw bytes go to the MIME parser untouched, as they would arrive over SMTP.
    const message = await parseMime(readFileSync(CORPORA_DIR + dir + r.file));
    const exact = r.expected_visible_text ?? r.expected_visible_text_hand;
    const starts = r.expected_visible_text_starts_with;
    const ends = r.expected_visible_text_ends_with;
    const forbidden = r.must_not_contain ?? [];
    const expected =
      exact ??
      [starts && `starts with ${JSON.stringify(starts)}`, ends && `ends with ${JSON.stringify(ends)}`].join(
        ', ',
      );
    out.push({
      group: 'discourse',
      name: r.file.replace(/^.*\//, '').replace(/\.eml$/, ''),
      input: { text: message.text, htmlText: message.htmlText },
      peer: { kind: 'text', body: message.text ?? '' },
      expected,
      judge: (o) => {
        const got = markdownText(o.text);
        if (exact !== undefined) return got === markdownText(exact);
        if (got === '') return false;
        if (starts !== undefined && !got.startsWith(markdownText(starts))) return false;
        if (ends !== undefined && !got.endsWith(markdownText(ends))) return false;
        return forbidden.every((word) => !o.text.includes(word));
      },
    });
  }
  return out;
}

/** Every accuracy case of the four corpora, grouped as each upstream project groups its tests. */
export async function loadStripCases(): Promise<StripCase[]> {
  return [...trimmerCases(), ...(await talonCases()), ...githubCases(), ...(await discourseCases())];
}

export const CORPUS_GROUPS: CorpusGroup[] = [
  'email_reply_trimmer',
  'talon standard replies',
  'talon html replies',
  'talon inline plain',
  'talon inline html',
  'github-email_reply_parser',
  'discourse',
];
