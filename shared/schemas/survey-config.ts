import { z } from 'zod';
import { InvalidScheduleExpressionError, parseScheduleExpression } from '../domain/schedule/schedule-expression.ts';

/** A text shown to clients, in both languages the programme speaks. */
const bilingual = z.object({ ru: z.string().min(1), en: z.string().min(1) });

const scheduleExpression = z.string().superRefine((expression, ctx) => {
  try {
    parseScheduleExpression(expression);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof InvalidScheduleExpressionError ? error.message : 'a schedule expression such as "cron(0 10 ? 1,4,7,10 TUE#2 *)"' });
  }
});

/** Contact roles as the contacts CSV spells them. */
export const surveyRoles = ['client', 'director', 'contact'] as const;
export type SurveyRole = (typeof surveyRoles)[number];

const csiAttribute = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a lower-case id such as "personal-manager"'),
  label: bilingual,
  /** Importance; weights need not sum to 1 (the index divides by their sum). */
  weight: z.number().positive(),
});

const defaultCsiAttributes: z.input<typeof csiAttribute>[] = [
  { id: 'personal-manager', label: { ru: 'Персональный менеджер', en: 'Your personal manager' }, weight: 3 },
  { id: 'connection-quality', label: { ru: 'Качество связи', en: 'Connection quality' }, weight: 3 },
  { id: 'billing-clarity', label: { ru: 'Понятность счетов', en: 'Clarity of your bills' }, weight: 2 },
  { id: 'resolution-speed', label: { ru: 'Скорость решения проблем', en: 'Speed of resolving problems' }, weight: 2 },
  { id: 'money-and-data-protection', label: { ru: 'Защита ваших денег и данных', en: 'Protection of your money and data' }, weight: 3 },
];

const questionsSchema = z.object({
  nps: z
    .object({ text: bilingual.default({ ru: 'Насколько вероятно, что вы порекомендуете нас знакомым?', en: 'How likely are you to recommend us to a friend or colleague?' }) })
    .prefault({}),
  csi: z
    .object({
      text: bilingual.default({ ru: 'Оцените, пожалуйста, насколько вы довольны:', en: 'How satisfied are you with:' }),
      attributes: z.array(csiAttribute).min(1).prefault(defaultCsiAttributes),
    })
    .prefault({}),
  ces: z
    .object({ text: bilingual.default({ ru: 'Насколько легко вам было решить свой вопрос с нами?', en: 'How easy was it to get your issue resolved?' }) })
    .prefault({}),
  comment: z
    .object({
      text: bilingual.default({ ru: 'Что нам стоит улучшить? (необязательно)', en: 'What should we improve? (optional)' }),
      maxLength: z.number().int().min(1).max(2000).default(2000),
    })
    .prefault({}),
  mayContact: z
    .object({ text: bilingual.default({ ru: 'Может ли ваш менеджер связаться с вами по поводу ваших ответов?', en: 'May your manager contact you about your answers?' }) })
    .prefault({}),
});

export const surveyConfigSchema = z
  .object({
    /** EventBridge Scheduler expression opening a wave, read in the programme's time zone. Default: second Tuesday of each quarter's first month, 10:00. */
    schedule: scheduleExpression.default('cron(0 10 ? 1,4,7,10 TUE#2 *)'),
    /** The daily run that sends reminders and closes waves whose time is over. */
    dailySchedule: scheduleExpression.default('cron(0 11 * * ? *)'),
    /** Days a wave stays open; its links expire when it closes. */
    openDays: z.number().int().min(1).max(80).default(21),
    /** Days after opening on which non-responders are reminded; at most two. */
    reminderDays: z.array(z.number().int().min(1)).max(2, 'at most two reminder days').default([7, 14]),
    roles: z.array(z.enum(surveyRoles)).min(1).default([...surveyRoles]),
    contactPolicy: z
      .object({
        /** No invitation within this many days of the contact's last invitation or reminder. */
        minDaysBetweenInvitations: z.number().int().min(0).max(365).default(60),
      })
      .prefault({}),
    questions: questionsSchema.prefault({}),
    closedLoop: z
      .object({
        /** An NPS at or below this opens a case (detractors are 0-6). */
        npsMax: z.number().int().min(0).max(10).default(6),
        /** A CES at or below this opens a case. */
        cesMax: z.number().int().min(1).max(7).default(3),
        /** Any CSI attribute at or below this opens a case. */
        csiAttributeMax: z.number().int().min(1).max(10).default(4),
        /** The manager must contact the client within this many working days. */
        slaWorkingDays: z.number().int().min(1).max(30).default(2),
        /** The manager is reminded after this many working days without contact. */
        reminderAfterWorkingDays: z.number().int().min(1).max(30).default(1),
        /** The daily run that reminds and escalates open cases; working days only (Mon-Fri), 09:00 local. */
        schedule: scheduleExpression.default('cron(0 9 ? * MON-FRI *)'),
      })
      .prefault({}),
  })
  .superRefine((survey, ctx) => {
    survey.reminderDays.forEach((day, i) => {
      if (day >= survey.openDays)
        ctx.addIssue({ code: 'custom', path: ['reminderDays', i], message: `a reminder on day ${day} would fall after the wave closes (openDays is ${survey.openDays}); expected less than ${survey.openDays}` });
    });
    if (new Set(survey.reminderDays).size !== survey.reminderDays.length)
      ctx.addIssue({ code: 'custom', path: ['reminderDays'], message: 'reminder days must differ' });
    const ids = survey.questions.csi.attributes.map((a) => a.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['questions', 'csi', 'attributes'], message: 'CSI attribute ids must be unique' });
    if (survey.closedLoop.reminderAfterWorkingDays > survey.closedLoop.slaWorkingDays)
      ctx.addIssue({ code: 'custom', path: ['closedLoop', 'reminderAfterWorkingDays'], message: `expected at most slaWorkingDays (${survey.closedLoop.slaWorkingDays}), so the reminder comes no later than the escalation` });
  });

export type SurveyConfig = z.infer<typeof surveyConfigSchema>;
export type CsiAttribute = z.infer<typeof csiAttribute>;
