import type { Lexicon } from './types.ts';

export const pt: Lexicon = {
  code: 'pt',
  // ── intent ──
  intent: {
    lists: {
      verbs: [
        'faço a ligação',
        'faço uma ligação',
        'faço a call',
        'apresento',
        'trato da',
        'trato do',
        'trato de',
        'ligo',
        'ligarei',
        'envio',
        'enviarei',
        'mando',
        'mandarei',
        'escrevo',
        'escreverei',
        'entro em contato',
        'entrarei em contato',
        'marco',
        'marcarei',
        'agendo',
        'agendarei',
        'preparo',
        'prepararei',
        'falo',
        'falarei',
        'chamo',
        'contato',
        'retorno a ligação',
        'dou um toque',
        'dou-lhes? um toque',
        'dou-te um toque',
        'retorno',
        'retornarei',
        'compartilho',
      ],
      infinitives: [
        'contactar',
        'visitá-l[oa]s?',
        'visitar',
        'levar',
        'apresentar',
        'mostrar',
        'ligar',
        'enviar',
        'mandar',
        'escrever',
        'entrar em contato',
        'marcar',
        'agendar',
        'preparar',
        'falar',
        'contatar',
        'chamar',
        'compartilhar',
      ],
      // "demo marcada".
      things: ['demo', 'reunião', 'ligação', 'call', 'contrato', 'proposta', 'cotação', 'convite'],
      settled: ['marcad[ao]', 'agendad[ao]', 'enviad[ao]', 'assinad[ao]', 'fechad[ao]', 'confirmad[ao]'],
      // "Pode passar pro Thiago".
      handOver: [
        'repass[ae]m?',
        'repassar',
        'pass[ae]m?',
        'passar',
        'encaminh[ae]m?',
        'encaminhar',
        'transfir[ae]m?',
        'transferir',
        'reatribu[ai]m?',
        'reatribuir',
        'atribu[ai]m?',
        'atribuir',
        'deleg[ae]m?',
        'delegar',
      ],
    },
    greetings: ['oi', 'olá', 'ola'],
    greetingLines: ['bom dia', 'boa tarde', 'prezad[oa]'],
    signOffs: ['abs', 'abraço', 'obrigad[oa]', 'att', 'atenciosamente'],
    mobileSignatures: ['enviado do meu {device}'],
    contrasts: ['mas', 'porém', 'entretanto'],
    negations: ['não', 'nem'],

    promises: [
      // "ligo", "envio a proposta", "Ligo-lhes"; not the noun after an article ("o envio").
      String.raw`(?<!(?:o|do|no|ao|um)\s)\b{verbs}\b`,
      // "vou ligar".
      String.raw`\b(?:vou|vamos)\s+(?:[\p{L}]+\s+)?{infinitives}\b`,
    ],
    vaguePromises: [String.raw`\b(?:vou|deixa comigo|pode deixar|vejo|verifico)\b`],
    fillers: ['depois', 'logo', 'isso', 'disso'],
    conditions: ['quando', 'assim que', 'logo que', 'caso'],
    conditionsBefore: ['até que'],

    done: [
      // "já fizemos a reunião".
      String.raw`\bj[áa]\s+(?:[\p{L}]+\s+){0,2}?(?:fizemos|tivemos|fiz|tive|falamos|ligamos|enviamos|mandamos|marcamos|agendamos|nos reunimos|conversamos|conversei|fechamos)\b`,
      String.raw`^(?:feito|pronto|resolvido|concluído|já foi)\b`,
      String.raw`\bj[áa]\s+(?:[\p{L}]+\s+){0,2}?(?:mandei|enviei|liguei|falei|entrei|marquei|agendei|fechei|assinaram|respondi|resolvi)\b`,
      String.raw`^(?:liguei|mandei|enviei|falei|marquei|agendei)\b`,
      String.raw`\b{things}\s+(?:já\s+)?(?:está\s+|foi\s+)?{settled}\b`,
      String.raw`\bassinaram\b`,
    ],
    notYet: ['ainda não'],

    firmRefusals: ['conflito de interesses?'],
    cannot: ['não'],
    attention: ['atenção'],
    wouldLoveTo: [String.raw`(?:eu\s+)?adoraria,?\s+mas`],
    someoneElse: ['outra pessoa'],
    declines: [
      [
        String.raw`\bnão\s+(?:consigo|posso|vou conseguir|tenho como)\s+(?:pegar|assumir|atender|cuidar|ficar com)\b`,
        String.raw`\bnão tenho (?:capacidade|tempo|disponibilidade|agenda)\b`,
        String.raw`\bnão é (?:minha|meu) (?:região|território|conta)\b`,
      ],
      // "vou ter que recusar".
      [
        String.raw`\b(?:vou|vou ter que|vou ter de|tenho que|tenho de|preciso)\s+(?:recusar|declinar|passar (?:essa|esse|este|esta))\b`,
        String.raw`\bnão\s+(?:posso|consigo|vou conseguir)\s+(?:pegar|aceitar|assumir)\s+(?:essa|esse|este|esta|isso)\b`,
      ],
    ],
    apologies: ['desculpa', 'desculpe', 'infelizmente'],
    reasonLinks: ['e', 'então', 'por isso', 'eu'],

    reassigns: [
      // "Este lead deve seguir para a Joana".
      {
        pattern: String.raw`\b(?:deve|devia)\s+(?:seguir|ir|passar)\s+(?:para|a|à)\s+(?:a\s+|o\s+)?{colleague}{target}`,
      },
      {
        pattern: String.raw`\b{handOver}(?:-(?:lo|la|o|a))?(?:\s+(?:isso|esse lead|este lead|esse|este|o lead))?\s+(?:para|pro|pra|ao|à|a)\s+{colleague}{target}`,
        requestOnly: true,
      },
    ],
    colleagues: ['colega'],
    colleagueDeterminers: ['meu', 'minha', 'nosso', 'nossa', 'o', 'a'],
    notNames: ['ele', 'ela', 'eles', 'alguém', 'mim', 'nós'],
    firstPerson: ['eu', 'vou'],

    acknowledgments: ['recebido', 'entendido', 'beleza', 'combinado', 'valeu', 'obrigad[oa]'],
  },
  // ── autoReply ──
  autoReply: {
    failureSubjects: [
      'não (?:foi )?entregue',
      'falha (?:na|de) entrega',
      'não foi possível entregar',
      'mensagem não entregue',
      'mensagem devolvida',
    ],
    outOfOfficeSubjects: [
      'resposta automática',
      'fora do escritório',
      'ausente do escritório',
      'ausência temporária',
    ],
    absenceSubjects: ['de férias'],
    failureBodies: ['não foi possível entregar'],
    automaticReplies: ['resposta automática'],
    absence: ['fora do escritório', 'ausente do escritório'],
    leave: ['de férias'],
    limitedEmail: ['acesso limitado'],
    returning: ['retorno (?:no dia|em|na|ao)', 'estarei de volta'],
    urgent: ['em caso de urgência', 'para assuntos urgentes'],
    backBefore: ['retorno', 'volto', 'voltarei', 'de volta', 'a partir de'],
    untilBefore: ['até'],
    inclusive: ['inclusivo'],
    recipientLabels: ['destinatário'],
  },
  // ── quote ──
  quote: {},
  // ── due ──
  due: {},
};
