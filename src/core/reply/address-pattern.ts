/**
 * An email address inside free text. It starts only at a token start and every run is bounded, so a long
 * run of letters without an "@" is scanned once instead of once per position (linear on any input).
 */
export const ADDRESS_SOURCE =
  '(?<![\\p{L}\\p{N}._%+=-])[\\p{L}\\p{N}._%+=-]{1,64}@[\\p{L}\\p{N}-]{1,63}(?:\\.[\\p{L}\\p{N}-]{1,63}){1,8}';

const FIRST_ADDRESS = new RegExp(ADDRESS_SOURCE, 'u');
const EVERY_ADDRESS = new RegExp(ADDRESS_SOURCE, 'gu');

/** The first email address in a piece of text, lower-cased, or null. */
export function firstAddress(text: string): string | null {
  return FIRST_ADDRESS.exec(text)?.[0].toLowerCase() ?? null;
}

/** Every email address in a piece of text, lower-cased, in order. */
export function addressesIn(text: string): string[] {
  return Array.from(text.matchAll(EVERY_ADDRESS), (match) => match[0].toLowerCase());
}

/** The text with its email addresses removed. */
export function withoutAddresses(text: string): string {
  return text.replace(EVERY_ADDRESS, '');
}
