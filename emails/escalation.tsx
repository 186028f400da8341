import type { Field } from './components/fields-table.tsx';
import type { Forwarded } from './components/forwarded-email.tsx';
import { HandoffContext } from './components/handoff-context.tsx';
import { Layout, Meta, P, Title } from './components/layout.tsx';
import { subjectLine } from './components/subject.ts';

export interface EscalationProps {
  reference: string;
  recipientName: string;
  level: number;
  receiverName: string;
  giverName: string;
  leadSummary: string;
  /** e.g. "Nobody acknowledged within 4 business hours." */
  reasonLine: string;
  fields: Field[];
  note: string | null;
  forwarded: Forwarded;
  timeline: Array<{ at: string; text: string }>;
}

export default function Escalation(props: EscalationProps) {
  return (
    <Layout preview={props.reasonLine} reason="you are in this lead's escalation chain on Baton">
      <Title>Needs an owner: {props.leadSummary}</Title>
      <P>
        <strong>{props.reasonLine}</strong> {props.giverName} handed it to {props.receiverName}.
      </P>
      <P>Reply with your next step, or “reassign to &lt;email&gt;”.</P>
      <Meta reference={props.reference} parts={[`escalation level ${props.level}`]} />
      <HandoffContext
        fields={props.fields}
        giverName={props.giverName}
        note={props.note}
        forwarded={props.forwarded}
        timeline={props.timeline}
      />
    </Layout>
  );
}

Escalation.PreviewProps = {
  reference: 'H-1042',
  recipientName: 'Dana Kim',
  level: 1,
  receiverName: 'Bob Smith',
  giverName: 'Sam Lee',
  leadSummary: 'Jane Doe, VP Operations at Acme (jane@acme.com)',
  reasonLine: 'Nobody acknowledged within 4 business hours.',
  fields: [
    { label: 'Lead', value: 'Jane Doe, VP Operations at Acme (jane@acme.com)' },
    { label: 'Trigger', value: 'Requested a demo after the pricing webinar' },
    { label: 'Summary', value: 'Needs the Salesforce sync for 40 warehouse staff.' },
  ],
  note: 'She mentioned a competitor trial ending on Friday.',
  forwarded: null,
  timeline: [
    { at: 'Tue 24 Nov 2026, 19:00 JST', text: 'Sam Lee handed it to Bob Smith' },
    { at: 'Tue 24 Nov 2026, 22:00 JST', text: 'Reminder sent to Bob Smith' },
    { at: 'Tue 24 Nov 2026, 23:00 JST', text: 'No acknowledgment; escalated to Dana Kim' },
  ],
} satisfies EscalationProps;

export function subject(props: EscalationProps): string {
  return subjectLine(props.reference, `Escalated to you: ${props.leadSummary}`);
}
