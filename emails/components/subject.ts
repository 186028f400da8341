const maxLength = 140;

/**
 * A one-line subject, prefixed with "[H-1042]" when there is a reference: mail clients thread on it
 * and Baton matches replies by it. Whitespace (including newlines from user text) is collapsed.
 */
export function subjectLine(reference: string | null, text: string): string {
  const prefix = reference ? `[${reference}] ` : '';
  const rest = text.replace(/\s+/g, ' ').trim();
  const room = maxLength - prefix.length;
  return prefix + (rest.length > room ? `${rest.slice(0, room - 1).trimEnd()}…` : rest);
}
