import { Link } from '@react-email/components';
import { Layout, P, Small, Title } from './components/layout.tsx';
import { subjectLine } from './components/subject.ts';

export interface SignInLinkProps {
  name: string;
  link: string;
  /** When the link stops working, in the member's time. */
  expiresLocal: string;
}

export default function SignInLink(props: SignInLinkProps) {
  return (
    <Layout
      preview="Your link to Baton's dashboard"
      reason="someone asked for a sign-in link for this address"
    >
      <Title>Sign in to the dashboard</Title>
      <P>
        Hi {props.name}, here is your link. It works once, until {props.expiresLocal}.
      </P>
      <P>
        <Link href={props.link}>{props.link}</Link>
      </P>
      <Small>If you did not ask for it, ignore this email: nothing happens without the link.</Small>
    </Layout>
  );
}

SignInLink.PreviewProps = {
  name: 'Dana Kim',
  link: 'https://baton.example.com/dashboard/sign-in/4f9c2e7d1a',
  expiresLocal: 'Tue 24 Nov 2026, 23:15 JST (Asia/Tokyo)',
} satisfies SignInLinkProps;

export function subject(_props: SignInLinkProps): string {
  return subjectLine(null, 'Your sign-in link to Baton');
}
