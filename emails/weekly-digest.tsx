import { Link, Section, Text } from '@react-email/components';
import { Layout, P, rule, Small, Title } from './components/layout.tsx';
import { MailtoLink } from './components/mailto-link.tsx';
import { subjectLine } from './components/subject.ts';

export interface WeeklyDigestProps {
  managerName: string;
  /** The ISO week reported, e.g. "2026-W48". */
  week: string;
  /** "Mon 23 Nov – Sun 29 Nov 2026", in the manager's zone. */
  period: string;
  team: string[];
  /** Each figure this week and the week before, formatted ("25 %", "1 h 30 min", "—"). */
  figures: Array<{ label: string; thisWeek: string; weekBefore: string }>;
  leaks: Array<{
    reference: string;
    leadSummary: string;
    receiverName: string;
    status: string;
    link: string;
    replyAddress: string | null;
  }>;
  /** Leaks beyond the ones listed. */
  moreLeaks: number;
  dashboardLink: string;
}

const row = { margin: '0 0 6px', fontSize: '16px', lineHeight: '24px' };
const item = { margin: '0 0 12px', paddingLeft: '12px', borderLeft: `3px solid ${rule}` };
const link = { color: 'inherit', textDecoration: 'underline' };

export default function WeeklyDigest(props: WeeklyDigestProps) {
  const leaked = props.leaks.length + props.moreLeaks;
  return (
    <Layout
      preview={props.figures.map((f) => `${f.label}: ${f.thisWeek}`).join(' · ')}
      reason="you manage people who hand off leads on Baton"
    >
      <Title>
        Your team’s week {props.week}: {props.period}
      </Title>
      <Small>{props.team.join(', ')}</Small>
      <Section style={{ margin: '0 0 16px' }}>
        {props.figures.map((f) => (
          <Text key={f.label} style={row}>
            <strong>{f.label}:</strong> {f.thisWeek} (week before: {f.weekBefore})
          </Text>
        ))}
      </Section>
      {leaked === 0 ? (
        <P>No handoff leaked this week.</P>
      ) : (
        <>
          <P>
            <strong>{leaked === 1 ? '1 handoff leaked' : `${leaked} handoffs leaked`}</strong> (nobody
            acknowledged it within its window):
          </P>
          {props.leaks.map((leak) => (
            <Section key={leak.reference} style={item}>
              <Text style={row}>
                <strong>
                  {leak.reference} · {leak.leadSummary}
                </strong>{' '}
                (with {leak.receiverName}, {leak.status})
              </Text>
              <Text style={row}>
                <Link href={leak.link} style={link}>
                  {leak.link}
                </Link>
              </Text>
              {leak.replyAddress ? (
                <Text style={row}>
                  Reply to: <MailtoLink address={leak.replyAddress} />
                </Text>
              ) : null}
            </Section>
          ))}
          {props.moreLeaks > 0 ? <P>… and {props.moreLeaks} more on the dashboard.</P> : null}
          <P>
            To act on one, reply to this email naming it, say “{props.leaks[0]?.reference ?? 'H-1042'}:
            reassign to &lt;email&gt;”, or write to its own reply address.
          </P>
        </>
      )}
      <P>
        Everything else:{' '}
        <Link href={props.dashboardLink} style={link}>
          {props.dashboardLink}
        </Link>
      </P>
    </Layout>
  );
}

WeeklyDigest.PreviewProps = {
  managerName: 'Dana Kim',
  week: '2026-W48',
  period: 'Mon 23 Nov – Sun 29 Nov 2026',
  team: ['Bob Smith', 'Sam Lee'],
  figures: [
    { label: 'Handoffs', thisWeek: '12', weekBefore: '9' },
    { label: 'Leak rate', thisWeek: '17 %', weekBefore: '33 %' },
    { label: 'Time to acknowledge (median, working hours)', thisWeek: '1 h 20 min', weekBefore: '2 h' },
    { label: 'Time to acknowledge (median, on the clock)', thisWeek: '3 h 5 min', weekBefore: '5 h' },
    { label: 'Handed off within 24 h of the trigger', thisWeek: '83 %', weekBefore: '78 %' },
    { label: 'Follow-through', thisWeek: '90 %', weekBefore: '—' },
  ],
  leaks: [
    {
      reference: 'H-1042',
      leadSummary: 'Jane Doe, VP Operations at Acme',
      receiverName: 'Bob Smith',
      status: 'still open',
      link: 'https://baton.example.com/dashboard/handoffs/H-1042',
      replyAddress: 'reply+1042.dana.x7qp@handoffs.example.com',
    },
    {
      reference: 'H-1047',
      leadSummary: 'Omar Haddad, CTO at Northwind',
      receiverName: 'Sam Lee',
      status: 'done',
      link: 'https://baton.example.com/dashboard/handoffs/H-1047',
      replyAddress: null,
    },
  ],
  moreLeaks: 0,
  dashboardLink: 'https://baton.example.com/dashboard',
} satisfies WeeklyDigestProps;

export function subject(props: WeeklyDigestProps): string {
  const leak = props.figures.find((f) => f.label === 'Leak rate');
  const leakPart = leak ? `: leak rate ${leak.thisWeek} (week before ${leak.weekBefore})` : '';
  return subjectLine(null, `Your team’s week ${props.week}${leakPart}`);
}
