/** Money is held as whole kopecks so sums and comparisons are exact. */
export type Kopecks = number;

export function rubToKopecks(rub: number): Kopecks {
  return Math.round(rub * 100);
}

export function formatRub(kopecks: Kopecks): string {
  const sign = kopecks < 0 ? '-' : '';
  const abs = Math.abs(kopecks);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')} RUB`;
}

/**
 * Reads an amount as billing and Excel exports write it: "1234.56", "1234,56", "1 234,56"
 * (spaces or no-break spaces as thousands separators). Returns undefined when it is not a number.
 */
export function parseRubAmount(text: string): Kopecks | undefined {
  const compact = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (!/^-?\d+([.,]\d{1,2})?$/.test(compact)) return undefined;
  const [whole = '0', fraction = ''] = compact.replace(',', '.').split('.');
  const negative = whole.startsWith('-');
  const kopecks = Math.abs(Number(whole)) * 100 + Number(fraction.padEnd(2, '0'));
  return negative ? -kopecks : kopecks;
}

/** An amount as the reader's language writes it: "150 000,00 ₽" in Russian, "RUB 150,000.00" in English. */
export function formatRubIn(kopecks: Kopecks, language: 'ru' | 'en'): string {
  return new Intl.NumberFormat(language === 'ru' ? 'ru-RU' : 'en-GB', { style: 'currency', currency: 'RUB', currencyDisplay: language === 'ru' ? 'symbol' : 'code' }).format(kopecks / 100);
}
