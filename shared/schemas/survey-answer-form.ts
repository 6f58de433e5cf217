import { z } from 'zod';

export type SurveyLanguage = 'ru' | 'en';

/** What the answer form asks, as far as validation needs it (from the survey config's questions). */
export interface AnswerFormShape {
  readonly csiAttributeIds: readonly string[];
  readonly commentMaxLength: number;
}

/** A validated answer: the scores, the optional comment as plain text, and the consent. */
export interface SurveyAnswerInput {
  readonly nps: number;
  readonly ces: number;
  readonly csi: Readonly<Record<string, number>>;
  readonly comment?: string;
  readonly mayContact: boolean;
}

/** Form field name -> what is wrong with it, in the contact's language. */
export type AnswerFormErrors = Readonly<Record<string, string>>;

export const scales = { nps: { min: 0, max: 10 }, csi: { min: 1, max: 10 }, ces: { min: 1, max: 7 } } as const;

const words = {
  en: {
    required: 'Please choose an answer.',
    score: (min: number, max: number) => `Please choose a whole number from ${min} to ${max}.`,
    comment: (max: number, got: number) => `The comment may be at most ${max} characters long (it has ${got}).`,
    mayContact: 'Please answer yes or no.',
    unknown: 'This question is not part of the survey.',
  },
  ru: {
    required: 'Пожалуйста, выберите ответ.',
    score: (min: number, max: number) => `Пожалуйста, выберите целое число от ${min} до ${max}.`,
    comment: (max: number, got: number) => `Комментарий может быть не длиннее ${max} символов (сейчас ${got}).`,
    mayContact: 'Пожалуйста, ответьте «да» или «нет».',
    unknown: 'Такого вопроса в опросе нет.',
  },
} as const;

export const csiFieldOf = (attributeId: string) => `csi_${attributeId}`;

/** Characters as a reader counts them: code points, with a browser's CRLF line breaks as one. */
const normaliseComment = (text: string) => text.replace(/\r\n?/g, '\n').trim();
const lengthOf = (text: string) => [...text].length;

function scoreSchema(range: { min: number; max: number }, language: SurveyLanguage) {
  const w = words[language];
  return z
    .string({ error: w.required })
    .trim()
    .min(1, w.required)
    .regex(/^[+-]?\d{1,3}$/, w.score(range.min, range.max))
    .transform(Number)
    .pipe(z.number().int().min(range.min, w.score(range.min, range.max)).max(range.max, w.score(range.min, range.max)));
}

/** The zod schema of the submitted form (every value a string, as a browser posts it). */
export function answerFormSchema(shape: AnswerFormShape, language: SurveyLanguage) {
  const w = words[language];
  const csiFields = Object.fromEntries(shape.csiAttributeIds.map((id) => [csiFieldOf(id), scoreSchema(scales.csi, language)]));
  return z
    .object({
      nps: scoreSchema(scales.nps, language),
      ces: scoreSchema(scales.ces, language),
      ...csiFields,
      comment: z
        .string()
        .optional()
        .transform((v) => normaliseComment(v ?? ''))
        .refine((v) => lengthOf(v) <= shape.commentMaxLength, { error: (issue) => w.comment(shape.commentMaxLength, lengthOf(String(issue.input))) }),
      // Consent is never assumed: a form without the field means "no".
      may_contact: z.enum(['yes', 'no'], { error: w.mayContact }).optional(),
    })
    .transform(
      (form): SurveyAnswerInput => ({
        nps: form.nps,
        ces: form.ces,
        csi: Object.fromEntries(shape.csiAttributeIds.map((id) => [id, (form as Record<string, unknown>)[csiFieldOf(id)] as number])),
        ...(form.comment !== '' && { comment: form.comment }),
        mayContact: form.may_contact === 'yes',
      }),
    );
}

/** Fields that name a CSI attribute the survey does not ask about (checked apart, so it is reported beside the other problems). */
export function unknownFieldsSchema(shape: AnswerFormShape, language: SurveyLanguage) {
  const known = new Set(shape.csiAttributeIds.map(csiFieldOf));
  return z.record(z.string(), z.unknown()).superRefine((form, ctx) => {
    for (const field of Object.keys(form))
      if (field.startsWith('csi_') && !known.has(field)) ctx.addIssue({ code: 'custom', path: [field], message: words[language].unknown });
  });
}

export type AnswerFormResult = { readonly ok: true; readonly answer: SurveyAnswerInput } | { readonly ok: false; readonly errors: AnswerFormErrors };

/** Validates a posted form; every problem is named by its field, in the contact's language. */
export function parseAnswerForm(form: Readonly<Record<string, string>>, shape: AnswerFormShape, language: SurveyLanguage): AnswerFormResult {
  const parsed = answerFormSchema(shape, language).safeParse(form);
  const unknown = unknownFieldsSchema(shape, language).safeParse(form);
  if (parsed.success && unknown.success) return { ok: true, answer: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of [...(parsed.error?.issues ?? []), ...(unknown.error?.issues ?? [])]) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}
