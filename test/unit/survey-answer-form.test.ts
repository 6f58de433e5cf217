import { describe, it, expect } from 'vitest';
import { parseAnswerForm } from '../../shared/schemas/survey-answer-form.ts';
import { surveyConfigSchema } from '../../shared/schemas/survey-config.ts';

const survey = surveyConfigSchema.parse({});
const shape = { csiAttributeIds: survey.questions.csi.attributes.map((a) => a.id), commentMaxLength: survey.questions.comment.maxLength };
const good: Record<string, string> = {
  nps: '9',
  ces: '6',
  ...Object.fromEntries(shape.csiAttributeIds.map((id, i) => [`csi_${id}`, String(6 + i)])),
  comment: 'All good',
  may_contact: 'yes',
};

const errorsOf = (form: Record<string, string>, language: 'ru' | 'en' = 'en') => {
  const result = parseAnswerForm(form, shape, language);
  if (result.ok) throw new Error('expected the form to be refused');
  return result.errors;
};

describe('answer form', () => {
  it('accepts a complete answer, as numbers, with consent', () => {
    expect(parseAnswerForm(good, shape, 'en')).toEqual({
      ok: true,
      answer: { nps: 9, ces: 6, csi: { 'personal-manager': 6, 'connection-quality': 7, 'billing-clarity': 8, 'resolution-speed': 9, 'money-and-data-protection': 10 }, comment: 'All good', mayContact: true },
    });
  });

  it('accepts the ends of every scale and no comment; consent is "no" unless given', () => {
    const { comment: _c, may_contact: _m, ...rest } = good;
    const result = parseAnswerForm({ ...rest, nps: '0', ces: '7', 'csi_personal-manager': '1', 'csi_billing-clarity': '10' }, shape, 'en');
    expect(result).toMatchObject({ ok: true, answer: { nps: 0, ces: 7, mayContact: false } });
    expect(result.ok && 'comment' in result.answer).toBe(false);
  });

  it.each([
    ['nps', '11'],
    ['nps', '-1'],
    ['nps', '7.5'],
    ['nps', 'abc'],
    ['ces', '0'],
    ['ces', '8'],
    ['csi_personal-manager', '0'],
    ['csi_personal-manager', '11'],
    ['csi_connection-quality', '5.0'],
  ])('refuses %s = %s, naming the field and the range', (field, value) => {
    const errors = errorsOf({ ...good, [field]: value });
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field]).toMatch(/whole number from \d+ to \d+/);
  });

  it('refuses a missing required answer', () => {
    for (const field of ['nps', 'ces', 'csi_resolution-speed']) {
      const { [field]: _dropped, ...rest } = good;
      expect(errorsOf(rest)).toEqual({ [field]: 'Please choose an answer.' });
    }
    expect(errorsOf({ ...good, nps: '  ' })).toEqual({ nps: 'Please choose an answer.' });
  });

  it('refuses an unknown CSI attribute, beside the other problems', () => {
    expect(errorsOf({ ...good, 'csi_free-champagne': '10' })).toEqual({ 'csi_free-champagne': 'This question is not part of the survey.' });
    expect(Object.keys(errorsOf({ ...good, nps: '11', 'csi_free-champagne': '10' })).sort()).toEqual(['csi_free-champagne', 'nps']);
  });

  it('refuses a comment over the limit, counting characters, not bytes', () => {
    expect(errorsOf({ ...good, comment: 'x'.repeat(2001) })).toEqual({ comment: 'The comment may be at most 2000 characters long (it has 2001).' });
    const cyrillic = 'ж'.repeat(2000);
    expect(parseAnswerForm({ ...good, comment: cyrillic }, shape, 'en')).toMatchObject({ ok: true, answer: { comment: cyrillic } });
    // A browser sends line breaks as CRLF; they count once.
    expect(parseAnswerForm({ ...good, comment: `${'a'.repeat(1000)}\r\n${'b'.repeat(999)}` }, shape, 'en').ok).toBe(true);
  });

  it('keeps HTML and script in a comment as plain text', () => {
    const comment = '<script>alert("x")</script> & <b>bold</b>';
    expect(parseAnswerForm({ ...good, comment }, shape, 'en')).toMatchObject({ ok: true, answer: { comment } });
  });

  it('refuses a consent that is neither yes nor no', () => {
    expect(errorsOf({ ...good, may_contact: 'maybe' })).toEqual({ may_contact: 'Please answer yes or no.' });
  });

  it('speaks the contact\'s language', () => {
    expect(errorsOf({ ...good, nps: '11' }, 'ru')).toEqual({ nps: 'Пожалуйста, выберите целое число от 0 до 10.' });
  });
});
