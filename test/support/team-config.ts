/** The team every integration test works with: members in three time zones, one team, the SPEC's playbook. */
export const teamConfig = {
  mailDomain: 'handoffs.example.com',
  // Tests send unsigned mail as members; the sender authentication tests ask for "required".
  senderAuthentication: 'off',
  defaultPlaybook: 'mql-to-sal',
  members: [
    {
      email: 'maya@example.com',
      name: 'Maya Patel',
      timeZone: 'America/New_York',
      workingHours: 'Mon-Fri 09:00-17:00',
      holidays: ['2026-11-26'],
      manager: 'dana@example.com',
    },
    {
      email: 'sam@example.com',
      name: 'Sam Lee',
      timeZone: 'America/New_York',
      workingHours: 'Mon-Fri 09:00-17:00',
      holidays: ['2026-12-25'],
      manager: 'dana@example.com',
      aliases: ['s.lee@example.com'],
    },
    {
      email: 'bob@example.com',
      name: 'Bob Smith',
      timeZone: 'Europe/Berlin',
      workingHours: 'Mon-Thu 08:30-17:30, Fri 08:30-13:00',
      manager: 'dana@example.com',
    },
    {
      email: 'dana@example.com',
      name: 'Dana Kim',
      timeZone: 'Asia/Tokyo',
      workingHours: 'Mon-Fri 09:00-18:00',
    },
  ],
  teams: [
    {
      id: 'sales-leads',
      name: 'Sales leads',
      contact: 'dana@example.com',
      members: ['bob@example.com', 'dana@example.com'],
    },
  ],
  playbooks: [
    {
      id: 'mql-to-sal',
      name: 'MQL to SAL',
      fields: [
        { key: 'lead', label: 'Lead', synonyms: ['prospect', 'contact'], required: true },
        { key: 'trigger', label: 'Trigger', synonyms: ['trigger event', 'source'], required: true },
        { key: 'summary', label: 'Summary', synonyms: ['context', 'notes'], required: true },
        { key: 'timeline', label: 'Timeline' },
        { key: 'channel', label: 'Channel', synonyms: ['preferred channel'] },
      ],
      ackWithin: '4h business',
      escalate: [
        { after: '0', to: ['manager', 'giver'] },
        { after: '4h business', to: ['team:sales-leads'] },
      ],
      remindBefore: '1h',
      followThroughGrace: '4h',
      handoffWithin: '24h',
      reachOutWithin: '48h',
    },
  ],
};
