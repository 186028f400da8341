/** The `[H-1042]` reference that names a handoff in subjects, bodies and the API. */
const IN_SUBJECT = /\[H-(\d{1,12})\]/i;

/** "H-1042" */
export function formatReference(number: number): string {
  return `H-${number}`;
}

/** The number in "[H-1042]" anywhere in a subject, or null. */
export function referenceInSubject(subject: string): number | null {
  const match = IN_SUBJECT.exec(subject.slice(0, 500));
  return match ? Number(match[1]) : null;
}

/** The number of a bare "H-1042" (an API path segment), or null. */
export function parseReference(text: string): number | null {
  const match = /^H-(\d{1,12})$/i.exec(text);
  return match ? Number(match[1]) : null;
}

/**
 * The handoff number a reply address carries when the email it answers lists several handoffs (a
 * bundle of notices, the weekly digest): no handoff has it, since numbers start at 1001. The reply's
 * own words must then name the handoff.
 */
export const SEVERAL_HANDOFFS = 0;

const IN_TEXT = /(?<![\p{L}\p{N}-])\[?H-(\d{1,12})\]?(?![\p{L}\p{N}])/giu;

/** The distinct handoff numbers a text names as "H-1042" or "[H-1042]", in order of first mention. */
export function referencesInText(text: string): number[] {
  return [...new Set([...text.matchAll(IN_TEXT)].map((m) => Number(m[1])))];
}

/**
 * The text without its mentions of one reference and the punctuation that set it off
 * ("H-1042: I'll call her" → "I'll call her"), so the reference is not read as part of a step.
 */
export function withoutReference(text: string, number: number): string {
  return text.replace(
    new RegExp(`(?<![\\p{L}\\p{N}-])\\[?H-${number}\\]?(?![\\p{L}\\p{N}])\\s*[:,–—-]?[ \\t]*`, 'giu'),
    '',
  );
}
