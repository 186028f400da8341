import type { Lexicon } from './types.ts';

export const es: Lexicon = {
  code: 'es',
  // ── intent ──
  intent: {
    lists: {
      // Ambiguous nouns (contacto, paso, marco) count only after a clitic or at the start of the clause.
      verbs: [
        'quedo con',
        'me comunico',
        'me contacto',
        'contacto con',
        'llamo',
        'llamaré',
        'envío',
        'envio',
        'enviaré',
        'mando',
        'mandaré',
        'escribo',
        'escribiré',
        'contactaré',
        'agendo',
        'agendaré',
        'preparo',
        'prepararé',
        'reservo',
        'programo',
        'organizo',
        'coordino',
        'reenvío',
        'comparto',
        'marco',
        'contacto',
        'paso',
      ],
      infinitives: [
        'visitar',
        'llevar(?:les|le)?',
        'presentar',
        'mostrar',
        'cotizar',
        'llamar',
        'enviar',
        'mandar',
        'escribir',
        'contactar',
        'agendar',
        'preparar',
        'reservar',
        'programar',
        'organizar',
        'coordinar',
        'reenviar',
        'compartir',
      ],
      // "demo agendada".
      things: ['demo', 'reunión', 'llamada', 'cita', 'contrato', 'propuesta', 'cotización', 'invitación'],
      settled: [
        'agendada',
        'agendado',
        'programada',
        'enviada',
        'enviado',
        'firmado',
        'firmada',
        'cerrada',
        'confirmada',
      ],
      // "No puedo encargarme".
      takeOn: [
        'encargarme',
        'tomarlo',
        'tomarla',
        'tomar esta',
        'tomar este',
        'asumirlo',
        'asumirla',
        'llevarlo',
        'llevarla',
        'atenderlo',
        'atenderla',
        'hacerme cargo',
        'con este',
        'con esto',
      ],
      // "Pásaselo a Diego".
      handOver: [
        'reas[ií]gna(?:lo|la|me)?',
        'reasignar(?:lo|la)?',
        'pása(?:lo|la|selo|sela)',
        'pasár(?:selo|sela)',
        'pasarl[oa]',
        'reenvía(?:lo|la)',
        'reenviar(?:lo|la)?',
        'asígna(?:lo|la)',
        'asignar(?:lo|la)',
        'transfiér(?:elo|ela)',
        'transferir(?:lo|la)?',
        'deríva(?:lo|la)',
        'derivar(?:lo|la)?',
      ],
    },
    greetings: ['hola'],
    greetingLines: ['buenos días', 'buenas(?: tardes)?', 'estimad[oa]'],
    signOffs: ['saludos', 'un saludo', 'muchas gracias', 'gracias', 'atentamente', 'abrazos?'],
    mobileSignatures: ['enviado desde mi {device}'],
    contrasts: ['pero', 'sin embargo'],
    negations: ['nunca'],

    promises: [
      // "los llamo", "envío".
      String.raw`(?:^|\b(?:yo|te|le|les|lo|la|los|las|se)\s+){verbs}\b`,
      String.raw`\b(?<!me\s)(?:llamo|llamaré|envío|enviaré|mando|mandaré|escribo|escribiré|agendo|agendaré|hablo|hablaré|me comunico|contacto con|quedo con)\b`,
      // "voy a llamar".
      String.raw`\b(?:voy|vamos)\s+a\s+(?:[\p{L}]+\s+)?{infinitives}(?:le|les|lo|la|los|las)?\b`,
    ],
    vaguePromises: [String.raw`\b(?:voy a|lo miro|lo reviso|me encargo|lo veo|lo checo|lo chequeo|reviso)\b`],
    fillers: ['lo', 'la', 'le', 'se', 'te', 'luego', 'después', 'pronto'],
    conditions: ['cuando', 'en cuanto', 'apenas'],
    conditionsBefore: ['antes de que', 'antes que', 'antes de'],

    done: [
      // "ya tuvimos la llamada".
      String.raw`\bya\s+(?:[\p{L}]+\s+){0,2}?(?:tuvimos|tuve|hicimos|hice|le hice|les hice|hablamos|llamamos|enviamos|mandamos|agendamos|nos reunimos|me reuní|cerramos|firmamos)\b`,
      String.raw`^(?:hecho|listo|ya está|terminado|cerrado|resuelto)\b`,
      String.raw`\b(?:esto|eso)\s+ya\s+está\b`,
      String.raw`\bya\s+(?:[\p{L}]+\s+){0,2}?(?:llam[ée]|envi[ée]|mand[ée]|contact[ée]|escrib[ií]|habl[ée]|agend[ée]|cerr[ée]|firm[ée]|reenvi[ée])\b`,
      String.raw`^(?:(?:les|los|le|lo|la|las)\s+)?(?:llamé|envié|mandé|contacté|escribí|hablé|agendé)\b`,
      String.raw`\b{things}\s+(?:ya\s+)?(?:está\s+)?{settled}\b`,
      String.raw`\bfirmaron\b`,
    ],
    notYet: ['todavía no'],

    firmRefusals: ['conflicto de intereses?'],
    cannot: ['no'],
    attention: ['atención'],
    wouldLoveTo: [String.raw`me encantaría,?\s+pero`],
    someoneElse: ['alguien más', 'otra persona'],
    declines: [
      [
        String.raw`\bno\s+(?:puedo|podré|podría|voy a poder)\s+{takeOn}\b`,
        String.raw`\bno tengo (?:capacidad|tiempo|disponibilidad)\b`,
        String.raw`\bno es mi (?:zona|territorio|cuenta|región)\b`,
        String.raw`\bno me corresponde\b`,
        String.raw`\bprefiero no (?:llevar|tomar|quedarme con|asumir)\b`,
      ],
      // "tengo que rechazarlo", "no me lo puedo quedar".
      [
        String.raw`\bno\s+(?:me\s+)?(?:lo\s+|la\s+)?(?:puedo|podré|podría)\s+(?:coger(?:lo|la)?|quedar(?:me(?:lo|la)?)?|aceptar(?:lo|la)?)\b`,
        String.raw`\b(?:tengo|tendré|voy a tener)\s+que\s+(?:rechazar(?:lo|la)?|declinar(?:lo|la)?|pasar)\b`,
        String.raw`\b(?:debo|voy a)\s+(?:rechazar|declinar)(?:lo|la)?\b`,
      ],
    ],
    apologies: ['lo siento', 'perdón', 'disculpa', 'lamentablemente'],
    reasonLinks: ['y', 'así que', 'por eso', 'yo'],

    reassigns: [
      // "debe ir a Marta".
      {
        pattern: String.raw`\b(?:debe|debería)\s+(?:ir|pasar|seguir)\s+(?:a|para)\s+(?:la\s+|el\s+)?{colleague}{target}`,
      },
      {
        pattern: String.raw`\b{handOver}(?:\s+(?:este lead|esto))?\s+(?:a|para)\s+{colleague}{target}`,
        requestOnly: true,
      },
      // "¿Se lo pueden pasar a Diego?"
      {
        pattern: String.raw`\b(?:se\s+)?(?:lo|la)\s+(?:puedes|pueden|podrías|podrían|puede)\s+(?:pasar|reasignar|asignar|transferir|derivar|mandar)\s+a\s+{colleague}{target}`,
      },
    ],
    colleagues: ['compañero', 'compañera', 'colega'],
    colleagueDeterminers: ['mi', 'nuestro', 'nuestra', 'el', 'la'],
    notNames: ['él', 'ella', 'ellos', 'alguien', 'mí'],
    firstPerson: ['yo', 'voy a'],

    acknowledgments: ['recibido', 'entendido', 'vale', 'perfecto', 'de acuerdo', 'gracias'],
  },
  // ── autoReply ──
  autoReply: {
    failureSubjects: [
      'no se (?:puede|pudo) entregar',
      'no entregado',
      'error de entrega',
      'mensaje no entregado',
      'devuelto al remitente',
    ],
    outOfOfficeSubjects: ['respuesta automática', 'fuera de la oficina'],
    absenceSubjects: ['de vacaciones', 'ausente'],
    failureBodies: ['no se pudo entregar'],
    automaticReplies: ['respuesta automática'],
    absence: ['fuera de la oficina'],
    leave: ['de vacaciones'],
    limitedEmail: ['acceso limitado'],
    returning: ['volveré', 'regreso el', 'estaré de vuelta'],
    urgent: ['para (?:asuntos )?urgentes', 'en caso de urgencia'],
    backBefore: ['volveré', 'regreso', 'regresaré', 'vuelvo', 'de vuelta', 'a partir del?'],
    untilBefore: ['hasta'],
    inclusive: ['incluido'],
    recipientLabels: ['destinatario'],
  },
  // ── quote ──
  quote: {},
  // ── due ──
  due: {},
};
