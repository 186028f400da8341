import { Link } from '@react-email/components';
import { Layout, P } from './components/layout.tsx';
import { Quote } from './components/quote.tsx';
import { subjectLine } from './components/subject.ts';

export interface ProspectIntroProps {
  leadName: string;
  receiverName: string;
  summary: string;
  calendarLink: string | null;
}

export default function ProspectIntro(props: ProspectIntroProps) {
  return (
    <Layout
      preview={
        props.calendarLink ? 'Pick a time that suits you, or just reply.' : 'Just reply to this email.'
      }
      reason="you got in touch with us"
      personal={{ footnote: "If you'd rather not hear from us, reply and say so." }}
    >
      <P>Hi {props.leadName},</P>
      <P>Thanks for getting in touch. I'm {props.receiverName}, and I'll look after your request:</P>
      <Quote text={props.summary} />
      {props.calendarLink ? (
        <P>
          If a call helps, pick a time that suits you:{' '}
          <Link href={props.calendarLink} style={{ color: 'inherit', textDecoration: 'underline' }}>
            {props.calendarLink}
          </Link>
        </P>
      ) : null}
      <P>{props.calendarLink ? 'Or just reply to this email.' : 'Just reply to this email.'}</P>
      <P>{props.receiverName}</P>
    </Layout>
  );
}

ProspectIntro.PreviewProps = {
  leadName: 'Priya',
  receiverName: 'Bob Smith',
  summary: 'Pricing for a 5-seat team, and whether it works with your existing Salesforce setup.',
  calendarLink: 'https://cal.example.com/bob-smith/intro',
} satisfies ProspectIntroProps;

export function subject(props: ProspectIntroProps): string {
  return subjectLine(null, `Your request — ${props.receiverName}`);
}
