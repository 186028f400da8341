import { Section, Text } from '@react-email/components';
import type { Field } from './components/fields-table.tsx';
import type { Forwarded } from './components/forwarded-email.tsx';
import { HandoffContext } from './components/handoff-context.tsx';
import { Layout, P, rule, Title } from './components/layout.tsx';
import { MailtoLink } from './components/mailto-link.tsx';
import { subjectLine } from './components/subject.ts';

type NoticeKind = 'reminder' | 'escalation' | 'follow-through';

export interface NoticeDigestProps {
  recipientName: string;
  items: Array<{
    reference: string;
    kind: NoticeKind;
    leadSummary: string;
    line: string;
    /** mailto for that handoff (a bare address works too). */
    replyAddress: string;
    // The same context a single escalation email carries: nobody opens another email to learn
    // what a lead is about.
    giverName: string;
    receiverName: string;
    fields: Field[];
    note: string | null;
    forwarded: Forwarded;
    timeline: Array<{ at: string; text: string }>;
  }>;
}

const kindLabel: Record<NoticeKind, string> = {
  reminder: 'Reminder',
  escalation: 'Escalation',
  'follow-through': 'Follow-through',
};

const item = { margin: '0 0 16px', paddingLeft: '12px', borderLeft: `3px solid ${rule}` };
const itemText = { margin: '0 0 4px', fontSize: '16px', lineHeight: '24px' };

export default function NoticeDigest(props: NoticeDigestProps) {
  const count = props.items.length;
  return (
    <Layout
      preview={props.items.map((notice) => notice.reference).join(', ')}
      reason="these handoffs involve you on Baton"
    >
      <Title>{count === 1 ? '1 handoff needs you' : `${count} handoffs need you`}</Title>
      <P>
        Reply to this email naming the handoff, say “{props.items[0]?.reference ?? 'H-1042'}: I’ll call them
        tomorrow at 10”, or write to a handoff’s own reply address with your next step, “done”, or “reassign
        to &lt;email&gt;”.
      </P>
      {props.items.map((notice) => (
        <Section key={notice.reference + notice.kind} style={item}>
          <Text style={itemText}>
            <strong>
              {notice.reference} · {kindLabel[notice.kind]}: {notice.leadSummary}
            </strong>
          </Text>
          <Text style={itemText}>{notice.line}</Text>
          <Text style={itemText}>
            {notice.giverName} handed it to {notice.receiverName}.
          </Text>
          <HandoffContext
            fields={notice.fields}
            giverName={notice.giverName}
            note={notice.note}
            forwarded={notice.forwarded}
            timeline={notice.timeline}
            gap="8px"
          />
          <Text style={itemText}>
            Reply to: <MailtoLink address={notice.replyAddress} />
          </Text>
        </Section>
      ))}
    </Layout>
  );
}

NoticeDigest.PreviewProps = {
  recipientName: 'Dana Kim',
  items: [
    {
      reference: 'H-1042',
      kind: 'escalation',
      leadSummary: 'Jane Doe, VP Operations at Acme',
      line: 'Nobody acknowledged within 4 business hours. Bob Smith has it.',
      replyAddress: 'mailto:reply+h1042.dana.x7Qp@handoffs.example.com?subject=%5BH-1042%5D',
      giverName: 'Sam Lee',
      receiverName: 'Bob Smith',
      fields: [
        { label: 'Lead', value: 'Jane Doe, VP Operations at Acme (jane@acme.com)' },
        { label: 'Summary', value: 'Needs the Salesforce sync for 40 warehouse staff.' },
      ],
      note: 'She mentioned a competitor trial ending on Friday.',
      forwarded: null,
      timeline: [
        { at: 'Tue 24 Nov 2026, 19:00 JST', text: 'Sam Lee handed it to Bob Smith' },
        { at: 'Tue 24 Nov 2026, 22:00 JST', text: 'Reminder sent to Bob Smith' },
      ],
    },
    {
      reference: 'H-1047',
      kind: 'escalation',
      leadSummary: 'Omar Haddad, CTO at Northwind',
      line: 'Bob Smith declined: on leave until the 30th.',
      replyAddress: 'mailto:reply+h1047.dana.9fLm@handoffs.example.com?subject=%5BH-1047%5D',
      giverName: 'Maya Patel',
      receiverName: 'Bob Smith',
      fields: [
        { label: 'Lead', value: 'Omar Haddad, CTO at Northwind' },
        { label: 'Summary', value: 'Wants SSO for 300 seats; the Okta integration is the worry.' },
      ],
      note: null,
      forwarded: {
        from: 'Omar Haddad <omar@northwind.example>',
        date: 'Mon 23 Nov 2026',
        subject: 'SSO pricing',
        body: 'Hi, could you send pricing for 300 seats with Okta SSO?',
      },
      timeline: [{ at: 'Mon 23 Nov 2026, 18:00 JST', text: 'Maya Patel handed it to Bob Smith' }],
    },
    {
      reference: 'H-1051',
      kind: 'follow-through',
      leadSummary: 'Li Wei, Head of Sales at Contoso',
      line: 'You planned “send the proposal” for Mon 23 Nov 2026, 17:00 JST.',
      replyAddress: 'reply+h1051.dana.Kd2s@handoffs.example.com',
      giverName: 'Sam Lee',
      receiverName: 'Dana Kim',
      fields: [{ label: 'Lead', value: 'Li Wei, Head of Sales at Contoso' }],
      note: null,
      forwarded: null,
      timeline: [],
    },
  ],
} satisfies NoticeDigestProps;

export function subject(props: NoticeDigestProps): string {
  const only = props.items.length === 1 ? props.items[0] : undefined;
  if (only) return subjectLine(only.reference, `${kindLabel[only.kind]}: ${only.leadSummary}`);
  return subjectLine(
    null,
    `${props.items.length} handoffs need you: ${props.items.map((n) => n.reference).join(', ')}`,
  );
}
