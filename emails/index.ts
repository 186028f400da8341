import type { ReactElement } from 'react';
import type { EmailKind as CoreEmailKind } from '../src/core/email-kind.ts';
import Acknowledged, { subject as acknowledgedSubject } from './acknowledged.tsx';
import AnswerRelay, { subject as answerRelaySubject } from './answer-relay.tsx';
import AskSpecific, { subject as askSpecificSubject } from './ask-specific.tsx';
import AutoReplyNoted, { subject as autoReplyNotedSubject } from './auto-reply-noted.tsx';
import Cancelled, { subject as cancelledSubject } from './cancelled.tsx';
import ConfirmStep, { subject as confirmStepSubject } from './confirm-step.tsx';
import Declined, { subject as declinedSubject } from './declined.tsx';
import Done, { subject as doneSubject } from './done.tsx';
import Escalation, { subject as escalationSubject } from './escalation.tsx';
import FollowThrough, { subject as followThroughSubject } from './follow-through.tsx';
import HandoffReceipt, { subject as handoffReceiptSubject } from './handoff-receipt.tsx';
import HandoffRequest, { subject as handoffRequestSubject } from './handoff-request.tsx';
import LightDigest, { subject as lightDigestSubject } from './light-digest.tsx';
import MissingFields, { subject as missingFieldsSubject } from './missing-fields.tsx';
import Noted, { subject as notedSubject } from './noted.tsx';
import NoticeDigest, { subject as noticeDigestSubject } from './notice-digest.tsx';
import ProspectIntro, { subject as prospectIntroSubject } from './prospect-intro.tsx';
import QuestionRelay, { subject as questionRelaySubject } from './question-relay.tsx';
import Reassigned, { subject as reassignedSubject } from './reassigned.tsx';
import Refusal, { subject as refusalSubject } from './refusal.tsx';
import Reminder, { subject as reminderSubject } from './reminder.tsx';
import SignInLink, { subject as signInLinkSubject } from './sign-in-link.tsx';
import Undeliverable, { subject as undeliverableSubject } from './undeliverable.tsx';
import UnknownReceiver, { subject as unknownReceiverSubject } from './unknown-receiver.tsx';
import UnknownSender, { subject as unknownSenderSubject } from './unknown-sender.tsx';
import WeeklyDigest, { subject as weeklyDigestSubject } from './weekly-digest.tsx';

export type { Field } from './components/fields-table.tsx';
export type { Forwarded } from './components/forwarded-email.tsx';

/** One kind of email: its component (with preview props) and its subject line. */
export interface EmailTemplate<P> {
  component: ((props: P) => ReactElement) & { PreviewProps: P };
  subject: (props: P) => string;
}

const registry = {
  'handoff-request': { component: HandoffRequest, subject: handoffRequestSubject },
  'handoff-receipt': { component: HandoffReceipt, subject: handoffReceiptSubject },
  'missing-fields': { component: MissingFields, subject: missingFieldsSubject },
  'unknown-receiver': { component: UnknownReceiver, subject: unknownReceiverSubject },
  'unknown-sender': { component: UnknownSender, subject: unknownSenderSubject },
  acknowledged: { component: Acknowledged, subject: acknowledgedSubject },
  'ask-specific': { component: AskSpecific, subject: askSpecificSubject },
  'confirm-step': { component: ConfirmStep, subject: confirmStepSubject },
  declined: { component: Declined, subject: declinedSubject },
  reassigned: { component: Reassigned, subject: reassignedSubject },
  'question-relay': { component: QuestionRelay, subject: questionRelaySubject },
  'answer-relay': { component: AnswerRelay, subject: answerRelaySubject },
  done: { component: Done, subject: doneSubject },
  'auto-reply-noted': { component: AutoReplyNoted, subject: autoReplyNotedSubject },
  undeliverable: { component: Undeliverable, subject: undeliverableSubject },
  refusal: { component: Refusal, subject: refusalSubject },
  reminder: { component: Reminder, subject: reminderSubject },
  escalation: { component: Escalation, subject: escalationSubject },
  'follow-through': { component: FollowThrough, subject: followThroughSubject },
  'notice-digest': { component: NoticeDigest, subject: noticeDigestSubject },
  'light-digest': { component: LightDigest, subject: lightDigestSubject },
  'prospect-intro': { component: ProspectIntro, subject: prospectIntroSubject },
  noted: { component: Noted, subject: notedSubject },
  cancelled: { component: Cancelled, subject: cancelledSubject },
  'sign-in-link': { component: SignInLink, subject: signInLinkSubject },
  'weekly-digest': { component: WeeklyDigest, subject: weeklyDigestSubject },
};

export type EmailKind = keyof typeof registry;

// The core's list of kinds and the templates are the same set: a kind without a template fails to compile.
type SameKinds<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameKinds: SameKinds<EmailKind, CoreEmailKind> = true;
void sameKinds;
export type EmailProps<K extends EmailKind> = Parameters<(typeof registry)[K]['subject']>[0];

// Annotated as a mapped type so that `templates[kind]` stays tied to `EmailProps<K>` for a generic K
// (indexing the inferred object would give a union of templates that no props value fits).
export const templates: { [K in EmailKind]: EmailTemplate<EmailProps<K>> } = registry;
