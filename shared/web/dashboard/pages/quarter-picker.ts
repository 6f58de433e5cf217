import { h } from '../dom.ts';
import type { Localiser } from '../i18n.ts';

export function quarterPicker(l: Localiser, quarters: readonly string[], current: string, choose: (quarter: string) => void): HTMLSelectElement {
  const select = h('select', { class: 'quarter', 'aria-label': l.t('quarter'), name: 'quarter' }, ...quarters.map((q) => h('option', { value: q, selected: q === current }, l.quarter(q))));
  select.addEventListener('change', () => choose(select.value));
  return select;
}
