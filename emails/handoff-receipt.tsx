import { type Field, FieldsTable } from './components/fields-table.tsx';
import { Layout, Meta, P, Small, Title } from './components/layout.tsx';
import { subjectLine } from './components/subject.ts';

export interface HandoffReceiptProps {
  reference: string;
  giverName: string;
  receiverName: string;
  receiverEmail: string;
  leadSummary: string;
  deadlineReceiverLocal: string;
  deadlineGiverLocal: string;
  /** e.g. "handed off 31 hours after the trigger (target: within 24 hours)" */
  lateBy: string | null;
  fields: Field[];
}

export default function HandoffReceipt(props: HandoffReceiptProps) {
  const { reference, receiverName } = props;
  return (
    <Layout
      preview={`${receiverName} must reply by ${props.deadlineGiverLocal}, your time.`}
      reason="you handed off a lead on Baton"
    >
      <Title>
        {receiverName} has it: {props.leadSummary}
      </Title>
      <P>
        {receiverName} must reply by:
        <br />
        <strong>{props.deadlineGiverLocal}</strong> your time
        <br />
        {props.deadlineReceiverLocal} their time
      </P>
      {props.lateBy ? (
        <P>Heads-up: {props.lateBy}. It still went through; the metrics count it as late.</P>
      ) : null}
      <P>You'll get an email when {receiverName} replies. If nobody does, Baton escalates.</P>
      <Meta reference={reference} parts={[`sent to ${receiverName} (${props.receiverEmail})`]} />
      <Small>What you sent:</Small>
      <FieldsTable fields={props.fields} />
    </Layout>
  );
}

HandoffReceipt.PreviewProps = {
  reference: 'H-1042',
  giverName: 'Sam Lee',
  receiverName: 'Bob Smith',
  receiverEmail: 'bob@example.com',
  leadSummary: 'Jane Doe, VP Operations at Acme (jane@acme.com)',
  deadlineReceiverLocal: 'Tue 24 Nov 2026, 15:00 CET (Europe/Berlin)',
  deadlineGiverLocal: 'Tue 24 Nov 2026, 09:00 EST (America/New_York)',
  lateBy: 'handed off 31 hours after the trigger (target: within 24 hours)',
  fields: [
    { label: 'Lead', value: 'Jane Doe, VP Operations at Acme (jane@acme.com)' },
    { label: 'Trigger', value: 'Requested a demo after the pricing webinar' },
    { label: 'Summary', value: 'Needs the Salesforce sync for 40 warehouse staff.' },
  ],
} satisfies HandoffReceiptProps;

export function subject(props: HandoffReceiptProps): string {
  return subjectLine(props.reference, `Handed to ${props.receiverName}: ${props.leadSummary}`);
}
