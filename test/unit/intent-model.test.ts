import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serializeIntentModel, trainIntentModel } from '../../scripts/intent-model-training.ts';
import { replyFeatures, voteIntent } from '../../src/core/reply/intent-model.ts';
import { type ReadContext, readText } from '../../src/core/reply/read-reply.ts';
import { DEFAULT_WORKING_HOURS, parseWorkingHours } from '../../src/core/time/working-hours.ts';
import { LABELLED_SETS, loadLabelledReplies, trainOnLabelled } from '../support/labelled-replies.ts';

const hours = parseWorkingHours(DEFAULT_WORKING_HOURS);
if (!hours.ok) throw new Error(hours.message);
const MADRID: ReadContext = { timeZone: 'Europe/Madrid', hours: hours.value, holidays: [] };
const SENT_AT = new Date('2027-02-09T10:00:00+01:00'); // a Tuesday

const read = (text: string, model?: ReadContext['model']) => readText(text, SENT_AT, { ...MADRID, model });

describe('the trained words model', () => {
  it('is exactly what npm run train:replies makes of the labelled sets (retrain after changing them)', () => {
    const rows = LABELLED_SETS.flatMap((name) => loadLabelledReplies(name));
    const committed = readFileSync(
      new URL('../../src/core/reply/intent-model.json', import.meta.url),
      'utf8',
    );
    expect(serializeIntentModel(trainOnLabelled(rows))).toBe(committed);
  });

  it('trains the same weights from the same examples, and leans to the intent whose words a reply shares', () => {
    const examples = [
      { features: replyFeatures('no puedo con esta cuenta', false), intent: 'decline' as const },
      { features: replyFeatures('no puedo llevarla, lo siento', false), intent: 'decline' as const },
      { features: replyFeatures('gracias, recibido', false), intent: 'vague' as const },
      { features: replyFeatures('gracias, recibido y anotado', false), intent: 'vague' as const },
    ];
    const model = trainIntentModel(examples, ['decline', 'vague']);
    expect(serializeIntentModel(trainIntentModel(examples, ['decline', 'vague']))).toBe(
      serializeIntentModel(model),
    );
    const vote = voteIntent(model, replyFeatures('lo siento, no puedo', false));
    expect(vote.intent).toBe('decline');
    expect(vote.evidence.length).toBeGreaterThan(0);
    expect(voteIntent(model, replyFeatures('recibido, gracias', false)).intent).toBe('vague');
  });
});

describe('replies no rule decides are read by the words model', () => {
  it('reads a refusal phrased in words no rule lists as a decline, naming the words that decided', () => {
    const text =
      'Lo siento mucho, esta vez paso: ando con tres licitaciones y no llegaría a atenderlos bien.';
    expect(read(text, null).intent).toBe('vague');
    const reading = read(text);
    expect(reading.intent).toBe('decline');
    expect(reading.rule).toMatch(/^model:decline \(.+\)$/);
    expect(reading.reason).toContain('licitaciones');
  });

  it('takes the first stated time of a commitment the rules missed as its due time', () => {
    const text = 'Beleza! Amanhã às 11h bato um papo com o diretor financeiro sobre o business case.';
    const rules = read(text, null);
    const reading = read(text);
    expect(rules.intent).toBe('vague');
    expect(reading.intent).toBe('commit');
    expect(reading.due?.toISOString()).toBe('2027-02-10T10:00:00.000Z');
  });

  it('leaves a bare acknowledgment vague whatever its words resemble', () => {
    for (const text of ['かしこまりました。', 'Got it, thanks!', 'Merci, bien reçu 👍']) {
      expect(read(text).intent, text).toBe('vague');
    }
  });

  it('never reassigns without an address to reassign to', () => {
    const reading = read('Das ist eher was für die Kollegin aus dem Enterprise-Team, bitte umhängen.');
    expect(reading.intent).not.toBe('reassign');
  });
});
