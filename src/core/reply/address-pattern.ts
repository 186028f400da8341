/**
 * An email address inside free text. It starts only at a token start and every run is bounded, so a long
 * run of letters without an "@" is scanned once instead of once per position (linear on any input).
 */
export const ADDRESS_SOURCE =
  '(?<![\\p{L}\\p{N}._%+=-])[\\p{L}\\p{N}._%+=-]{1,64}@[\\p{L}\\p{N}-]{1,63}(?:\\.[\\p{L}\\p{N}-]{1,63}){1,8}';
