/** What a person's reply means for a handoff, as the rules and the words model tell it. */
export type ReplyIntent = 'commit' | 'vague' | 'decline' | 'reassign' | 'done' | 'question';
