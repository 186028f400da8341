import { Layout, Meta, P, Title } from './components/layout.tsx';
import { subjectLine } from './components/subject.ts';

/** To the people a handoff was with (its receiver, those it was escalated to) when it is cancelled. */
export interface CancelledProps {
  reference: string;
  leadSummary: string;
  byName: string;
  /** Completes "You get this because …". */
  reason: string;
}

export default function Cancelled(props: CancelledProps) {
  return (
    <Layout preview="Nothing more needed from you." reason={props.reason}>
      <Title>{props.leadSummary}: handoff cancelled</Title>
      <P>
        {props.byName} cancelled it. Nothing more needed from you; its reminders and escalations have stopped.
      </P>
      <Meta reference={props.reference} />
    </Layout>
  );
}

Cancelled.PreviewProps = {
  reference: 'H-1042',
  leadSummary: 'Jane Doe, VP Operations at Acme (jane@acme.com)',
  byName: 'Maya Patel',
  reason: 'handoff H-1042 was with you',
} satisfies CancelledProps;

export function subject(props: CancelledProps): string {
  return subjectLine(props.reference, `Cancelled: ${props.leadSummary}`);
}
