import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/schema.ts';
import { fillInBlock, leadSummary, readFields } from '../../src/core/handoff/fields.ts';
import { teamConfig } from '../support/team-config.ts';

const parsed = parseConfig(teamConfig);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const mql = parsed.config.playbooks.find((p) => p.id === 'mql-to-sal')!;
const fastTrack = parsed.config.playbooks.find((p) => p.id === 'fast-track')!;

describe('reading handoff fields', () => {
  it('reads Label: value lines whatever the case of the label', () => {
    const reading = readFields(
      'LEAD: Jane Roe <jane@acme.io>\ntrigger: demo request\nSummary: Wants SSO.\nchannel: phone',
      mql,
    );
    expect(reading.values).toEqual({
      lead: 'Jane Roe <jane@acme.io>',
      trigger: 'demo request',
      summary: 'Wants SSO.',
      channel: 'phone',
    });
    expect(reading.missing).toEqual([]);
  });

  it('accepts synonyms for labels', () => {
    const reading = readFields(
      'Prospect: Jane\nSource: webinar\nContext: evaluating us vs. Acme\nPreferred channel: email',
      mql,
    );
    expect(reading.values).toMatchObject({
      lead: 'Jane',
      trigger: 'webinar',
      summary: 'evaluating us vs. Acme',
      channel: 'email',
    });
  });

  it('runs a multi-line value until the next label, keeping colons inside values', () => {
    const reading = readFields(
      'Lead: Jane Roe\nSummary: They asked: can we integrate with Salesforce?\nAlso worried about price.\n\nTimeline: Q1\nTrigger: pricing page',
      mql,
    );
    expect(reading.values.summary).toBe(
      'They asked: can we integrate with Salesforce?\nAlso worried about price.',
    );
    expect(reading.values.timeline).toBe('Q1');
  });

  it('names exactly the required fields that are missing or empty', () => {
    const reading = readFields('Lead: Jane\nTrigger:   \nTimeline: soon', mql);
    expect(reading.missing.map((f) => f.key)).toEqual(['trigger', 'summary']);
  });

  it('keeps the text before the first label as the giver note and reads control lines', () => {
    const reading = readFields(
      'Hi Bob, this one is hot.\n\nReceiver: Bob Smith\nLead: Jane\nTrigger date: 2026-11-23T10:00:00Z\nScore: 87\nNote: call before Friday',
      mql,
    );
    expect(reading.note).toBe('Hi Bob, this one is hot.\n\ncall before Friday');
    expect(reading.receiver).toBe('Bob Smith');
    expect(reading.triggerDate).toBe('2026-11-23T10:00:00Z');
    expect(reading.score).toBe('87');
  });

  it('stops at a signature delimiter', () => {
    const reading = readFields('Lead: Jane\nSummary: short\n-- \nMaya Patel\nPhone: 555 0100', mql);
    expect(reading.values.summary).toBe('short');
  });

  it('reads labels written in bold markdown or with full-width colons', () => {
    const reading = readFields('**Lead:** Jane\n*Need*: SSO\nChannel：email', fastTrack);
    expect(reading.values).toMatchObject({ lead: 'Jane', need: 'SSO', channel: 'email' });
  });

  it('offers a fill-in block with one line per missing field', () => {
    const missing = readFields('Lead: Jane', mql).missing;
    expect(fillInBlock(missing)).toBe('Trigger: \nSummary: ');
  });

  it('summarises the lead by its first line', () => {
    expect(leadSummary({ lead: 'Jane Roe <jane@acme.io>\nCTO' }, 'x')).toBe('Jane Roe <jane@acme.io>');
    expect(leadSummary({}, 'MQL to SAL')).toBe('MQL to SAL');
  });
});
