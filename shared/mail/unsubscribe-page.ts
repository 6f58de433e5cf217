import type { SurveyLanguage } from '../domain/surveys/invitation.ts';
import { escapeHtml } from './html.ts';

export type UnsubscribePageKind = 'confirm' | 'done' | 'invalid';

export interface UnsubscribePage {
  readonly status: number;
  readonly html: string;
}

const words = {
  en: {
    confirm: { title: 'Unsubscribe from surveys', text: 'Press the button and we will not send surveys or other programme mail to this address again.', button: 'Unsubscribe' },
    done: { title: 'You are unsubscribed', text: 'We will not write to this address again. If this was a mistake, tell your personal manager.' },
    invalid: { title: 'This link does not work', text: 'The link is incomplete or was changed. Please use the link from the mail as it is, or tell your personal manager.' },
  },
  ru: {
    confirm: { title: 'Отписаться от опросов', text: 'Нажмите кнопку, и мы больше не будем присылать на этот адрес опросы и другие письма программы.', button: 'Отписаться' },
    done: { title: 'Вы отписаны', text: 'Мы больше не будем писать на этот адрес. Если это ошибка, сообщите своему персональному менеджеру.' },
    invalid: { title: 'Ссылка не работает', text: 'Ссылка неполная или изменена. Воспользуйтесь ссылкой из письма без изменений или сообщите своему персональному менеджеру.' },
  },
} as const;

const statusOf: Record<UnsubscribePageKind, number> = { confirm: 200, done: 200, invalid: 400 };

/** Works without JavaScript and on a phone; the confirmation posts back to the same signed URL. */
export function unsubscribePage(kind: UnsubscribePageKind, language: SurveyLanguage): UnsubscribePage {
  const w = words[language][kind];
  const form = kind === 'confirm' ? `<form method="post"><button type="submit" style="font-size:1.1em;padding:.6em 1.2em">${escapeHtml(words[language].confirm.button)}</button></form>` : '';
  return {
    status: statusOf[kind],
    html: `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(w.title)}</title></head><body style="font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em"><h1>${escapeHtml(w.title)}</h1><p>${escapeHtml(w.text)}</p>${form}</body></html>`,
  };
}
