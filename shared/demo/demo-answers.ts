import { createRng, deriveSeed, type Rng } from './random.ts';

/** Default share of demo invitees who answer: a good response rate for a VIP programme. */
export const demoAnswerShare = 0.45;
export const demoAnswerSeed = 1;

/** How one demo invitee answers, as the form they would post (every value a string). */
export interface DemoAnswer {
  /** Hours after the wave opened that the answer comes in. */
  readonly afterHours: number;
  readonly form: Readonly<Record<string, string>>;
}

export interface DemoAnswerInput {
  readonly invitationId: string;
  readonly language: 'ru' | 'en';
  /** 0 for the lowest tier up to 1 for the highest. */
  readonly tierRank: number;
  readonly attributeIds: readonly string[];
  readonly openDays: number;
  /** Share of invitees who answer at all. */
  readonly share: number;
  readonly seed: number;
}

const comments = {
  ru: {
    happy: ['Спасибо, всё отлично.', 'Менеджер всегда на связи, спасибо!', 'Связь стабильная, претензий нет.'],
    unhappy: ['Счета непонятные, приходится звонить каждый месяц.', 'Долго решали проблему со связью в офисе.', 'Менеджер не перезвонил, как обещал.'],
  },
  en: {
    happy: ['Thank you, all is well.', 'My manager is always reachable, thanks!', 'Stable connection, no complaints.'],
    unhappy: ['The bills are hard to read; I call every month.', 'It took long to fix the connection at our office.', 'My manager did not call back as promised.'],
  },
} as const;

function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return hash;
}

/** Box-Muller: a standard normal draw from two uniform ones. */
function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** 0 for the programme's lowest tier up to 1 for its highest (its place in the config's list). */
export function demoTierRank(tierIds: readonly string[], tier: string): number {
  const index = Math.max(0, tierIds.indexOf(tier));
  return tierIds.length > 1 ? index / (tierIds.length - 1) : 1;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(value)));

/**
 * A deterministic demo answer (the same for the same invitation and seed), or none for an invitee
 * who does not answer. Satisfaction rises clearly with the tier, and bad experiences (some in
 * every tier, so every segment has detractors) are rarer higher up: with a demo wave's tier sizes
 * (tens of answers) a higher tier scores above a lower one on NPS, CSI and CES in all but a few
 * waves in a thousand, so the dashboard shows the difference every quarter
 * (test/unit/demo-answers.test.ts). Most answers come early.
 */
export function demoAnswer(input: DemoAnswerInput): DemoAnswer | undefined {
  const rng = createRng(deriveSeed(input.seed, hashOf(input.invitationId)));
  if (!rng.chance(input.share)) return undefined;
  const afterHours = Math.min((input.openDays - 1) * 24, Math.floor(-Math.log(1 - rng.next()) * 4 * 24)) + rng.int(1, 11);
  const badExperience = rng.chance(0.16 - 0.1 * input.tierRank);
  const mood = (badExperience ? 3.5 : 7.1 + 3.0 * input.tierRank) + 0.9 * normal(rng);
  const csi = Object.fromEntries(
    input.attributeIds.map((id) => {
      // Some attributes run a little below the rest for everyone (bills, connection), as real surveys show.
      const bias = ((hashOf(id) % 9) - 5) / 10;
      return [`csi_${id}`, String(clamp(mood + bias + normal(rng), 1, 10))];
    }),
  );
  const form: Record<string, string> = {
    nps: String(clamp(mood + 0.8 * normal(rng), 0, 10)),
    ...csi,
    ces: String(clamp(1 + (mood - 2) * 0.75 + 0.6 * normal(rng), 1, 7)),
    may_contact: rng.chance(0.6) ? 'yes' : 'no',
  };
  if (rng.chance(0.3)) form.comment = rng.pick(comments[input.language][mood < 6 ? 'unhappy' : 'happy']);
  return { afterHours, form };
}

/** When a demo manager records "contacted" and "resolved" on a case, in hours after it opened. */
export interface DemoCaseSteps {
  readonly contactedAfterHours: number;
  readonly resolvedAfterHours: number;
}

/**
 * How the client's manager acts on a demo case, deterministic per case and seed. Without it no case
 * is ever resolved in a simulation, and the contact policy ("none while a case is open") leaves
 * more clients out of every wave (docs/surveys.md, the demo year). Most managers call within the
 * SLA (2 working days) and settle within a week; some call late (the case is escalated first); a
 * few take weeks, so open and overdue cases show while the waves run. Every case is resolved
 * within 90 days: only a rare slow one, opened late in a wave, still keeps its client out of the next.
 */
export function demoCaseSteps(caseId: string, seed: number): DemoCaseSteps {
  const rng = createRng(deriveSeed(seed, hashOf(`case:${caseId}`)));
  const pace = rng.next();
  const contactedAfterHours = pace < 0.75 ? rng.int(2, 40) : pace < 0.9 ? rng.int(4 * 24, 8 * 24) : rng.int(10 * 24, 30 * 24);
  const settling = pace < 0.9 ? rng.int(1 * 24, 10 * 24) : rng.int(20 * 24, 60 * 24);
  return { contactedAfterHours, resolvedAfterHours: contactedAfterHours + settling };
}
