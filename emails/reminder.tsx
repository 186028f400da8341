import { type Field, FieldsTable } from './components/fields-table.tsx';
import { Layout, Meta, P, Title } from './components/layout.tsx';
import { subjectLine } from './components/subject.ts';

export interface ReminderProps {
  reference: string;
  receiverName: string;
  leadSummary: string;
  deadlineLocal: string;
  fields: Field[];
}

export default function Reminder(props: ReminderProps) {
  return (
    <Layout
      preview={`Reply by ${props.deadlineLocal} to avoid an escalation.`}
      reason="a lead was handed to you on Baton"
    >
      <Title>Reminder: {props.leadSummary} needs your next step</Title>
      <P>
        <strong>Please reply by {props.deadlineLocal}</strong>, or it escalates.
      </P>
      <P>
        Reply to this email with your next step and when — e.g. “I'll call them tomorrow at 10 about pricing.”
      </P>
      <Meta reference={props.reference} />
      <FieldsTable fields={props.fields} />
    </Layout>
  );
}

Reminder.PreviewProps = {
  reference: 'H-1042',
  receiverName: 'Bob Smith',
  leadSummary: 'Jane Doe, VP Operations at Acme (jane@acme.com)',
  deadlineLocal: 'Tue 24 Nov 2026, 15:00 CET (Europe/Berlin)',
  fields: [
    { label: 'Lead', value: 'Jane Doe, VP Operations at Acme (jane@acme.com)' },
    { label: 'Trigger', value: 'Requested a demo after the pricing webinar' },
    { label: 'Summary', value: 'Needs the Salesforce sync for 40 warehouse staff.' },
  ],
} satisfies ReminderProps;

export function subject(props: ReminderProps): string {
  return subjectLine(props.reference, `Reminder: ${props.leadSummary}`);
}
