import { describe, it, expect } from 'vitest';
import { caseReasons } from '../../shared/domain/surveys/closed-loop.ts';
import { surveyConfigSchema } from '../../shared/schemas/survey-config.ts';

const thresholds = surveyConfigSchema.parse({}).closedLoop;
const content = { nps: 9, ces: 6, csi: { 'personal-manager': 9, 'connection-quality': 8 } };

describe('closed-loop trigger', () => {
  it('uses the documented defaults: NPS 0-6, CES 1-3, any CSI attribute 1-4', () => {
    expect(thresholds).toMatchObject({ npsMax: 6, cesMax: 3, csiAttributeMax: 4 });
  });

  it('opens no case for a content client', () => {
    expect(caseReasons(content, thresholds)).toEqual([]);
  });

  it('opens a case for a detractor, at the boundary and not above it', () => {
    expect(caseReasons({ ...content, nps: 6 }, thresholds)).toEqual([{ kind: 'nps', score: 6 }]);
    expect(caseReasons({ ...content, nps: 0 }, thresholds)).toEqual([{ kind: 'nps', score: 0 }]);
    expect(caseReasons({ ...content, nps: 7 }, thresholds)).toEqual([]);
  });

  it('opens a case for a hard CES, at the boundary and not above it', () => {
    expect(caseReasons({ ...content, ces: 3 }, thresholds)).toEqual([{ kind: 'ces', score: 3 }]);
    expect(caseReasons({ ...content, ces: 4 }, thresholds)).toEqual([]);
  });

  it('opens a case for any CSI attribute at 4 or below, naming each', () => {
    expect(caseReasons({ ...content, csi: { 'personal-manager': 4, 'connection-quality': 5 } }, thresholds)).toEqual([{ kind: 'csi', attributeId: 'personal-manager', score: 4 }]);
    expect(caseReasons({ nps: 2, ces: 1, csi: { b: 1, a: 3 } }, thresholds)).toEqual([
      { kind: 'nps', score: 2 },
      { kind: 'ces', score: 1 },
      { kind: 'csi', attributeId: 'a', score: 3 },
      { kind: 'csi', attributeId: 'b', score: 1 },
    ]);
  });

  it('follows the configured thresholds', () => {
    const strict = { npsMax: 8, cesMax: 5, csiAttributeMax: 6 };
    expect(caseReasons({ nps: 8, ces: 6, csi: {} }, strict)).toEqual([{ kind: 'nps', score: 8 }]);
    expect(caseReasons({ nps: 9, ces: 5, csi: { x: 6 } }, strict)).toEqual([{ kind: 'ces', score: 5 }, { kind: 'csi', attributeId: 'x', score: 6 }]);
  });
});
