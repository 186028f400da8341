import { Section, Text } from '@react-email/components';
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
        Each one has its own reply address: write to it with your next step, “done”, or “reassign to
        &lt;email&gt;”.
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
    },
    {
      reference: 'H-1047',
      kind: 'escalation',
      leadSummary: 'Omar Haddad, CTO at Northwind',
      line: 'Bob Smith declined: on leave until the 30th.',
      replyAddress: 'mailto:reply+h1047.dana.9fLm@handoffs.example.com?subject=%5BH-1047%5D',
    },
    {
      reference: 'H-1051',
      kind: 'follow-through',
      leadSummary: 'Li Wei, Head of Sales at Contoso',
      line: 'You planned “send the proposal” for Mon 23 Nov 2026, 17:00 JST.',
      replyAddress: 'reply+h1051.dana.Kd2s@handoffs.example.com',
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
