import { describe, expect, it } from 'vitest';
import { type Classification, classifyReply, cleanReplyText } from '../../src/core/reply/classify.ts';
import { findDueMentions } from '../../src/core/reply/due.ts';
import { DEFAULT_WORKING_HOURS, parseWorkingHours } from '../../src/core/time/working-hours.ts';

const hours = parseWorkingHours(DEFAULT_WORKING_HOURS);
if (!hours.ok) throw new Error(hours.message);
const SCHEDULE = { timeZone: 'America/New_York', hours: hours.value, holidays: [] };
const SENT_AT = new Date('2026-03-10T10:00:00-04:00');

// The rules alone: the words model that reads what they leave is tested in read-reply.test.ts.
function classify(text: string): Classification {
  return classifyReply(text, { times: (piece) => findDueMentions(piece, SENT_AT, SCHEDULE), model: null });
}

const intentOf = (text: string) => classify(text).intent;

describe('commit: a specific next step', () => {
  it.each([
    "I'll call them tomorrow at 10 about pricing",
    'Sending the proposal Thursday',
    'Will email her this afternoon',
    "I'll follow up with Maria on Monday about the renewal terms.",
    'Happy to take it. Calling them at 3 today.',
    'Ich rufe Herrn Weber am Montag um 10 Uhr an.',
    'Schicke ihr heute Nachmittag die Unterlagen.',
    "Je les appelle demain à 10h pour parler de l'intégration.",
    'Los llamo mañana a las 10.',
    'Ligo pra eles amanhã às 9h.',
    '明日10時に先方へ電話します。',
  ])('reads "%s" as a commitment', (text) => {
    expect(intentOf(text)).toBe('commit');
  });

  it('names the rule: verb with a time, verb with an object, or any promise with a time', () => {
    expect(classify("I'll call them tomorrow at 10").rule).toBe('commit:verb+time');
    expect(classify("I'll follow up with Maria").rule).toBe('commit:verb+object');
    expect(classify("I'll take a look tomorrow").rule).toBe('commit:promise+time');
  });

  it('takes the first promised step and its time when several are promised', () => {
    const result = classify("I'll call them tomorrow at 10 and send the deck by Friday.");
    expect(result.due?.text).toBe('tomorrow at 10');
    expect(result.action?.text).toBe("I'll call them tomorrow at 10 and send the deck by Friday.");
  });

  it("takes the promise's time, not a time in a refused clause", () => {
    expect(classify("Can't do today unfortunately, but I'll call them Thursday at 4pm.").due?.text).toBe(
      'Thursday at 4pm',
    );
    expect(classify('Left a voicemail this morning, will try again tomorrow at 2pm.').due?.text).toBe(
      'tomorrow at 2pm',
    );
  });

  it('trims a greeting from the action sentence', () => {
    expect(classify("Hey - I'll ping him on LinkedIn in 2 hours.").action?.text).toBe(
      "I'll ping him on LinkedIn in 2 hours.",
    );
    expect(
      classify("Hi Dana,\n\nGot it, I'll call them tomorrow at 10 AM.\n\nThanks,\nSam").action?.text,
    ).toBe("Got it, I'll call them tomorrow at 10 AM.");
  });

  it('outranks a question asked in the same reply', () => {
    expect(intentOf("I'll call them tomorrow at 10 - do we know their budget?")).toBe('commit');
  });

  it('outranks a completed step: nothing is done while a step is promised', () => {
    expect(intentOf('Called them, sending the proposal Friday.')).toBe('commit');
  });

  it('does not borrow the time of the next sentence for a promise without a step', () => {
    expect(classify('Happy to take it. Calling them at 3 today.').action?.text).toBe(
      'Calling them at 3 today.',
    );
  });
});

describe('vague: no specific next step', () => {
  it.each([
    'Got it, thanks',
    'Will do',
    'On it',
    "I'll take a look",
    'Sure',
    '👍',
    'OK',
    "I'll follow up",
    'Let me check and get back to you.',
    'Alles klar, danke!',
    'Ich kümmere mich darum.',
    'Merci, je regarde ça.',
    "Je m'en occupe.",
    'Recibido, gracias.',
    'Me encargo.',
    'Ok, vou dar uma olhada.',
    'Deixa comigo.',
    '了解しました、対応します。',
    '確認します。',
    '',
  ])('reads "%s" as vague', (text) => {
    expect(intentOf(text)).toBe('vague');
  });

  it.each([
    "Thanks, I'll take care of it this week.",
    'Gracias, lo reviso esta semana.',
    "Merci, je m'en occupe dans le courant de la semaine.",
    'Danke, ich kümmere mich nach den Feiertagen darum.',
    'Grazie, lo guardo in settimana.',
    'Dank je, ik pak het binnenkort op.',
    'Obrigado, vejo isso mais tarde.',
    '承知しました。来週あたりで対応いたします。',
    'Merci ! Je vais y jeter un œil après la Saint-Jean.',
    "I'll have a proper look once the Diwali holidays are over.",
    'Bien reçu, je reviens vers toi dès que possible.',
    'Danke, ich kümmere mich nächste Woche drum.',
  ])('reads a promise with no step and a period instead of a moment, "%s", as vague', (text) => {
    expect(classify(text)).toMatchObject({ intent: 'vague' });
  });

  it('keeps a concrete step in a period a commitment', () => {
    expect(intentOf("I'll send them the quote this week.")).toBe('commit');
  });

  it('tells an acknowledgment from a promise without a step', () => {
    expect(classify('Got it, thanks!').rule).toBe('vague:ack');
    expect(classify("I'll take a look").rule).toBe('vague:promise-without-step');
    expect(classify('').rule).toBe('vague:empty');
  });
});

describe('decline', () => {
  it.each([
    ["Can't take this one, I'm on leave", "I'm on leave"],
    ['Not my territory, sorry - I only cover EMEA.', 'I only cover EMEA'],
    ['Kann ich leider nicht übernehmen, ich bin ab morgen im Urlaub.', 'ich bin ab morgen im Urlaub'],
    [
      'Je ne peux pas prendre ce dossier, je suis en congé à partir de demain.',
      'je suis en congé à partir de demain',
    ],
    [
      'No puedo encargarme de este, estoy de vacaciones hasta el lunes.',
      'estoy de vacaciones hasta el lunes',
    ],
    ['Não consigo pegar esse, estou de férias a partir de amanhã.', 'estou de férias a partir de amanhã'],
    ['申し訳ありませんが、来週から育休に入るため対応できません。', '来週から育休に入るため'],
  ])('reads "%s" as a decline with its reason', (text, reason) => {
    const result = classify(text);
    expect(result.intent).toBe('decline');
    expect(result.reason).toBe(reason);
  });

  it('gives the next sentence as the reason when the refusal stands alone', () => {
    expect(classify("Sorry, I'll have to pass on this one. I'm closing out Q1 renewals.").reason).toBe(
      "I'm closing out Q1 renewals",
    );
  });
});

describe('reassign', () => {
  it.each([
    ['Please reassign to claire@example.com', 'claire@example.com'],
    ['forward to Claire', 'Claire'],
    ['Can you forward this to Marcus? He handles healthcare.', 'Marcus'],
    ["I'm out next week so I can't pick this up - maybe give it to Jordan?", 'Jordan'],
    ['Bitte an Markus weiterleiten, das ist sein Gebiet.', 'Markus'],
    ['Merci de réassigner à Julie.Martin@Example.com.', 'julie.martin@example.com'],
    ['¿Puedes pasárselo a Javier?', 'Javier'],
    ['Pode passar pro Thiago?', 'Thiago'],
    ['高橋さんに引き継いでください。', '高橋'],
    ['この件は鈴木さん（suzuki@example.com）に振っていただけますか。', 'suzuki@example.com'],
  ])('reads "%s" as a reassign to %s', (text, target) => {
    const result = classify(text);
    expect(result.intent).toBe('reassign');
    expect(result.reassignTo).toBe(target);
  });

  it('prefers the address to the name when both are written', () => {
    expect(classify('Please hand this to Claire (claire@example.com).').rule).toBe('reassign:address');
  });

  it.each([
    [
      'Kestrel is in the Ohio patch, Dana (dana.ruiz@example.com) owns that account. Looping her in.',
      'dana.ruiz@example.com',
    ],
    [
      'Für die Praxis Lenz ist Jonas Weber (j.weber@example.com) zuständig, ich habe ihn in CC gesetzt.',
      'j.weber@example.com',
    ],
    [
      "C'est plutôt pour Hélène (helene.roux@example.com), elle suit la Bretagne. Je la mets en copie.",
      'helene.roux@example.com',
    ],
    ['Esa cuenta la lleva Pilar Gómez (pgomez@example.com), te la copio.', 'pgomez@example.com'],
    [
      'Quem acompanha a Farmácia Lobo é a Rita (rita.lobo@example.com); já lhe reencaminhei.',
      'rita.lobo@example.com',
    ],
    ['Il cliente lo segue Davide (davide.conti@example.com), lo metto in copia.', 'davide.conti@example.com'],
    ['Dat is een account van Sven (sven@example.com), kun je het doorzetten?', 'sven@example.com'],
    ['この会社は山本さん（yamamoto@example.com）の担当です。CCに入れました。', 'yamamoto@example.com'],
  ])('reads the lead handed on without a request verb, "%s", as a reassign to %s', (text, target) => {
    expect(classify(text)).toMatchObject({
      intent: 'reassign',
      rule: 'reassign:handed-over',
      reassignTo: target,
    });
  });

  it('counts forwarding the mail to that colleague as part of the handover, not a step on the lead', () => {
    expect(
      classify('La Farmacia Olmo la lleva Rocío (rocio@example.com) desde marzo. Le reenvío el correo.'),
    ).toMatchObject({
      intent: 'reassign',
      reassignTo: 'rocio@example.com',
    });
    expect(classify('Questo lo segue Paolo (paolo@example.com). Gli giro la mail.')).toMatchObject({
      intent: 'reassign',
      reassignTo: 'paolo@example.com',
    });
  });

  it('keeps a step of the writer a commitment when a colleague is only copied in', () => {
    expect(
      intentOf("I'll call them tomorrow at 10, cc'ing dana.ruiz@example.com who owns that account."),
    ).toBe('commit');
  });

  it('does not read forwarding material to the lead as a reassign', () => {
    expect(intentOf("I'll forward the deck to their CFO tomorrow.")).toBe('commit');
    expect(intentOf('Can you send me their budget?')).toBe('question');
  });
});

describe('the present of doing a meeting', () => {
  it.each([
    'El lunes a las 11 hago la demo con Viña Los Robles.',
    'Faço a demo pra Logística Serra Azul na quinta às 10h.',
    'Giovedì alle 15 faccio la demo con Bortolin.',
    'Je fais la démo avec Delvaux jeudi à 14h.',
    'Donderdag om 10 doe ik de demo bij Van Dijk.',
  ])('reads "%s" as a commitment with its time', (text) => {
    expect(classify(text)).toMatchObject({ intent: 'commit', rule: 'commit:verb+time' });
  });
});

describe('away', () => {
  it('reads being away as a decline when the reply promises no step', () => {
    expect(intentOf('Ciao Tom, sono in ferie fino al 20.')).toBe('decline');
  });

  it('reads being away and a concrete step after it as a commitment', () => {
    expect(
      intentOf('Sono in ferie fino al 20, quindi chiamo il dott. Bianchi lunedì 23 marzo alle 10.'),
    ).toBe('commit');
  });
});

describe('a lead sent back to the team', () => {
  it.each([
    'Entro de férias amanhã, pelo que devolvo a lead à equipa.',
    "Je pars trois semaines, je le remets donc dans le pot commun de l'équipe.",
  ])('reads "%s" as a decline', (text) => {
    expect(intentOf(text)).toBe('decline');
  });
});

describe('the due time of a commitment', () => {
  // SENT_AT is Tuesday 10 March 2026, 10:00 in New York (EDT, UTC−4).
  it.each([
    [
      'Domani è festa (11 marzo), giovedì entro mezzogiorno mando il preventivo alla Cantina Rossi.',
      '2026-03-12T16:00:00.000Z',
    ],
    ["Tomorrow is a holiday (March 11), so I'll call Dana on Thursday at 2pm.", '2026-03-12T18:00:00.000Z'],
    [
      'Lunedì richiamo la dott.ssa Ferri alle 10 per capire quanti utenti servono.',
      '2026-03-16T14:00:00.000Z',
    ],
    // The end of another activity is not the step's time; a clock's colon does not cut the clause.
    ['Tengo comité hasta las 16:00, pero a las 17:30 llamo a Ignacio Ferrer.', '2026-03-10T21:30:00.000Z'],
    // Italian read as Italian: not French "le 9" (the 9th).
    [
      "Passo dalla Farmacia Lepori domattina verso le 9, è a due passi dall'ufficio.",
      '2026-03-11T13:00:00.000Z',
    ],
    // A day, and a clock time that names it again.
    ['Mañana miércoles a las 9 y media le marco a don Julián.', '2026-03-11T13:30:00.000Z'],
  ])('reads "%s" as due at %s', (text, due) => {
    expect(classify(text)).toMatchObject({ intent: 'commit' });
    expect(classify(text).due?.due.toISOString()).toBe(due);
  });
});

describe('a step that waits for the answer to a question', () => {
  it.each([
    'Kurze Rückfrage: Welche Frau Schulz ist gemeint? Dann rufe ich sie direkt an.',
    'Do we have her direct line? Then I will call her tomorrow at 10.',
  ])('reads "%s" as a question', (text) => {
    expect(intentOf(text)).toBe('question');
  });
});

describe('Japanese reading and sending', () => {
  it('reads "内容拝見しました" as having read it, not as a step done', () => {
    expect(intentOf('ご連絡ありがとうございます。内容拝見しました。今週中に検討いたします。')).toBe('vague');
  });

  it('reads the humble present of a quote sent, "送付しております", as done', () => {
    expect(intentOf('一昨日のうちに藤田様へ見積書を送付しております。')).toBe('done');
  });
});

describe('a step set up for a time still ahead', () => {
  it.each([
    [
      'Agendei visita à Metalúrgica Paulista para quinta-feira, dia 12, às 14h30.',
      '2026-03-12T18:30:00.000Z',
    ],
    ["I've booked a call with Dana for Thursday at 2pm.", '2026-03-12T18:00:00.000Z'],
  ])('reads "%s" as a commitment due at %s', (text, due) => {
    expect(classify(text)).toMatchObject({ intent: 'commit', rule: 'commit:scheduled' });
    expect(classify(text).due?.due.toISOString()).toBe(due);
  });

  it('keeps a reply that reports a call and a booking without a clock time done', () => {
    expect(intentOf('Habe gerade mit Frau Schmitt telefoniert, Demo ist für Donnerstag gebucht.')).toBe(
      'done',
    );
  });
});

describe('done', () => {
  it('reads a completed step past a title\'s period ("der Fr. Dr. Keller") as done', () => {
    expect(intentOf('Hab der Fr. Dr. Keller gestern das Pricing-Deck geschickt.')).toBe('done');
  });

  it.each([
    'Called them, demo booked',
    'Done',
    'Erledigt.',
    'Habe gerade mit Frau Schmitt telefoniert, Demo ist für Donnerstag gebucht.',
    'Appelé ce matin, démo calée jeudi.',
    'Ya los llamé, demo agendada para el jueves.',
    'Liguei pra eles, demo marcada pra quinta.',
    '対応済みです。',
  ])('reads "%s" as done', (text) => {
    expect(intentOf(text)).toBe('done');
  });

  it('does not read a future "will be done" or a negated past as done', () => {
    expect(intentOf('Wird erledigt.')).toBe('vague');
    expect(intentOf("I haven't called them yet.")).not.toBe('done');
    expect(intentOf('了解しました。')).toBe('vague');
  });
});

describe('question', () => {
  it.each([
    'Do we know their budget?',
    'Wer ist dort der Entscheider?',
    '¿Quién toma la decisión allí?',
    '先方の予算感は分かりますか？',
  ])('reads "%s" as a question', (text) => {
    expect(intentOf(text)).toBe('question');
  });

  it('does not read a promise phrased as a question as a commitment', () => {
    expect(intentOf('Should I call them tomorrow?')).toBe('question');
  });
});

describe('text preparation', () => {
  it('drops greeting lines, sign-offs, names and mobile signatures but keeps a lone "Thanks!"', () => {
    expect(cleanReplyText('Hi Dana,\n\nWill call at 3.\n\nBest,\nSam\n\nSent from my iPhone')).toBe(
      'Will call at 3.',
    );
    expect(cleanReplyText('田中さん\n\nお疲れ様です。\n明日電話します。\n\n佐藤')).toBe('明日電話します。');
    expect(cleanReplyText('Thanks!')).toBe('Thanks!');
  });

  it('keeps a first line that greets and then commits', () => {
    expect(classify('Hi Sam, will call them at 3\n\nBest,\nDana').intent).toBe('commit');
  });

  it('reads at most 16 KB of text', () => {
    const long = `${'Lorem ipsum dolor sit amet. '.repeat(2_000)}I'll call them tomorrow.`;
    expect(classify(long).intent).toBe('vague');
  });
});

describe('Italian', () => {
  it.each([
    ['commit', 'Lo chiamo domani alle 10.'],
    ['commit', 'Ciao Marco, li chiamo io giovedì mattina.'],
    ['commit', "Mando l'offerta entro venerdì."],
    ['commit', 'Gli scrivo oggi pomeriggio per fissare la demo.'],
    ['commit', 'Chiamero il referente lunedi alle 9.'],
    ['commit', 'Domani mattina faccio una telefonata al direttore acquisti.'],
    ['commit', 'Ok, mi metto in contatto con loro entro le 17.'],
    ['commit', 'Provvedo a inviare il contratto domani.'],
    ['vague', 'Ricevuto, grazie!'],
    ['vague', 'Ci penso io.'],
    ['vague', 'Ok grazie'],
    ['vague', "Perfetto, ci do un'occhiata."],
    ['decline', 'Purtroppo non riesco, questa settimana sono pieno.'],
    ['decline', 'Sono in ferie da domani, non riesco a seguirla.'],
    ['done', "L'ho chiamato stamattina, tutto a posto."],
    ['done', "Ho inviato l'offerta ieri sera."],
    ['done', 'Abbiamo fissato la demo per giovedì.'],
    ['done', 'Fatto!'],
    ['done', 'Offerta inviata, demo fissata per lunedì.'],
    ['question', 'Sai se hanno già un fornitore?'],
    ['question', 'Hai il budget del cliente'],
    ['question', 'Sai se il cliente ha già visto la demo'],
  ])('reads a %s in "%s"', (intent, text) => {
    expect(intentOf(text)).toBe(intent);
  });

  it.each([
    ['Non posso prenderla, sono in ferie fino al 20.', 'sono in ferie fino al 20'],
    ['Non è la mia zona, seguo solo il Nord-Est.', 'seguo solo il Nord-Est'],
  ])('reads "%s" as a decline with its reason', (text, reason) => {
    expect(classify(text)).toMatchObject({ intent: 'decline', reason });
  });

  it.each([
    ['Passala a Giulia, è lei che segue la Lombardia.', 'Giulia'],
    ['Girala a marco.rossi@example.com per favore.', 'marco.rossi@example.com'],
    ['Puoi inoltrarla al collega Bianchi?', 'Bianchi'],
    ['È la zona di Francesca, meglio che la segua lei.', 'Francesca'],
    ['La passo a Luca, conosce già il cliente.', 'Luca'],
  ])('reads "%s" as a reassign to %s', (text, target) => {
    expect(classify(text)).toMatchObject({ intent: 'reassign', reassignTo: target });
  });

  it('does not read a step not yet taken, nor a Gmail or Outlook header line, as done', () => {
    expect(intentOf("Non l'ho ancora chiamato.")).not.toBe('done');
    expect(
      intentOf('Il giorno 5 gen 2026, alle ore 09:14, Dana Kim <dana@example.com> ha scritto:'),
    ).not.toBe('done');
    expect(intentOf('Inviato: lunedì 5 gennaio 2026 09:14')).not.toBe('done');
  });

  it('drops greetings, sign-offs and the mobile signature, accents or not', () => {
    expect(
      cleanReplyText('Buongiorno,\n\nlunedì lo chiamo.\n\nCordiali saluti,\nAnna\n\nInviato da iPhone'),
    ).toBe('lunedì lo chiamo.');
    expect(classify('Salve Marco, perche no: lunedi gli mando la proposta.\n\nUn saluto').action?.text).toBe(
      'perche no: lunedi gli mando la proposta.',
    );
  });
});

describe('Dutch', () => {
  it.each([
    ['commit', 'Ik bel ze morgen om 10 uur.'],
    ['commit', 'Hoi Sanne, ik stuur de offerte vandaag nog.'],
    ['commit', 'Ik plan een demo in voor donderdag.'],
    ['commit', 'Ik neem morgen contact op met de inkoper.'],
    ['commit', 'Morgen bel ik de directeur.'],
    ['commit', 'We gaan ze morgen bellen.'],
    ['commit', 'Ik ga donderdag bij ze langs.'],
    ['vague', 'Top, komt goed.'],
    ['vague', 'Ik pak het op.'],
    ['vague', 'Prima, bedankt!'],
    ['vague', 'Ik kijk ernaar.'],
    ['decline', 'Ik ben met verlof tot 20 april.'],
    ['decline', 'Sorry, dat lukt me niet deze week.'],
    ['done', 'Heb ze gisteren gebeld, demo staat gepland.'],
    ['done', 'De offerte is verstuurd.'],
    ['done', 'We hebben vanochtend gesproken.'],
    ['done', 'Gedaan!'],
    ['done', 'Geregeld.'],
    ['done', 'Ze heeft het contract getekend.'],
    ['question', 'Weet je of ze al klant zijn?'],
    ['question', 'Weet je of ze een budget hebben'],
    ['question', 'Hebben ze al een leverancier?'],
  ])('reads a %s in "%s"', (intent, text) => {
    expect(intentOf(text)).toBe(intent);
  });

  it.each([
    ['Ik kan dit niet oppakken, ik zit vol tot eind maart.', 'ik zit vol tot eind maart'],
    ['Dit is niet mijn regio, ik doe alleen Noord-Holland.', 'ik doe alleen Noord-Holland'],
  ])('reads "%s" as a decline with its reason', (text, reason) => {
    expect(classify(text)).toMatchObject({ intent: 'decline', reason });
  });

  it.each([
    ['Geef het aan Pieter, hij kent de klant.', 'Pieter'],
    ['Stuur door naar sanne.devries@example.com graag.', 'sanne.devries@example.com'],
    ['Kan Joost dit overnemen?', 'Joost'],
    ['Dit is het gebied van Femke.', 'Femke'],
    ['Kun je dit aan Bram doorgeven?', 'Bram'],
  ])('reads "%s" as a reassign to %s', (text, target) => {
    expect(classify(text)).toMatchObject({ intent: 'reassign', reassignTo: target });
  });

  it('does not read a step not yet taken, nor the mobile signature, as done', () => {
    expect(intentOf('Ik heb ze nog niet gebeld.')).not.toBe('done');
    expect(intentOf('Verstuurd vanaf mijn iPhone')).not.toBe('done');
  });

  it('drops greetings, sign-offs and the mobile signature', () => {
    expect(
      cleanReplyText(
        'Beste Jan,\n\nIk bel ze morgen.\n\nMet vriendelijke groet,\nEva\n\nVerzonden vanaf mijn iPhone',
      ),
    ).toBe('Ik bel ze morgen.');
    expect(classify('Goedemorgen, ik stuur de offerte vrijdag.\n\nMvg,\nTom').action?.text).toBe(
      'ik stuur de offerte vrijdag.',
    );
  });
});

describe('decline: handing it back politely, without a negative word', () => {
  it.each([
    'I think Priya is probably better placed for this one, she covers fintech.',
    "Let's put it back in the pool, it's not really my segment.",
    'Frau Keller ist dafür besser geeignet, sie betreut den Handel.',
    'Das lege ich lieber zurück in den Pool.',
    'Paul serait mieux placé, il connaît le client.',
    'Je le remets dans le pool.',
    'Creo que Andrés está mejor situado para esta cuenta.',
    'Prefiero que vuelva al equipo.',
    'O Rui está mais bem posicionado para este cliente.',
    'Devolvo isto para a equipa.',
    'Credo che Chiara sia più indicata, conosce il settore.',
    'Lo rimetto nel pool, meglio così.',
    'Pieter is hier beter geschikt voor, hij kent de klant.',
    'Ik zet hem terug in de pool.',
    '佐藤さんの方が適任だと思います。',
    'チームに戻します。',
  ])('reads "%s" as a decline', (text) => {
    expect(intentOf(text)).toBe('decline');
  });

  it('reads a better-placed colleague with an address as a reassign to that address', () => {
    expect(classify('Priya is better placed for this one: priya.shah@example.com')).toMatchObject({
      intent: 'reassign',
      reassignTo: 'priya.shah@example.com',
    });
    expect(classify('Frau Keller ist dafür besser geeignet: keller@example.de').reassignTo).toBe(
      'keller@example.de',
    );
  });

  it('lets a promise in the same reply outrank a colleague named as better placed', () => {
    expect(intentOf("Laura is better placed in theory, but I'll call them tomorrow at 10.")).toBe('commit');
  });
});

describe('reassign: a colleague suggested in a question, with an address', () => {
  it.each([
    ['Could Maya take this? maya.lee@example.com', 'maya.lee@example.com'],
    ['Can Maya (maya.lee@example.com) pick this up?', 'maya.lee@example.com'],
    ['Könnte Sabine das übernehmen? sabine.roth@example.de', 'sabine.roth@example.de'],
    ["Est-ce que Louis pourrait s'en occuper ? louis.martin@example.fr", 'louis.martin@example.fr'],
    ['¿Puede encargarse Diego? diego.ruiz@example.es', 'diego.ruiz@example.es'],
    ['A Joana poderia ficar com este? joana@example.pt', 'joana@example.pt'],
    ['Potrebbe seguirlo Chiara? chiara.neri@example.it', 'chiara.neri@example.it'],
    ['Zou Daan dit kunnen oppakken? daan@example.nl', 'daan@example.nl'],
  ])('reads "%s" as a reassign to %s', (text, address) => {
    expect(classify(text)).toMatchObject({ intent: 'reassign', reassignTo: address });
  });

  it('leaves the suggestion a question without an address, and a decline beside a refusal', () => {
    expect(intentOf('Could Maya take this?')).toBe('question');
    expect(intentOf('Könnte Sabine das übernehmen?')).toBe('question');
    expect(intentOf('Tut mir leid, das passt gerade nicht. Vielleicht kann Sabine übernehmen?')).toBe(
      'decline',
    );
    expect(intentOf('Désolé, je ne peux pas cette semaine. Est-ce que Louis pourrait le prendre ?')).toBe(
      'decline',
    );
  });
});

describe('vague: a promise without a step and a time without a moment', () => {
  it.each([
    'Will get to it sometime next week when things calm down.',
    "I'll look into it when I get a chance this week.",
    'Ich schaue es mir später in der Woche an.',
    'Schaue ich mir an, wenn ich mal Zeit habe.',
    "Je regarde ça quand j'ai un moment.",
    'Lo miro cuando pueda esta semana.',
    'Vou ver isso quando tiver um tempo.',
    'Ci penserò appena ho un momento.',
    'Ik kijk ernaar als ik even tijd heb.',
    '時間ができたら確認します。',
  ])('reads "%s" as vague', (text) => {
    expect(intentOf(text)).toBe('vague');
  });

  it('reads being busy beside such a promise as vague, not as a refusal', () => {
    expect(intentOf('me ne occuperò appena ho un momento, sono piena questa settimana.')).toBe('vague');
    expect(intentOf('Lo miro cuando tenga un rato, esta semana voy a tope.')).toBe('vague');
    expect(intentOf('Sono piena, mi dispiace.')).toBe('decline');
  });

  it('keeps a concrete step a commitment whatever its time', () => {
    expect(intentOf("I'll send the proposal when I get a moment.")).toBe('commit');
  });
});

describe('done: a past step with no marker word', () => {
  it.each([
    'We spoke with them yesterday, they already have the proposal.',
    'Hablamos con ellos ayer y ya tienen la propuesta.',
    'Falamos com eles ontem, já têm a proposta.',
    "Ils ont déjà reçu l'offre.",
    'Hanno già ricevuto il preventivo.',
    'Abbiamo parlato con loro ieri.',
    'Ze hebben de offerte al.',
    'Ik heb ze vorige week gesproken en de offerte gestuurd.',
    '見積もりはすでにお送りしております。',
  ])('reads "%s" as done', (text) => {
    expect(intentOf(text)).toBe('done');
  });
});

describe('question: someone else mentioned in a question', () => {
  it.each([
    'Does Jane know that someone else is calling?',
    'Weiß der Kunde schon, dass jemand anderes sich meldet?',
    "Le client sait-il que quelqu'un d'autre va l'appeler ?",
    '¿Sabe el cliente que otra persona lo va a llamar?',
    'Weet de klant dat iemand anders belt?',
  ])('reads "%s" as a question', (text) => {
    expect(intentOf(text)).toBe('question');
  });
});
