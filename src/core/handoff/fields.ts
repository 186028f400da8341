import type { Playbook, PlaybookField } from './playbook.ts';

/** Labels that are not playbook fields but steer the handoff. */
const CONTROL_LABELS: Record<string, ControlKey> = {
  receiver: 'receiver',
  'assign to': 'receiver',
  'hand to': 'receiver',
  'hand off to': 'receiver',
  owner: 'receiver',
  ae: 'receiver',
  note: 'note',
  'note for receiver': 'note',
  'trigger date': 'triggerDate',
  'triggered at': 'triggerDate',
  'trigger time': 'triggerDate',
  score: 'score',
  'lead score': 'score',
};
type ControlKey = 'receiver' | 'note' | 'triggerDate' | 'score';

export interface FieldReading {
  /** Field key → value, only for fields with a non-empty value. */
  values: Record<string, string>;
  /** Required fields with no value, in playbook order. */
  missing: PlaybookField[];
  receiver: string | null;
  note: string | null;
  triggerDate: string | null;
  score: string | null;
}

/** At most this many lines are read: a handoff is a few lines, not a mailbox. */
const MAX_LINES = 400;
/** A label is short: "Preferred channel", "Trigger event". */
const LABEL_LINE = /^[ \t>*_]*([\p{L}][\p{L}\p{N} ./&'-]{0,39}?)[ \t*_]*[:：][*_]*[ \t]*(.*)$/u;
/** A signature delimiter or a reply/forward marker ends the giver's own text. */
const END_OF_TEXT = /^(-- ?|—|-{5,}.*(forwarded|original).*-{5,}|begin forwarded message:?)$/i;

function normaliseLabel(label: string): string {
  return label.toLowerCase().replace(/[*_]/g, '').replace(/\s+/g, ' ').trim();
}

function labelIndex(playbook: Playbook): Map<string, string> {
  const index = new Map<string, string>();
  for (const field of playbook.fields) {
    for (const label of [field.key, field.label, ...field.synonyms])
      index.set(normaliseLabel(label), field.key);
  }
  return index;
}

/**
 * Reads `Label: value` lines (labels and synonyms case-insensitive; a value runs over following
 * lines until the next known label). Unknown `Word:` lines stay inside the current value, so
 * "Summary: they asked: can we…" keeps its colon. Text before the first label is the note.
 */
export function readFields(text: string, playbook: Playbook): FieldReading {
  const fieldLabels = labelIndex(playbook);
  const collected = new Map<string, string[]>();
  const preamble: string[] = [];
  let current: string[] | null = null;

  const lines = text.replace(/\r\n?/g, '\n').split('\n', MAX_LINES);
  for (const line of lines) {
    if (END_OF_TEXT.test(line.trim())) break;
    const match = LABEL_LINE.exec(line);
    if (match) {
      const label = normaliseLabel(match[1] ?? '');
      // Playbook fields win over control labels ("notes" may be the summary's synonym).
      const key = fieldLabels.get(label) ?? (CONTROL_LABELS[label] ? `@${CONTROL_LABELS[label]}` : undefined);
      if (key) {
        const existing = collected.get(key);
        // A field given twice (e.g. the fill-in block filled in above a quoted copy) keeps its first value.
        current = existing?.join('').trim() ? [] : [match[2] ?? ''];
        if (!existing?.join('').trim()) collected.set(key, current);
        continue;
      }
    }
    if (current) current.push(line);
    else preamble.push(line);
  }

  const value = (key: string) => tidy(collected.get(key) ?? []);
  const values: Record<string, string> = {};
  for (const field of playbook.fields) {
    const v = value(field.key);
    if (v) values[field.key] = v;
  }
  const note = [tidy(preamble), value('@note')].filter(Boolean).join('\n\n');
  return {
    values,
    missing: missingFields(playbook, values),
    receiver: value('@receiver') || null,
    note: note || null,
    triggerDate: value('@triggerDate') || null,
    score: value('@score') || null,
  };
}

/** Joins a value's lines, dropping greeting-free blank edges and collapsing runs of blank lines. */
function tidy(lines: readonly string[]): string {
  return lines
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The playbook's required fields that have no value (blank counts as none): the one rule of completeness. */
export function missingFields(playbook: Playbook, values: Readonly<Record<string, string>>): PlaybookField[] {
  return playbook.fields.filter((f) => f.required && !values[f.key]?.trim());
}

/** Keys that are not fields of the playbook (an API caller's typo, or another playbook's field). */
export function unknownFields(playbook: Playbook, values: Readonly<Record<string, string>>): string[] {
  return Object.keys(values).filter((key) => !playbook.fields.some((f) => f.key === key));
}

/** The block a giver can paste back, one line per missing field. */
export function fillInBlock(missing: readonly PlaybookField[]): string {
  return missing.map((f) => `${f.label}: `).join('\n');
}

/** The first line of the lead field, for subjects and summaries. */
export function leadSummary(values: Record<string, string>, fallback: string): string {
  const first = (values.lead ?? '').split('\n')[0]?.trim() ?? '';
  const short = first.length > 80 ? `${first.slice(0, 77)}…` : first;
  return short || fallback;
}
