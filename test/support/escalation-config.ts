/**
 * A team for escalation tests: a receiver and a same-zone manager in Tokyo, New York and Berlin,
 * a manager abroad (Bea in Berlin reports to Dana in Tokyo), and playbooks that repeat and that
 * deliver at once, and one that triages by score.
 */
export const escalationConfig = {
  mailDomain: 'handoffs.example.com',
  // Tests send unsigned mail as members; the sender authentication tests ask for "required".
  senderAuthentication: 'off',
  members: [
    { email: 'maya@example.com', name: 'Maya Patel', timeZone: 'America/New_York' },
    {
      email: 'ana@example.com',
      name: 'Ana Mori',
      timeZone: 'Asia/Tokyo',
      workingHours: 'Mon-Fri 09:00-18:00',
      manager: 'ken@example.com',
    },
    {
      email: 'ken@example.com',
      name: 'Ken Ito',
      timeZone: 'Asia/Tokyo',
      workingHours: 'Mon-Fri 09:00-18:00',
    },
    {
      email: 'nora@example.com',
      name: 'Nora Diaz',
      timeZone: 'America/New_York',
      holidays: ['2026-11-26'],
      manager: 'sam@example.com',
    },
    { email: 'sam@example.com', name: 'Sam Lee', timeZone: 'America/New_York' },
    {
      email: 'bob@example.com',
      name: 'Bob Smith',
      timeZone: 'Europe/Berlin',
      workingHours: 'Mon-Thu 08:30-17:30, Fri 08:30-13:00',
      manager: 'lena@example.com',
    },
    {
      email: 'lena@example.com',
      name: 'Lena Vogel',
      timeZone: 'Europe/Berlin',
      workingHours: 'Mon-Fri 08:00-17:00',
    },
    { email: 'bea@example.com', name: 'Bea Roth', timeZone: 'Europe/Berlin', manager: 'dana@example.com' },
    {
      email: 'dana@example.com',
      name: 'Dana Kim',
      timeZone: 'Asia/Tokyo',
      workingHours: 'Mon-Fri 09:00-18:00',
    },
  ],
  teams: [
    { id: 'sales-leads', name: 'Sales leads', contact: 'dana@example.com', members: ['dana@example.com'] },
  ],
  playbooks: [
    {
      id: 'mql-to-sal',
      name: 'MQL to SAL',
      fields: [
        { key: 'lead', label: 'Lead', required: true },
        { key: 'summary', label: 'Summary', required: true },
      ],
      ackWithin: '4h business',
      escalate: [
        { after: '0', to: ['manager'] },
        { after: '4h business', to: ['team:sales-leads'] },
      ],
      remindBefore: '1h',
      followThroughGrace: '4h',
    },
    {
      id: 'repeating',
      name: 'Repeating',
      // The tests hand every playbook a lead and a summary; the API refuses fields a playbook lacks.
      fields: [
        { key: 'lead', label: 'Lead', required: true },
        { key: 'summary', label: 'Summary' },
      ],
      ackWithin: '2h business',
      escalate: [{ after: '0', to: ['manager'], deliver: 'immediately' }],
      repeat: 2,
    },
    {
      id: 'triaged',
      name: 'Triaged',
      fields: [
        { key: 'lead', label: 'Lead', required: true },
        { key: 'summary', label: 'Summary', required: true },
      ],
      escalate: [{ after: '0', to: ['manager'] }],
      triage: { fullShare: 0.2 },
      light: { prospectEmail: true },
    },
    {
      id: 'quick',
      name: 'Quick',
      fields: [{ key: 'lead', label: 'Lead', required: true }],
      ackWithin: '15s',
      escalate: [{ after: '0', to: ['manager'], deliver: 'immediately' }],
      followThroughGrace: '30s',
    },
  ],
};
