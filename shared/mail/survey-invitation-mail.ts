import type { SurveyLanguage } from '../domain/surveys/invitation.ts';
import { escapeHtml } from './html.ts';
import { dateIn } from './reader-labels.ts';

/** What an invitation or reminder says; nothing about the client beyond the greeting-less text. */
export interface SurveyMailInput {
  readonly kind: 'invitation' | 'reminder';
  readonly language: SurveyLanguage;
  readonly programmeName: string;
  readonly answerUrl: string;
  readonly unsubscribeUrl: string;
  /** The last local day the wave takes answers (YYYY-MM-DD; the mail writes it as its language does). */
  readonly lastDay: string;
  /** How many questions, so the client knows it is short. */
  readonly minutes: number;
}

export interface SurveyMail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  /** RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click` to the URL. */
  readonly headers: Readonly<Record<string, string>>;
}

const words = {
  en: {
    subject: { invitation: 'How are we doing? A short survey', reminder: 'Reminder: your opinion about our service' },
    greeting: 'Good day,',
    intro: {
      invitation: 'Once a quarter we ask our VIP clients how satisfied they are with our service. Your answers help us set our service standards.',
      reminder: 'A few days ago we asked you about our service. If you have a moment, we would value your answers.',
    },
    time: (m: number) => `It takes about ${m} minutes.`,
    button: 'Answer the survey',
    until: (day: string) => `The survey is open until ${day} inclusive.`,
    confidential: 'Your answers are confidential: your manager sees them only if you allow it in the survey.',
    unsubscribe: 'Do not want these surveys?',
    unsubscribeLink: 'Unsubscribe',
  },
  ru: {
    subject: { invitation: 'Как мы работаем? Короткий опрос', reminder: 'Напоминание: ваше мнение о нашем обслуживании' },
    greeting: 'Добрый день!',
    intro: {
      invitation: 'Раз в квартал мы спрашиваем наших VIP-клиентов, насколько они довольны обслуживанием. Ваши ответы помогают нам устанавливать стандарты сервиса.',
      reminder: 'Несколько дней назад мы спросили вас о нашем обслуживании. Если у вас есть минута, нам очень важны ваши ответы.',
    },
    time: (m: number) => `Это займёт около ${m} минут.`,
    button: 'Ответить на вопросы',
    until: (day: string) => `Опрос открыт до ${day} включительно.`,
    confidential: 'Ваши ответы конфиденциальны: менеджер увидит их, только если вы это разрешите в анкете.',
    unsubscribe: 'Не хотите получать такие опросы?',
    unsubscribeLink: 'Отписаться',
  },
} as const;

export function surveyMail(input: SurveyMailInput): SurveyMail {
  const w = words[input.language];
  const intro = w.intro[input.kind];
  const lastDay = dateIn(input.lastDay, input.language);
  // One blank line between paragraphs, none around the signature's lines.
  const text = [
    w.greeting,
    `${intro} ${w.time(input.minutes)}`,
    `${w.button}: ${input.answerUrl}`,
    w.until(lastDay),
    w.confidential,
    `-- \n${input.programmeName}\n${w.unsubscribe} ${w.unsubscribeLink}: ${input.unsubscribeUrl}`,
  ].join('\n\n');
  const html = `<!doctype html><html lang="${input.language}"><body style="font-family:Arial,sans-serif;font-size:15px;line-height:1.5;color:#222;max-width:600px">
<p>${escapeHtml(w.greeting)}</p>
<p>${escapeHtml(intro)} ${escapeHtml(w.time(input.minutes))}</p>
<p><a href="${escapeHtml(input.answerUrl)}" style="display:inline-block;padding:10px 18px;background:#1f4e79;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(w.button)}</a></p>
<p>${escapeHtml(w.until(lastDay))}</p>
<p style="color:#555">${escapeHtml(w.confidential)}</p>
<hr style="border:none;border-top:1px solid #ddd">
<p style="color:#777;font-size:12px">${escapeHtml(input.programmeName)}<br>${escapeHtml(w.unsubscribe)} <a href="${escapeHtml(input.unsubscribeUrl)}">${escapeHtml(w.unsubscribeLink)}</a></p>
</body></html>`;
  return {
    subject: w.subject[input.kind],
    html,
    text,
    headers: { 'List-Unsubscribe': `<${input.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}
