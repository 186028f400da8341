import { Layout, Meta, P, Small, Title } from './components/layout.tsx';
import { Quote } from './components/quote.tsx';
import { subjectLine } from './components/subject.ts';

/** A reply Baton was unsure how to read: the receiver is asked once to confirm the step it understood. */
export interface ConfirmStepProps {
  reference: string;
  receiverName: string;
  leadSummary: string;
  /** The step as Baton understood it. */
  action: string;
  /** Its due time in the receiver's zone, or null when the reply gave none. */
  dueLocal: string | null;
  theirText: string;
  /** The end of the acknowledgment window in the receiver's zone ('' when there is none). */
  deadlineLocal: string;
}

function understood(props: ConfirmStepProps): string {
  return props.dueLocal ? `${props.action} — ${props.dueLocal}` : `${props.action} (no time given)`;
}

export default function ConfirmStep(props: ConfirmStepProps) {
  return (
    <Layout
      preview="Reply yes to confirm, or write your next step and when."
      reason={`you replied about handoff ${props.reference}`}
    >
      <Title>Did you mean: {understood(props)}?</Title>
      <P>Reply yes to confirm, or write your next step and when.</P>
      <P>
        Until then {props.leadSummary} stays open
        {props.deadlineLocal ? (
          <>
            , and it escalates if there's no next step by <strong>{props.deadlineLocal}</strong>
          </>
        ) : null}
        .
      </P>
      <Small>You wrote:</Small>
      <Quote text={props.theirText} />
      <Meta reference={props.reference} />
    </Layout>
  );
}

ConfirmStep.PreviewProps = {
  reference: 'H-1042',
  receiverName: 'Bob Smith',
  leadSummary: 'Jane Doe, VP Operations at Acme (jane@acme.com)',
  action: 'call Jane',
  dueLocal: 'Thu 10 Dec 2026, 14:00 CET (Europe/Berlin)',
  theirText: 'Sounds good, Thursday 14:00 works for me with Jane.',
  deadlineLocal: 'Tue 8 Dec 2026, 15:00 CET (Europe/Berlin)',
} satisfies ConfirmStepProps;

export function subject(props: ConfirmStepProps): string {
  return subjectLine(props.reference, `Did you mean this next step? ${props.leadSummary}`);
}
