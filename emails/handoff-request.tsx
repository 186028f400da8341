import type { AttachmentLine } from '../src/core/handoff/attachments.ts';
import { AttachmentList } from './components/attachment-list.tsx';
import { type Field, FieldsTable } from './components/fields-table.tsx';
import { type Forwarded, ForwardedEmail } from './components/forwarded-email.tsx';
import { Layout, Meta, P, Small, Title } from './components/layout.tsx';
import { Quote } from './components/quote.tsx';
import { subjectLine } from './components/subject.ts';

export interface HandoffRequestProps {
  reference: string;
  playbookName: string;
  giverName: string;
  giverEmail: string;
  receiverName: string;
  /** The lead field's first line. */
  leadSummary: string;
  fields: Field[];
  note: string | null;
  forwarded: Forwarded;
  deadlineLocal: string;
  deadlineExplanation: string;
  /** Name of the previous receiver when this came by reassignment. */
  reassignedFrom: string | null;
  /** The files attached to the giver's email, filled in when the email is sent. */
  attachments?: AttachmentLine[];
}

export default function HandoffRequest(props: HandoffRequestProps) {
  const { reference, playbookName, giverName, giverEmail, leadSummary, reassignedFrom } = props;
  return (
    <Layout
      preview={`Reply by ${props.deadlineLocal} with your next step.`}
      reason={`${giverName} handed you a lead on Baton`}
    >
      <Title>
        {reassignedFrom
          ? `Reassigned to you: ${leadSummary}`
          : `New handoff from ${giverName}: ${leadSummary}`}
      </Title>
      {reassignedFrom ? (
        <P>
          It was with {reassignedFrom}; {giverName} handed it off.
        </P>
      ) : null}
      <P>
        <strong>Please reply by {props.deadlineLocal}.</strong>
      </P>
      <P>
        Reply to this email with your next step and when — e.g. “I'll call them tomorrow at 10 about pricing.”
      </P>
      <Meta reference={reference} parts={[playbookName, `from ${giverName} (${giverEmail})`]} />
      <FieldsTable fields={props.fields} />
      {props.note ? (
        <>
          <Small>Note from {giverName}:</Small>
          <Quote text={props.note} />
        </>
      ) : null}
      <AttachmentList attachments={props.attachments} giverName={giverName} reference={reference} />
      <ForwardedEmail forwarded={props.forwarded} />
      <Small>
        Can't take it? Reply saying why, or “reassign to name@example.com”. Questions in your reply go to{' '}
        {giverName}.
      </Small>
      <Small>Deadline: {props.deadlineExplanation}</Small>
    </Layout>
  );
}

HandoffRequest.PreviewProps = {
  reference: 'H-1042',
  playbookName: 'MQL to SAL',
  giverName: 'Sam Lee',
  giverEmail: 'sam@example.com',
  receiverName: 'Bob Smith',
  leadSummary: 'Jane Doe, VP Operations at Acme (jane@acme.com)',
  fields: [
    { label: 'Lead', value: 'Jane Doe, VP Operations at Acme (jane@acme.com)\n+1 415 555 0142' },
    { label: 'Trigger', value: 'Requested a demo after the pricing webinar' },
    {
      label: 'Summary',
      value:
        'Runs ops for 40 warehouse staff. Their current tool has no Salesforce integration, and that is the main pain.',
    },
    { label: 'Timeline', value: 'Wants to decide before Q1' },
    { label: 'Channel', value: 'Phone' },
  ],
  note: 'She mentioned a competitor trial ending on Friday.',
  forwarded: {
    from: 'Jane Doe <jane@acme.com>',
    date: 'Mon 23 Nov 2026, 09:12',
    subject: 'Pricing for 40 seats',
    body: 'Hi Sam,\n\nCould someone walk us through pricing for 40 seats and the Salesforce sync?\n\nThanks,\nJane',
  },
  deadlineLocal: 'Tue 24 Nov 2026, 15:00 CET (Europe/Berlin)',
  deadlineExplanation: '4 business hours in Europe/Berlin, Mon–Thu 08:30–17:30, Fri 08:30–13:00',
  reassignedFrom: null,
  attachments: [
    { filename: 'acme-deck.pdf', size: '2.4 MB', delivery: 'attached', href: null },
    {
      filename: 'warehouse-walkthrough.mp4',
      size: '18.2 MB',
      delivery: 'linked',
      href: 'https://baton.example.com/dashboard/handoffs/H-1042/attachments/2',
    },
  ],
} satisfies HandoffRequestProps;

export function subject(props: HandoffRequestProps): string {
  return subjectLine(props.reference, `Handoff from ${props.giverName}: ${props.leadSummary}`);
}
