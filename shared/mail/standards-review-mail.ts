import { formatRubIn } from '../domain/money.ts';
import type { Measure } from '../domain/scores/standards.ts';
import type { MeasureRow, StandardsReview } from '../domain/scores/standards-review.ts';
import { parseSegmentId } from '../domain/scores/segments.ts';
import { escapeHtml, htmlTable, link, type HtmlCell } from './html.ts';
import { cityIn } from './reader-labels.ts';
import { outcomeIn } from './status-labels.ts';

export type ReviewLanguage = 'ru' | 'en';

/** The content id the HTML points at for the inline chart (`<img src="cid:...">`). */
export const reviewChartContentId = 'standards-review-chart';

const words = {
  ru: {
    subject: (q: string) => `Обзор сервисных стандартов: ${q}`,
    intro: (q: string, answered: number, invited: string, rate: string) => `Квартал ${q}: ответов ${answered}, приглашений ${invited}, доля ответивших ${rate}.`,
    chartAlt: 'Главный график: NPS, CSI и CES по сегментам с 95 % интервалами и целями',
    measuresTitle: 'Показатели по сегментам рядом с целями (95 % интервал в скобках)',
    headers: ['Сегмент', 'Ответов', 'NPS', 'CSI', 'CES'],
    waveTitle: 'Показатели волны',
    waveHeaders: ['Показатель', 'Значение', 'Цель', 'Итог'],
    findingsTitle: 'Замечания: ниже цели',
    proposalsTitle: 'Предложения: выше цели два квартала подряд',
    propose: (m: string, s: string, from: string, to: string, values: string) => `${m}, ${s}: поднять цель с ${from} до ${to} (значения ${values})`,
    finding: (m: string, s: string, v: string, t: string, clear: boolean) => `${m}, ${s}: ${v} при цели ${t}${clear ? ' (весь 95 % интервал ниже цели)' : ''}`,
    changesTitle: (prev: string) => `Значимые изменения к ${prev} (95 % интервал разницы не содержит нуля)`,
    change: (m: string, s: string, d: string, low: string, high: string) => `${m}, ${s}: ${d} (${low} … ${high})`,
    loopTitle: 'Замкнутый цикл (обращения к менеджерам)',
    loopHeaders: ['Открыто', 'Связались', 'В срок (SLA)', 'Решено', 'Открыты', 'Просрочены'],
    programmeTitle: (year: number) => `VIP-программа, ${year} год`,
    vipHeaders: ['Уровень', 'VIP-клиентов'],
    statusHeaders: ['Решение', 'Количество'],
    giftHeaders: ['Уровень', 'Потрачено', 'Зарезервировано', 'Доля бюджета'],
    budget: (b: string) => `Бюджет подарков на год: ${b}.`,
    none: 'нет',
    hidden: 'скрыт (меньше порога ответов)',
    hiddenComplement: 'скрыт (иначе вычитанием раскрылся бы скрытый сегмент)',
    small: 'малая выборка',
    floors: (hide: number, small: number) => `Сегменты с числом ответов меньше ${hide} не показываются отдельно; меньше ${small} отмечены как малая выборка.`,
    dashboard: 'Открыть дашборд',
    met: 'выполнено',
    below: 'ниже цели',
    noData: 'нет данных',
    noTarget: 'цель не задана',
    target: 'цель',
    all: 'Все клиенты',
    dims: { tier: 'Уровень', city: 'Город', manager: 'Менеджер', 'customer-type': 'Тип клиента' },
    customerTypes: { business: 'юридическое лицо', private: 'частное лицо' } as Readonly<Record<string, string>>,
  },
  en: {
    subject: (q: string) => `Service standards review: ${q}`,
    intro: (q: string, answered: number, invited: string, rate: string) => `Quarter ${q}: ${answered} answers, ${invited} invitations, response rate ${rate}.`,
    chartAlt: 'Main chart: NPS, CSI and CES by segment with 95 % intervals and targets',
    measuresTitle: 'Measures by segment beside their targets (95 % interval in brackets)',
    headers: ['Segment', 'Answers', 'NPS', 'CSI', 'CES'],
    waveTitle: 'Measures of the wave',
    waveHeaders: ['Measure', 'Value', 'Target', 'Result'],
    findingsTitle: 'Findings: below target',
    proposalsTitle: 'Proposals: above target two quarters in a row',
    propose: (m: string, s: string, from: string, to: string, values: string) => `${m}, ${s}: raise the target from ${from} to ${to} (values ${values})`,
    finding: (m: string, s: string, v: string, t: string, clear: boolean) => `${m}, ${s}: ${v} against a target of ${t}${clear ? ' (the whole 95 % interval is below it)' : ''}`,
    changesTitle: (prev: string) => `Significant changes from ${prev} (the 95 % interval of the difference excludes zero)`,
    change: (m: string, s: string, d: string, low: string, high: string) => `${m}, ${s}: ${d} (${low} … ${high})`,
    loopTitle: 'Closed loop (cases handed to managers)',
    loopHeaders: ['Opened', 'Contacted', 'Within SLA', 'Resolved', 'Open', 'Overdue'],
    programmeTitle: (year: number) => `The VIP programme, ${year}`,
    vipHeaders: ['Tier', 'VIP accounts'],
    statusHeaders: ['Decision', 'Count'],
    giftHeaders: ['Tier', 'Spent', 'Reserved', 'Share of budget'],
    budget: (b: string) => `Gift budget of the year: ${b}.`,
    none: 'none',
    hidden: 'hidden (too few answers)',
    hiddenComplement: 'hidden (it would reveal a hidden segment by subtraction)',
    small: 'small sample',
    floors: (hide: number, small: number) => `Segments with fewer than ${hide} answers are not shown on their own; fewer than ${small} are marked as small samples.`,
    dashboard: 'Open the dashboard',
    met: 'met',
    below: 'below target',
    noData: 'no data',
    noTarget: 'no target',
    target: 'target',
    all: 'All clients',
    dims: { tier: 'Tier', city: 'City', manager: 'Manager', 'customer-type': 'Customer type' },
    customerTypes: { business: 'business', private: 'private person' } as Readonly<Record<string, string>>,
  },
} as const;

const measureNames: Readonly<Record<Measure, { ru: string; en: string }>> = {
  nps: { ru: 'NPS', en: 'NPS' },
  csi: { ru: 'CSI', en: 'CSI' },
  ces: { ru: 'CES', en: 'CES' },
  'response-rate': { ru: 'Доля ответивших, %', en: 'Response rate, %' },
  'closed-loop-sla': { ru: 'Связались в срок, %', en: 'Contacted within SLA, %' },
};

export interface ReviewMailInput {
  readonly review: StandardsReview;
  readonly language: ReviewLanguage;
  /** Tier id -> the name the programme gives it. */
  readonly tierNames: Readonly<Record<string, string>>;
  readonly floors: { readonly hideBelow: number; readonly smallSampleBelow: number };
  readonly dashboardUrl?: string;
}

export function segmentLabel(id: string, language: ReviewLanguage, tierNames: Readonly<Record<string, string>>): string {
  const w = words[language];
  const segment = parseSegmentId(id);
  if (segment.dimension === 'all') return w.all;
  // The segment key keeps the stored value; the reader sees it in the mail's language.
  const value =
    segment.dimension === 'tier'
      ? (tierNames[segment.value] ?? segment.value)
      : segment.dimension === 'city'
        ? cityIn(segment.value, language)
        : segment.dimension === 'customer-type'
          ? (w.customerTypes[segment.value] ?? segment.value)
          : segment.value;
  return `${w.dims[segment.dimension]}: ${value}`;
}

export function measureLabel(measure: Measure, language: ReviewLanguage): string {
  return measureNames[measure][language];
}

/** The leadership mail of a quarter's standards review: subject, HTML (with the chart inline) and plain text. */
export function standardsReviewMail(input: ReviewMailInput): { subject: string; html: string; text: string } {
  const { review, language, tierNames } = input;
  const w = words[language];
  const num = (x: number | undefined, digits = 1) =>
    x === undefined ? '–' : new Intl.NumberFormat(language === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(x);
  const label = (id: string) => segmentLabel(id, language, tierNames);
  const rowsBySegment = new Map<string, MeasureRow[]>();
  for (const row of review.rows) if (row.measure === 'nps' || row.measure === 'csi' || row.measure === 'ces') rowsBySegment.set(row.segment, [...(rowsBySegment.get(row.segment) ?? []), row]);

  const cellOf = (row: MeasureRow | undefined): string => {
    if (!row || row.status === 'no-data') return w.noData;
    const interval = row.low !== undefined ? ` (${num(row.low)} … ${num(row.high)})` : '';
    const target = row.target !== undefined ? `; ${w.target} ${num(row.target)}${row.status === 'below' ? ` – ${w.below}` : ' ✓'}` : '';
    return `${num(row.value)}${interval}${target}`;
  };
  const segmentTable: string[][] = [];
  for (const [segment, rows] of rowsBySegment) {
    const first = rows[0]!;
    if (first.visibility === 'hidden') {
      segmentTable.push([label(segment), '', first.hiddenBecause === 'complement' ? w.hiddenComplement : w.hidden, '', '']);
      continue;
    }
    const n = `${first.n ?? ''}${first.visibility === 'small-sample' ? ` (${w.small})` : ''}`;
    segmentTable.push([label(segment), n, ...(['nps', 'csi', 'ces'] as const).map((m) => cellOf(rows.find((r) => r.measure === m)))]);
  }
  const statusWord = (row: MeasureRow) => ({ met: w.met, below: w.below, hidden: w.hidden, 'no-data': w.noData, 'no-target': w.noTarget })[row.status];
  const waveRows = review.rows.filter((r) => r.measure === 'response-rate' || r.measure === 'closed-loop-sla');
  const waveTable = waveRows.map((r) => [measureLabel(r.measure, language), num(r.value), num(r.target), statusWord(r)]);
  const findings = review.findings.map((f) => w.finding(measureLabel(f.measure, language), label(f.segment), num(f.value), num(f.target), f.clearlyBelow));
  const proposals = review.proposals.map((p) =>
    w.propose(measureLabel(p.measure, language), label(p.segment), num(p.currentTarget), num(p.proposedTarget), `${num(p.values[0])}, ${num(p.values[1])}`),
  );
  const changes = review.changes.map((c) => w.change(measureLabel(c.measure, language), label(c.segment), num(c.difference), num(c.low), num(c.high)));
  const loop = review.closedLoop;
  const loopRow = [loop.opened, loop.contacted, loop.contactedWithinSla, loop.resolved, loop.open, loop.overdue].map(String);
  const programme = review.programme;
  const budgetShare = (kopecks: number) => (programme.budgetKopecks > 0 ? `${num((100 * kopecks) / programme.budgetKopecks)} %` : '–');
  const vipRows = programme.vipByTier.map((t) => [tierNames[t.tier] ?? t.tier, String(t.accounts)]);
  const statusRows = programme.statusChanges.map((s) => [outcomeIn(s.outcome, language), String(s.count)]);
  const giftRows = programme.giftsByTier.map((g) => [tierNames[g.tier] ?? g.tier, formatRubIn(g.spentKopecks, language), formatRubIn(g.reservedKopecks, language), budgetShare(g.spentKopecks + g.reservedKopecks)]);
  const intro = w.intro(review.quarter, review.answered, review.invited === undefined ? '–' : String(review.invited), review.invited ? `${num((100 * review.answered) / review.invited)} %` : '–');
  const floorsLine = w.floors(input.floors.hideBelow, input.floors.smallSampleBelow);
  const list = (items: readonly string[]) => (items.length ? `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>` : `<p>${escapeHtml(w.none)}</p>`);
  const h = (text: string) => `<h3 style="font-family:sans-serif">${escapeHtml(text)}</h3>`;
  const dashboard: HtmlCell | undefined = input.dashboardUrl ? link(input.dashboardUrl, w.dashboard) : undefined;

  const html = [
    `<div style="font-family:sans-serif">`,
    `<h2>${escapeHtml(w.subject(review.quarter))}</h2>`,
    `<p>${escapeHtml(intro)}</p>`,
    dashboard && typeof dashboard !== 'string' ? `<p>${dashboard.html}</p>` : '',
    `<p><img src="cid:${reviewChartContentId}" alt="${escapeHtml(w.chartAlt)}" style="max-width:100%"></p>`,
    h(w.findingsTitle),
    list(findings),
    h(w.proposalsTitle),
    list(proposals),
    h(w.changesTitle(review.previousQuarter)),
    list(changes),
    h(w.measuresTitle),
    htmlTable(w.headers, segmentTable),
    `<p style="color:#555">${escapeHtml(floorsLine)}</p>`,
    h(w.waveTitle),
    htmlTable(w.waveHeaders, waveTable),
    h(w.loopTitle),
    htmlTable(w.loopHeaders, [loopRow]),
    h(w.programmeTitle(programme.year)),
    htmlTable(w.vipHeaders, vipRows),
    `<br>`,
    htmlTable(w.statusHeaders, statusRows),
    `<br>`,
    htmlTable(w.giftHeaders, giftRows),
    `<p>${escapeHtml(w.budget(formatRubIn(programme.budgetKopecks, language)))}</p>`,
    `</div>`,
  ].join('\n');

  const textTable = (headers: readonly string[], rows: readonly (readonly string[])[]) => [headers.join(' | '), ...rows.map((r) => r.join(' | '))].join('\n');
  const bullets = (items: readonly string[]) => (items.length ? items.map((i) => `- ${i}`).join('\n') : w.none);
  const text = [
    w.subject(review.quarter),
    '',
    intro,
    ...(input.dashboardUrl ? [`${w.dashboard}: ${input.dashboardUrl}`] : []),
    '',
    `${w.findingsTitle}:`,
    bullets(findings),
    '',
    `${w.proposalsTitle}:`,
    bullets(proposals),
    '',
    `${w.changesTitle(review.previousQuarter)}:`,
    bullets(changes),
    '',
    `${w.measuresTitle}:`,
    textTable(w.headers, segmentTable),
    floorsLine,
    '',
    `${w.waveTitle}:`,
    textTable(w.waveHeaders, waveTable),
    '',
    `${w.loopTitle}:`,
    textTable(w.loopHeaders, [loopRow]),
    '',
    `${w.programmeTitle(programme.year)}:`,
    textTable(w.vipHeaders, vipRows),
    textTable(w.statusHeaders, statusRows),
    textTable(w.giftHeaders, giftRows),
    w.budget(formatRubIn(programme.budgetKopecks, language)),
  ].join('\n');
  return { subject: w.subject(review.quarter), html, text };
}
