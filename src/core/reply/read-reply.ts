/*
 * How Baton reads one reply: automatic mail first (bounces, auto-replies), then the new text, stripped
 * of quoted history, classified into an intent with its commitment.
 */

import type { ParsedMessage } from '../message.ts';
import type { Schedule } from '../time/business-time.ts';
import type { WeeklyHours } from '../time/working-hours.ts';
import {
  detectAutomatic,
  looksLikeOutOfOffice,
  readReturnDate,
  saysAway,
  withoutAwayClauses,
} from './automatic.ts';
import { affirms, type ClassifyOptions, classifyReply, intentFeatures } from './classify.ts';
import { ruleConfidence } from './confidence.ts';
import { type DueLanguage, detectLanguage, findDueMentions } from './due.ts';
import trainedModel from './intent-model.json' with { type: 'json' };
import type { IntentModel } from './intent-model.ts';
import { stripReply } from './strip.ts';

export type Intent =
  | 'commit'
  | 'vague'
  | 'decline'
  | 'reassign'
  | 'done'
  | 'question'
  | 'auto-reply'
  | 'bounce';

export interface ReplyReading {
  intent: Intent;
  /** commit/done: the sentence with the first promised step, trimmed of greetings ("Hi Sam,"). */
  action: string | null;
  /** commit: the due instant. */
  due: Date | null;
  /** The stripped new text ('' for a bounce, whose body is a report). */
  text: string;
  /** reassign: email address (lower-case) or the name as written, for the caller to resolve. */
  reassignTo: string | null;
  /** auto-reply: 'YYYY-MM-DD' or null. */
  returnDate: string | null;
  /** decline: the reason; bounce: the diagnostic. */
  reason: string | null;
  /** bounce: the address that could not be reached. */
  failedRecipient: string | null;
  /** Which rule decided, e.g. 'header:auto-submitted', 'commit:verb+time'. */
  rule: string;
  /**
   * How often that rule's family read labelled replies right (rule-confidence.json, see confidence.ts);
   * 1 for mail recognised as automatic from its headers, reports, sender or subject.
   */
  confidence: number;
  /** The whole text is a short yes ("Yes", "Ja, genau", "C'est ça", "はい"): an answer to "Did you mean …?". */
  affirms: boolean;
}

export interface ReadContext {
  timeZone: string;
  hours: WeeklyHours;
  holidays: readonly string[];
  /** The words model for replies no rule decides: the trained one by default, null for the rules alone. */
  model?: IntentModel | null;
}

/** Trained by `npm run train:replies` on test/fixtures/replies (see intent-model.ts). */
export const TRAINED_INTENT_MODEL = trainedModel as IntentModel;

// Raw bodies handed to the stripper are capped; the new text of a reply sits at the top.
const MAX_BODY = 256 * 1024;
// Stripped text read by the rules.
const MAX_TEXT = 16 * 1024;

type TextReading = Pick<
  ReplyReading,
  'intent' | 'action' | 'due' | 'reassignTo' | 'reason' | 'rule' | 'confidence' | 'affirms'
>;

function schedule(ctx: ReadContext): Schedule {
  return { timeZone: ctx.timeZone, hours: ctx.hours, holidays: ctx.holidays };
}

/** An out-of-office text: recorded as an auto-reply, never an acknowledgment. */
function absence(rule: string): TextReading {
  return {
    intent: 'auto-reply',
    action: null,
    due: null,
    reassignTo: null,
    reason: null,
    rule,
    confidence: ruleConfidence(rule),
    affirms: false,
  };
}

function read(text: string, sentAt: Date | null, ctx: ReadContext): TextReading {
  const input = text.slice(0, MAX_TEXT);
  if (looksLikeOutOfOffice(input)) return absence('body:out-of-office');
  let result = classifyReply(input, classifyOptions(input, sentAt, ctx));
  // A typed absence ("I'm out of office until Dec 14") is never a commitment: a promise has to stand
  // without the clause that says the writer is away. Its time is its own ("I'm on leave from tomorrow,
  // I'll call her on the 10th"), else the day the writer is back ("…, will call her when I'm back"),
  // never the day the absence starts.
  if (result.intent === 'commit' && result.action && saysAway(result.action.text)) {
    const rest = withoutAwayClauses(input);
    const again = classifyReply(rest, classifyOptions(rest, sentAt, ctx));
    if (again.intent !== 'commit') return absence('body:typed-absence');
    const back = sentAt !== null && readReturnDate(input, sentAt, schedule(ctx)) !== null;
    if (again.due || !back) result = { ...result, due: again.due, rule: again.rule };
  }
  return {
    intent: result.intent,
    action: result.action?.text.trim() ?? null,
    due: sentAt && result.due ? result.due.due : null,
    reassignTo: result.reassignTo,
    reason: result.reason,
    rule: result.rule,
    confidence: ruleConfidence(result.rule),
    affirms: affirms(input),
  };
}

function classifyOptions(input: string, sentAt: Date | null, ctx: ReadContext): ClassifyOptions {
  const language: DueLanguage = detectLanguage(input);
  // Without a Date header there is no reference instant: times are still recognised (against a fixed
  // instant) so the intent is right, but no due instant is claimed.
  const reference = sentAt ?? new Date(Date.UTC(2000, 0, 3, 12));
  const plan = schedule(ctx);
  return {
    times: (piece) => findDueMentions(piece, reference, plan, language),
    model: ctx.model === undefined ? TRAINED_INTENT_MODEL : ctx.model,
  };
}

/** The words-model features of a stripped reply text, as the reader computes them (to train the model). */
export function replyTextFeatures(text: string, sentAt: Date, ctx: ReadContext): string[] {
  const input = text.slice(0, MAX_TEXT);
  return intentFeatures(input, classifyOptions(input, sentAt, ctx));
}

/** Same, for text already stripped (used by the evaluation). */
export function readText(text: string, sentAt: Date, ctx: ReadContext): TextReading {
  return read(text, sentAt, ctx);
}

/**
 * Reads one inbound reply in the receiver's time zone and working hours: bounce or auto-reply (from
 * headers, reports, sender, subject, then body), else the intent of the new text with its commitment,
 * due time (relative to the reply's Date), reassign target or decline reason, and the rule that decided.
 */
export function readReply(message: ParsedMessage, ctx: ReadContext): ReplyReading {
  const body = {
    text: message.text === null ? null : message.text.slice(0, MAX_BODY),
    htmlText: message.htmlText === null ? null : message.htmlText.slice(0, MAX_BODY),
  };
  const automatic = detectAutomatic(message);
  if (automatic?.kind === 'bounce') {
    // Nobody wrote a bounce: its body is a report, not new text, so it is not stripped.
    return {
      intent: 'bounce',
      action: null,
      due: null,
      text: '',
      reassignTo: null,
      returnDate: null,
      reason: automatic.diagnostic,
      failedRecipient: automatic.failedRecipient,
      rule: automatic.rule,
      confidence: 1,
      affirms: false,
    };
  }
  const stripped = stripReply(body);
  // A reply that only quotes or forwards carries no words of its own: nothing in it is the receiver's answer.
  const text = stripped.quotedOnly ? '' : stripped.text.slice(0, MAX_TEXT);
  const empty = {
    action: null,
    due: null,
    reassignTo: null,
    reason: null,
    failedRecipient: null,
    confidence: 1,
    affirms: false,
  };
  if (automatic) {
    const returnDate = message.date ? readReturnDate(text, message.date, schedule(ctx)) : null;
    return { ...empty, intent: 'auto-reply', text, returnDate, rule: automatic.rule };
  }
  const reading = read(text, message.date, ctx);
  const returnDate =
    reading.intent === 'auto-reply' && message.date
      ? readReturnDate(text, message.date, schedule(ctx))
      : null;
  return { ...reading, text, returnDate, failedRecipient: null };
}
