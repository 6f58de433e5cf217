import { describe, it, expect } from 'vitest';
import { parseEvent, InvalidEventError } from '../../shared/runtime/parse-event.ts';
import { functionUrlRequestSchema, occasionsImportedSchema, statusLostSchema } from '../../shared/schemas/gift-task-events.ts';
import { segmentRequestedSchema } from '../../shared/schemas/status-review-events.ts';
import { handleTaskLink } from '../../shared/use-cases/gift-tasks/task-link.ts';
import type { GiftStore } from '../../shared/ports/gift-store.ts';
import { programmeA } from '../fixtures/accounts.ts';

const statusLost = (time: string) => ({ id: 'e1', time, detail: { reviewKey: '2027', accountId: 'A1', outcome: 'revoke' } });
const segment = (segment: number, totalSegments: number) => ({
  id: 'e1',
  source: 'vip.status-review',
  'detail-type': 'StatusReviewSegmentRequested',
  time: '2027-01-01T03:00:00Z',
  detail: { reviewKey: '2027', segment, totalSegments },
});
const urlRequest = (rawPath: string) => ({ rawPath, requestContext: { http: { method: 'GET' } } });

describe('events at the boundaries', () => {
  it('refuses a status-lost event whose time is not a timestamp, naming the field', () => {
    expect(parseEvent(statusLostSchema, statusLost('2027-01-01T03:00:00Z'), 'status change event').time).toBe('2027-01-01T03:00:00Z');
    expect(() => parseEvent(statusLostSchema, statusLost('yesterday'), 'status change event')).toThrow(InvalidEventError);
    expect(() => parseEvent(statusLostSchema, statusLost('2027-13-45T00:00:00Z'), 'status change event')).toThrow(/time: .*datetime/i);
  });

  it('refuses an occasions-imported event without the import\'s instant, naming the field', () => {
    const imported = (importedAt: unknown) => ({ id: 'e1', detail: { accountId: 'A1', importedAt } });
    expect(parseEvent(occasionsImportedSchema, imported('2027-03-18T02:00:00.000Z'), 'occasions imported event').detail.importedAt).toBe('2027-03-18T02:00:00.000Z');
    expect(() => parseEvent(occasionsImportedSchema, imported('18 March'), 'occasions imported event')).toThrow(/detail\.importedAt/);
    expect(() => parseEvent(occasionsImportedSchema, imported(undefined), 'occasions imported event')).toThrow(InvalidEventError);
  });

  it('refuses a segment number outside the review, naming the field', () => {
    expect(parseEvent(segmentRequestedSchema, segment(3, 4), 'segment request').detail.segment).toBe(3);
    expect(() => parseEvent(segmentRequestedSchema, segment(4, 4), 'segment request')).toThrow(InvalidEventError);
    expect(() => parseEvent(segmentRequestedSchema, segment(4, 4), 'segment request')).toThrow('detail.segment: a segment number below totalSegments (4)');
  });

  it('reads the link token from the path, and a damaged %-escape as no token', () => {
    expect(parseEvent(functionUrlRequestSchema, urlRequest('/tasks/abc.def'), 'function URL request').token).toBe('abc.def');
    expect(parseEvent(functionUrlRequestSchema, urlRequest('/abc%2Edef'), 'function URL request').token).toBe('abc.def');
    expect(parseEvent(functionUrlRequestSchema, urlRequest('/tasks/abc%E0%A4%A'), 'function URL request').token).toBeUndefined();
  });

  it('answers a link with a damaged address with a page saying so, and touches no task', async () => {
    const untouchable = new Proxy({} as GiftStore, {
      get: () => () => {
        throw new Error('the store must not be read');
      },
    });
    const nothing = <T extends object>() =>
      new Proxy({} as T, {
        get: () => () => {
          throw new Error('nothing may be read');
        },
      });
    const page = await handleTaskLink(
      { method: 'GET', token: undefined, form: {} },
      {
        store: untouchable,
        tokens: nothing(),
        mailIdOf: nothing(),
        ids: nothing(),
        managers: nothing(),
        requests: nothing(),
        links: nothing(),
        config: { ...programmeA, languages: ['en'] },
        now: () => new Date('2027-01-01T00:00:00Z'),
      },
    );
    expect(page.status).toBe(400);
    expect(page.html).toContain('This link is damaged');
  });
});
