import { Layout, P, Title } from './components/layout.tsx';
import { subjectLine } from './components/subject.ts';

export interface UnknownSenderProps {
  senderEmail: string;
  mailDomain: string;
}

export default function UnknownSender(props: UnknownSenderProps) {
  return (
    <Layout preview="Nothing was passed on." reason={`you wrote to an address at ${props.mailDomain}`}>
      <Title>Your email wasn't passed on</Title>
      <P>
        {props.mailDomain} only takes handoffs from its team's members, and {props.senderEmail} isn't one of
        them. Nobody received your message.
      </P>
      <P>If you should be a member, ask whoever runs Baton for your team to add this address.</P>
    </Layout>
  );
}

UnknownSender.PreviewProps = {
  senderEmail: 'alex@partner.example.org',
  mailDomain: 'handoffs.example.com',
} satisfies UnknownSenderProps;

export function subject(_props: UnknownSenderProps): string {
  return subjectLine(null, "Your email wasn't passed on");
}
