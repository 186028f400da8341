import { describe, expect, it } from 'vitest';
import { loadLabelledForwards, scoreForward } from '../support/labelled-forwards.ts';

/*
 * The labelled forwards of test/fixtures/forwards (written blind: 23 clients, 23 languages, plain,
 * HTML and forwarded-as-attachment). First measured at 84.8 % of lead addresses; every one is held.
 */
const rows = await loadLabelledForwards();

describe('labelled forwards', () => {
  it('covers at least 12 clients and 20 languages', () => {
    expect(new Set(rows.map((r) => r.client)).size).toBeGreaterThanOrEqual(12);
    expect(new Set(rows.map((r) => r.lang)).size).toBeGreaterThanOrEqual(20);
  });

  it.each(rows.map((r) => [r.id, r.client, r.lang, r] as const))(
    '%s (%s, %s): reads the original sender, subject and date a person reads',
    (_id, _client, _lang, row) => {
      const score = scoreForward(row);
      expect({
        address: score.address,
        name: score.name,
        subject: score.subject,
        date: score.date,
        found: score.found && {
          from: score.found.from,
          subject: score.found.subject,
          date: score.found.date,
        },
      }).toMatchObject({ address: true, name: true, subject: true, date: true });
    },
  );
});
