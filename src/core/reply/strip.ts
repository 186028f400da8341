/** What is left of a reply once quoted history, signatures and disclaimers are removed. */
export interface StripResult {
  /** The new text the sender wrote, trimmed. */
  text: string;
  /** True when something (quote, signature, disclaimer) was removed. */
  stripped: boolean;
}

/**
 * Placeholder until the full stripper lands: cuts at the first quote marker.
 * The signature is the contract other modules code against.
 */
export function stripReply(input: { text: string | null; html: string | null }): StripResult {
  const source = input.text ?? (input.html ?? '').replace(/<[^>]*>/g, ' ');
  const lines = source.split(/\r?\n/);
  const cut = lines.findIndex((line) => /^>|^On .* wrote:$|^-----Original Message-----/.test(line.trim()));
  const kept = (cut >= 0 ? lines.slice(0, cut) : lines).join('\n').trim();
  return { text: kept, stripped: cut >= 0 };
}
