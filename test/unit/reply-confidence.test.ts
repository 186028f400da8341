import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrateReplies, serializeCalibration } from '../../scripts/reply-calibration.ts';
import { affirms } from '../../src/core/reply/classify.ts';
import {
  CONFIRM_BELOW,
  ruleConfidence,
  ruleFamily,
  UNCALIBRATED_CONFIDENCE,
} from '../../src/core/reply/confidence.ts';
import { readText } from '../../src/core/reply/read-reply.ts';
import { readContextOf } from '../support/labelled-replies.ts';

const calibration = calibrateReplies();

describe('how far a reading is trusted', () => {
  it('is exactly what npm run calibrate:replies makes of the labelled sets (recalibrate after changing them)', () => {
    const committed = readFileSync(
      new URL('../../src/core/reply/rule-confidence.json', import.meta.url),
      'utf8',
    );
    expect(serializeCalibration(calibration)).toBe(committed);
  });

  it('is never calibrated on the held-out blind sets', () => {
    expect(calibration.sets.filter((s) => s.startsWith('blind'))).toEqual([]);
  });

  it('confirms commitments of the words model, and takes the commitment rules at their word', () => {
    const { families } = calibration;
    expect(families['model:commit']!.confidence).toBeLessThan(CONFIRM_BELOW);
    for (const family of ['commit:verb+time', 'commit:verb+object', 'commit:promise+time'])
      expect(families[family]!.confidence, family).toBeGreaterThanOrEqual(CONFIRM_BELOW);
  });

  it('groups the words model by what it decided, not by the words it weighed', () => {
    expect(ruleFamily('model:commit (ok, a, 0h)')).toBe('model:commit');
    expect(ruleFamily('commit:verb+time')).toBe('commit:verb+time');
    expect(ruleConfidence('model:commit (thursday)')).toBe(calibration.families['model:commit']!.confidence);
    expect(ruleConfidence('commit:never-measured')).toBe(UNCALIBRATED_CONFIDENCE);
    expect(UNCALIBRATED_CONFIDENCE).toBeLessThan(CONFIRM_BELOW);
  });

  it('gives each reading the confidence of the rule that decided it', () => {
    const ctx = readContextOf({ timeZone: 'Europe/Berlin' } as Parameters<typeof readContextOf>[0]);
    const sentAt = new Date('2026-12-07T10:00:00+01:00');
    const guessed = readText('Sounds good, Thursday 14:00 works for me with Jane.', sentAt, ctx);
    expect(guessed.rule).toMatch(/^model:commit/);
    expect(guessed.confidence).toBeLessThan(CONFIRM_BELOW);
    const ruled = readText("I'll call Jane on Thursday at 14:00.", sentAt, ctx);
    expect(ruled.rule).toBe('commit:verb+time');
    expect(ruled.confidence).toBeGreaterThanOrEqual(CONFIRM_BELOW);
  });
});

describe('a short yes', () => {
  it.each([
    'Yes',
    'yep!',
    'Yes, thanks!',
    'Correct.',
    'Exactly',
    "That's right",
    'Ja, genau.',
    'Richtig',
    'Oui',
    "C'est ça",
    'Exact !',
    'Sí, correcto',
    'Exacto',
    'Sim, isso',
    'Exato',
    'Sì, esatto',
    'Giusto',
    'Ja, klopt',
    'Precies',
    'はい',
    'はい、そうです。',
    'Hi Sam,\n\nYes\n\nBob',
  ])('%j affirms', (text) => {
    expect(affirms(text)).toBe(true);
  });

  it.each([
    'Yes, but Friday',
    'Not exactly',
    'No',
    'Ok',
    'Thanks',
    'yesterday',
    'Yes I will call her tomorrow',
    'Correct?',
    'はい？',
  ])('%j does not', (text) => {
    expect(affirms(text)).toBe(false);
  });
});
