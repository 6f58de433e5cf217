import { describe, it, expect } from 'vitest';
import { applyMove, availableOf, BudgetRuleError, moneyMoves, overrunOf, reallocate, type BudgetLine } from '../../shared/domain/gifts/budget-line.ts';
import { budgetRequestFor } from '../../shared/domain/gifts/budget-request.ts';
import type { GiftTask } from '../../shared/domain/gifts/gift-task.ts';
import { taskPages } from '../../shared/mail/task-page.ts';
import { ownerPages } from '../../shared/mail/budget-owner-page.ts';
import { budgetApprovalMail, lineMissingMail, overrunMail } from '../../shared/mail/budget-owner-mail.ts';
import { programmeA } from '../fixtures/accounts.ts';
import { overrunText } from '../../bin/commands/budget.ts';
import { parseBudgetRequestItem } from '../../shared/schemas/budget-request-item.ts';

const catalogue = programmeA.giftTasks.catalogue;
const nbsp = '\u00a0';
const line = (over: Partial<BudgetLine> = {}): BudgetLine => ({
  month: '2027-03',
  costItem: 'vip-gifts',
  ownerEmail: 'owner@example.com',
  allocatedKopecks: 1_000_000,
  reservedKopecks: 0,
  spentKopecks: 0,
  ...over,
});
const task = (over: Partial<GiftTask> = {}): GiftTask => ({
  taskId: 'A000042~2027~C0000007',
  accountId: 'A000042',
  sourceId: 'C0000007',
  managerId: 'M001',
  tier: 'highly-profitable',
  occasionKind: 'director-birthday',
  occasionDate: '2027-03-05',
  issueDate: '2027-02-28',
  personName: 'Соколов Андрей',
  accountName: 'ООО «Байкал»',
  giftId: 'stationery',
  reservedKopecks: 150_000,
  priceKopecks: 150_000,
  budgetMonth: '2027-03',
  costItem: 'vip-gifts',
  state: 'open',
  ...over,
});

describe('an overrun on a budget line', () => {
  it('takes all the line has left and keeps the rest as a pending overrun: allocated + overrun = available + reserved + spent', () => {
    const before = line({ reservedKopecks: 350_000, spentKopecks: 550_000 }); // 100,000 left
    const after = applyMove(before, moneyMoves.settleOverrun(350_000, 600_000, 100_000));
    expect(after).toMatchObject({ reservedKopecks: 0, spentKopecks: 1_150_000, overrunPendingKopecks: 150_000 });
    expect(availableOf(after)).toBe(0);
    expect(after.allocatedKopecks + overrunOf(after)).toBe(availableOf(after) + after.reservedKopecks + after.spentKopecks);
  });

  it('is refused when the line no longer has exactly what it was computed from, or when it is no overrun at all', () => {
    expect(() => applyMove(line({ reservedKopecks: 350_000, spentKopecks: 500_000 }), moneyMoves.settleOverrun(350_000, 600_000, 100_000))).toThrow(BudgetRuleError);
    expect(() => moneyMoves.settleOverrun(350_000, 400_000, 100_000)).toThrow(/overrun needs a cost above/);
  });

  it('is shown in the budget report with what its owner decided, and a line without one shows nothing', () => {
    expect(overrunText(line())).toBe('');
    expect(overrunText(line({ overrunPendingKopecks: 50_000, overrunApprovedKopecks: 150_000, overrunDeclinedKopecks: 0 }))).toBe('500.00 RUB pending; 1,500.00 RUB approved');
  });

  it('counts the overrun when a new allocation is checked against what is held', () => {
    const over = line({ allocatedKopecks: 100_000, spentKopecks: 150_000, overrunApprovedKopecks: 50_000 });
    expect(availableOf(over)).toBe(0);
    expect(availableOf(reallocate(over, 120_000))).toBe(20_000);
    expect(() => reallocate(over, 90_000)).toThrow(BudgetRuleError);
  });
});

describe('a request for budget', () => {
  it('asks for what the waiting tasks cost beyond what the line has left, under a reference that reveals nothing', () => {
    const request = budgetRequestFor('2027-02-20', line({ reservedKopecks: 800_000 }), [
      { taskId: 'A1~2027~C1', priceKopecks: 350_000 },
      { taskId: 'A2~2027~C2', priceKopecks: 150_000 },
    ], 'AQEBAQEBAQEBAQEBAQEBAQ');
    expect(request).toMatchObject({ month: '2027-03', missingKopecks: 300_000, state: 'pending', taskIds: ['A1~2027~C1', 'A2~2027~C2'] });
    expect(request.ref).toBe('AQEBAQEBAQEBAQEBAQEBAQ');
    expect(parseBudgetRequestItem({ pk: 'BUDGETREQUEST#x', ...request })).toEqual(request);
    expect(() => parseBudgetRequestItem({ pk: 'BUDGETREQUEST#x', ...request, state: 'maybe' })).toThrow(/BUDGETREQUEST#x[\s\S]*state/);
  });
});

describe('the task page', () => {
  it('speaks Russian to a Russian manager, with the mail\'s labels and money as Russian writes it', () => {
    const page = taskPages.confirmDone({ task: task(), language: 'ru', catalogue });
    expect(page.status).toBe(200);
    expect(page.html).toContain('<html lang="ru">');
    expect(page.html).toContain('Событие: день рождения руководителя');
    expect(page.html).toContain('Подарок: Канцелярия');
    expect(page.html).toContain(`Зарезервировано: 1${nbsp}500,00${nbsp}₽`);
    expect(page.html).toContain('value="1500,00"');
    expect(page.html).not.toMatch(/director-birthday|stationery|RUB/);
  });

  it('speaks English to an English manager', () => {
    const page = taskPages.confirmCancel({ task: task(), language: 'en', catalogue });
    expect(page.html).toContain('Occasion: director&#39;s birthday');
    expect(page.html).toContain('Reserved: RUB');
    expect(page.html).toContain('<button type="submit">Cancel the task</button>');
    expect(page.html).not.toContain('director-birthday');
  });

  it('shows no done form for a task awaiting budget approval, and refuses a posted one', () => {
    const waiting = task({ state: 'awaiting-budget', reservedKopecks: 0 });
    for (const language of ['ru', 'en'] as const) {
      const page = taskPages.confirmDone({ task: waiting, language, catalogue });
      expect(page.html).not.toContain('<form');
      expect(page.html).toContain(language === 'ru' ? 'ожидает согласования бюджета' : 'waiting for budget approval');
      expect(taskPages.awaitingBudget({ task: waiting, language, catalogue }).status).toBe(409);
    }
  });

  it('escapes what comes from data', () => {
    const page = taskPages.confirmDone({ task: task({ personName: '<script>x</script>' }), language: 'en', catalogue });
    expect(page.html).not.toContain('<script>');
    expect(page.html).toContain('&lt;script&gt;');
  });
});

describe('the owner\'s mails and pages', () => {
  it('a budget request carries the missing amount and the two signed links, no task ids or names', () => {
    const mail = budgetApprovalMail({ to: 'owner@example.com', language: 'ru', line: line(), missingKopecks: 300_000, tasks: [task()], catalogue, raiseUrl: 'https://x/tasks/RAISE', declineUrl: 'https://x/tasks/DECLINE' });
    expect(mail.text).toContain(`Увеличить статью на 3${nbsp}000,00${nbsp}₽: https://x/tasks/RAISE`);
    expect(mail.text).toContain('https://x/tasks/DECLINE');
    expect(mail.html).toContain('href="https://x/tasks/RAISE"');
    expect(mail.text + mail.html).not.toMatch(/A000042|Соколов|npx vip budget set/);
  });

  it('a missing line is named with how to create it; an overrun with its amount and links', () => {
    expect(lineMissingMail({ to: 'o@example.com', language: 'en', month: '2027-04', costItem: 'vip-gifts', tasks: [task()], catalogue }).subject).toBe('The budget line 2027-04 vip-gifts does not exist yet');
    const mail = overrunMail({ to: 'o@example.com', language: 'en', task: task(), actualKopecks: 600_000, overrunKopecks: 150_000, catalogue, approveUrl: 'https://x/A', declineUrl: 'https://x/D' });
    expect(mail.text).toContain(`RUB${nbsp}1,500.00 more than the budget line 2027-03 vip-gifts had left`);
    expect(mail.text).toContain('Approve the overrun: https://x/A');
  });

  it('confirms before it decides and says so when already decided', () => {
    const request = budgetRequestFor('2027-02-20', line(), [{ taskId: 'A1~2027~C1', priceKopecks: 2_000_000 }], 'AQEBAQEBAQEBAQEBAQEBAQ');
    expect(ownerPages.confirmRaise(request, 'en').html).toContain(`Raise by RUB${nbsp}10,000.00`);
    expect(ownerPages.requestDecided(true, 'ru')).toMatchObject({ status: 409 });
    expect(ownerPages.requestDecided(true, 'ru').html).toContain('Запрос уже согласован');
    const done = task({ state: 'done', actualKopecks: 600_000, overrunKopecks: 150_000, overrunState: 'pending' });
    expect(ownerPages.confirmOverrun(done, true, 'ru', catalogue).html).toContain(`сверх остатка по статье: 1${nbsp}500,00${nbsp}₽`);
  });
});
