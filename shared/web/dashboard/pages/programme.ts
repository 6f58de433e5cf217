import { programmeResponseSchema } from '../../../schemas/dashboard-api.ts';
import { barChart, budgetChart } from '../charts.ts';
import { h } from '../dom.ts';
import { table, type PageContext } from '../page-context.ts';

/** VIP accounts by tier and gift spending against the budget by month. */
export async function programmePage(ctx: PageContext): Promise<HTMLElement> {
  const { l } = ctx;
  const data = await ctx.api.get('/programme', programmeResponseSchema);
  const tierRows = data.vipByTier.map((t) => h('tr', { 'data-tier': t.tier }, h('td', {}, l.tier(t.tier, t.label)), h('td', { class: 'num' }, l.number(t.accounts, 0))));
  const monthRows = data.giftSpending.map((m) =>
    h('tr', { 'data-month': m.month }, h('td', {}, l.month(m.month)), h('td', { class: 'num' }, l.rub(m.allocatedRub)), h('td', { class: 'num' }, l.rub(m.spentRub)), h('td', { class: 'num' }, l.rub(m.reservedRub))),
  );
  return h(
    'section',
    { 'data-page': 'programme' },
    h('h2', {}, `${l.t('programme.heading')} · ${data.year}`),
    h('h3', {}, l.t('programme.byTier')),
    data.vipByTier.length === 0
      ? h('p', { class: 'note' }, l.t('programme.noReview'))
      : h(
          'div',
          { class: 'charts' },
          ctx.chart(barChart({ xTitle: '', yTitle: l.t('programme.accounts'), bars: data.vipByTier.map((t) => ({ x: l.tier(t.tier, t.label), value: t.accounts })) }), 'programme-tiers'),
          table([l.t('standards.tier'), { text: l.t('programme.accounts'), num: true }], tierRows, 'tiers'),
        ),
    h('h3', {}, l.t('programme.spending')),
    ctx.chart(
      budgetChart({
        yTitle: l.language === 'ru' ? '₽' : 'RUB',
        labels: { allocated: l.t('programme.allocated'), spent: l.t('programme.spent'), reserved: l.t('programme.reserved') },
        months: data.giftSpending.map((m) => ({ month: l.month(m.month), allocated: m.allocatedRub, spent: m.spentRub, reserved: m.reservedRub })),
      }),
      'programme-budget',
    ),
    table([l.t('programme.month'), { text: l.t('programme.allocated'), num: true }, { text: l.t('programme.spent'), num: true }, { text: l.t('programme.reserved'), num: true }], monthRows, 'budget'),
  );
}
