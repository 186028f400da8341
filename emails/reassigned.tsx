import { Layout, Meta, P, Title } from './components/layout.tsx';
import { subjectLine } from './components/subject.ts';

export interface ReassignedProps {
  reference: string;
  previousReceiverName: string;
  newReceiverName: string;
  byName: string;
  leadSummary: string;
}

export default function Reassigned(props: ReassignedProps) {
  const byYou = props.byName === props.previousReceiverName;
  return (
    <Layout
      preview="Nothing more needed from you."
      reason={`handoff ${props.reference} was with you until it was reassigned`}
    >
      <Title>
        {props.leadSummary} is now with {props.newReceiverName}
      </Title>
      <P>
        {byYou ? 'As you asked, ' : `${props.byName} reassigned it, so `}
        {props.newReceiverName} owns it now. Nothing more needed from you.
      </P>
      <Meta reference={props.reference} />
    </Layout>
  );
}

Reassigned.PreviewProps = {
  reference: 'H-1042',
  previousReceiverName: 'Bob Smith',
  newReceiverName: 'Claire Martin',
  byName: 'Dana Kim',
  leadSummary: 'Jane Doe, VP Operations at Acme (jane@acme.com)',
} satisfies ReassignedProps;

export function subject(props: ReassignedProps): string {
  return subjectLine(props.reference, `Reassigned to ${props.newReceiverName}: ${props.leadSummary}`);
}
