import { Layout, Meta, P, Small, Title } from './components/layout.tsx';
import { Quote } from './components/quote.tsx';
import { subjectLine } from './components/subject.ts';

export interface AskSpecificProps {
  reference: string;
  receiverName: string;
  leadSummary: string;
  theirText: string;
  deadlineLocal: string;
}

export default function AskSpecific(props: AskSpecificProps) {
  return (
    <Layout
      preview={`What's the next step, and when? Reply by ${props.deadlineLocal}.`}
      reason={`you replied about handoff ${props.reference}`}
    >
      <Title>Thanks! What's the next step, and when?</Title>
      <P>
        So {props.leadSummary} counts as yours, reply with your specific next step and when — e.g. “I'll call
        them tomorrow at 10 about pricing.”
      </P>
      <P>
        Until then it stays open, and it escalates if there's no next step by{' '}
        <strong>{props.deadlineLocal}</strong>.
      </P>
      <Small>You wrote:</Small>
      <Quote text={props.theirText} />
      <Meta reference={props.reference} />
    </Layout>
  );
}

AskSpecific.PreviewProps = {
  reference: 'H-1042',
  receiverName: 'Bob Smith',
  leadSummary: 'Jane Doe, VP Operations at Acme (jane@acme.com)',
  theirText: 'Got it, thanks!',
  deadlineLocal: 'Tue 24 Nov 2026, 15:00 CET (Europe/Berlin)',
} satisfies AskSpecificProps;

export function subject(props: AskSpecificProps): string {
  return subjectLine(props.reference, `What's your next step? ${props.leadSummary}`);
}
