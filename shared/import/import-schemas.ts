import { z } from 'zod';
import { isRealDate, isRealMonth } from '../domain/calendar-date.ts';
import { parseRubAmount } from '../domain/money.ts';

const id = (what: string) => z.string().trim().regex(/^[A-Za-z0-9_.-]{1,64}$/, `${what}: letters, digits, _ . - (1 to 64)`);
const date = z.string().trim().refine(isRealDate, 'a real calendar date YYYY-MM-DD');
const optionalDate = z
  .string()
  .trim()
  .refine((v) => v === '' || isRealDate(v), 'a real calendar date YYYY-MM-DD, or empty')
  .transform((v) => (v === '' ? undefined : v));
const month = z.string().trim().refine(isRealMonth, 'a month YYYY-MM');
const text = z.string().trim().min(1, 'a non-empty value');
const email = z.string().trim().pipe(z.email('an e-mail address'));
const language = z.string().trim().toLowerCase().pipe(z.enum(['ru', 'en'], 'ru or en'));
const kopecks = (what: 'non-negative') =>
  z.string().transform((value, ctx) => {
    const amount = parseRubAmount(value);
    if (amount === undefined || amount < 0) {
      ctx.addIssue({ code: 'custom', message: `a ${what} amount in roubles, e.g. 2100.50` });
      return z.NEVER;
    }
    return amount;
  });
const optionalKopecks = z.string().transform((value, ctx) => {
  if (value.trim() === '') return undefined;
  const amount = parseRubAmount(value);
  if (amount === undefined || amount < 0) {
    ctx.addIssue({ code: 'custom', message: 'a non-negative amount in roubles, or empty' });
    return z.NEVER;
  }
  return amount;
});
const yesNo = z.string().trim().toLowerCase().pipe(z.enum(['yes', 'no'], 'yes or no')).transform((v) => v === 'yes');
/** Optional column: "yes" confirms a date that looks like an exported empty one (1970-01-01, 1900-01-01). */
const dateConfirmed = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const value = (v ?? '').trim().toLowerCase();
    if (value === '' || value === 'no') return false;
    if (value === 'yes') return true;
    ctx.addIssue({ code: 'custom', message: 'yes, no or empty' });
    return z.NEVER;
  });
const phoneNumber = z.string().trim().regex(/^\+?\d{10,15}$/, 'a phone number of 10 to 15 digits').transform((v) => v.replace(/^\+/, ''));

export const importRowSchemas = {
  managers: z.object({ manager_id: id('manager id'), full_name: text, email, language, region: text }),
  accounts: z.object({
    account_id: id('account id'),
    customer_type: z.string().trim().toLowerCase().pipe(z.enum(['business', 'private'], 'business or private')),
    name: text,
    city: text,
    manager_id: id('manager id'),
    opened_on: date,
    tariff: text,
  }),
  numbers: z.object({ number: phoneNumber, account_id: id('account id'), registered_on: date }),
  charges: z.object({
    account_id: id('account id'),
    month,
    number: z
      .string()
      .trim()
      .regex(/^(\+?\d{10,15})?$/, 'a phone number of 10 to 15 digits, or empty for a whole-account charge')
      .transform((v) => (v === '' ? undefined : v.replace(/^\+/, ''))),
    amount_rub: kopecks('non-negative'),
  }),
  payments: z.object({
    account_id: id('account id'),
    month,
    due_rub: kopecks('non-negative'),
    paid_rub: optionalKopecks,
    paid_on: optionalDate,
  }),
  contacts: z.object({
    contact_id: id('contact id'),
    account_id: id('account id'),
    role: z.string().trim().toLowerCase().pipe(z.enum(['client', 'director', 'contact'], 'client, director or contact')),
    full_name: text,
    email,
    birth_date: optionalDate,
    language,
    consent_email: yesNo,
    /** Optional column: "no" marks a contact who should no longer be congratulated. */
    active: z
      .string()
      .optional()
      .transform((v, ctx) => {
        const value = (v ?? '').trim().toLowerCase();
        if (value === '' || value === 'yes') return true;
        if (value === 'no') return false;
        ctx.addIssue({ code: 'custom', message: 'yes, no or empty' });
        return z.NEVER;
      }),
    date_confirmed: dateConfirmed,
  }),
  'company-dates': z.object({
    account_id: id('account id'),
    kind: id('kind'),
    date,
    description: z.string().trim(),
    date_confirmed: dateConfirmed,
  }),
  budgets: z.object({ month, cost_item: id('cost item'), amount_rub: kopecks('non-negative'), owner_email: email }),
} as const;

export type ImportKind = keyof typeof importRowSchemas;
export const importKinds = Object.keys(importRowSchemas) as ImportKind[];
export type ImportRow<K extends ImportKind> = z.infer<(typeof importRowSchemas)[K]>;

/** The column each kind's rows are unique by within one file. */
export const rowIdentity: { [K in ImportKind]: (row: ImportRow<K>) => string } = {
  managers: (r) => r.manager_id,
  accounts: (r) => r.account_id,
  numbers: (r) => r.number,
  charges: (r) => `${r.account_id} ${r.month} ${r.number ?? '(whole account)'}`,
  payments: (r) => `${r.account_id} ${r.month}`,
  contacts: (r) => r.contact_id,
  'company-dates': (r) => `${r.account_id} ${r.kind} ${r.date}`,
  budgets: (r) => `${r.month} ${r.cost_item}`,
};

/** The columns a file must have; optional ones (e.g. contacts' `active`) may be absent. */
export function expectedColumns(kind: ImportKind): string[] {
  return Object.entries(importRowSchemas[kind].shape as Record<string, z.ZodType>)
    .filter(([, schema]) => !schema.safeParse(undefined).success)
    .map(([name]) => name);
}

/** A chunk of validated rows of one kind; the union lets a `switch (batch.kind)` narrow the rows. */
export type ImportBatch = { [K in ImportKind]: { readonly kind: K; readonly rows: readonly ImportRow<K>[] } }[ImportKind];
