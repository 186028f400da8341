import { ca } from './ca.ts';
import { cs } from './cs.ts';
import { da } from './da.ts';
import { el } from './el.ts';
import { et } from './et.ts';
import { fi } from './fi.ts';
import { hr } from './hr.ts';
import { hu } from './hu.ts';
import { is_ } from './is.ts';
import { ko } from './ko.ts';
import { nb } from './nb.ts';
import { pl } from './pl.ts';
import { ro } from './ro.ts';
import { ru } from './ru.ts';
import { sk } from './sk.ts';
import { sv } from './sv.ts';
import { tr } from './tr.ts';
import type { PartialLexicon } from './types.ts';
import { uk } from './uk.ts';
import { vi } from './vi.ts';
import { zh } from './zh.ts';

export type { PartialLexicon } from './types.ts';

/**
 * The languages Baton reads without a full lexicon: their mail clients' quote words (a reply in any
 * language may quote a message from a client in one of them), their dates and, for some, due times.
 * One file per language; give it intent words and it becomes a full lexicon.
 */
export const OTHER_LANGUAGES: readonly PartialLexicon[] = [
  sv,
  da,
  nb,
  is_,
  fi,
  pl,
  cs,
  sk,
  ru,
  uk,
  zh,
  ko,
  tr,
  hu,
  vi,
  el,
  ro,
  ca,
  et,
  hr,
];
