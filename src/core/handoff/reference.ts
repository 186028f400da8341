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
