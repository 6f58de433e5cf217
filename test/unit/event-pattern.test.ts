import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  InvalidEventPatternError,
  matchesEventPattern,
  validateEventPattern,
  type EventPattern,
} from '../../shared/domain/event-pattern.ts';

/** Validates first, so every pattern used below is also proven acceptable to the validator. */
function matches(pattern: unknown, event: unknown): boolean {
  return matchesEventPattern(validateEventPattern(pattern), event);
}

// Sample events from the AWS EventBridge user guide and the event-ruler README.
const ec2Event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

const metricsEvent = {
  ...ec2Event,
  time: '2017-10-02T16:24:49Z',
  detail: { 'c-count': 5, 'd-count': 3, 'x-limit': 301.8, 'source-ip': '10.0.0.33', state: 'running' },
};

const nullEvent = {
  ...ec2Event,
  detail: { eventVersion: '', responseElements: null },
};

const withDetail = (detail: Record<string, unknown>): object => ({ ...ec2Event, detail });

describe('exact matching', () => {
  it('matches the AWS EC2 termination example and ignores fields the pattern does not name', () => {
    const pattern = {
      source: ['aws.ec2'],
      'detail-type': ['EC2 Instance State-change Notification'],
      detail: { state: ['terminated'] },
    };
    expect(matches(pattern, ec2Event)).toBe(true);
    expect(matches(pattern, withDetail({ state: 'running' }))).toBe(false);
  });

  it('requires every field to match (AND) and any listed value per field (OR)', () => {
    expect(matches({ source: ['aws.ec2'], region: ['eu-west-1'] }, ec2Event)).toBe(false);
    expect(matches({ detail: { state: ['initializing', 'terminated'] } }, ec2Event)).toBe(true);
  });

  it('is case-sensitive and type-strict', () => {
    expect(matches({ source: ['AWS.EC2'] }, ec2Event)).toBe(false);
    expect(matches({ detail: { 'c-count': [5] } }, metricsEvent)).toBe(true);
    expect(matches({ detail: { 'c-count': ['5'] } }, metricsEvent)).toBe(false);
    expect(matches({ detail: { flag: [true] } }, withDetail({ flag: true }))).toBe(true);
    expect(matches({ detail: { flag: [true] } }, withDetail({ flag: 'true' }))).toBe(false);
  });

  it('compares numbers by value, not by spelling', () => {
    expect(matches({ detail: { 'x-limit': [3.018e2] } }, metricsEvent)).toBe(true);
  });

  it('matches the empty string and null separately, as in the AWS null-values example', () => {
    expect(matches({ detail: { eventVersion: [''] } }, nullEvent)).toBe(true);
    expect(matches({ detail: { responseElements: [null] } }, nullEvent)).toBe(true);
    expect(matches({ detail: { responseElements: [''] } }, nullEvent)).toBe(false);
    expect(matches({ detail: { eventVersion: [null] } }, nullEvent)).toBe(false);
    expect(matches({ detail: { missing: [null] } }, nullEvent)).toBe(false);
  });

  it('fails when the pattern names a field the event lacks', () => {
    expect(matches({ detail: { missing: ['x'] } }, ec2Event)).toBe(false);
  });
});

describe('arrays and nesting', () => {
  it('matches when the event array and the pattern array intersect (AWS arrays example)', () => {
    const pattern = {
      resources: [
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
      ],
    };
    const event = {
      resources: [
        'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b:autoScalingGroupName/ASGTerminate',
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
      ],
    };
    expect(matches(pattern, event)).toBe(true);
    expect(matches(pattern, { resources: ['arn:aws:ec2:us-east-1:999999999999:instance/i-b188560f'] })).toBe(false);
    expect(matches(pattern, { resources: [] })).toBe(false);
  });

  it('applies operators to each element of an event array', () => {
    expect(matches({ tags: [{ prefix: 'env:' }] }, { tags: ['team:a', 'env:prod'] })).toBe(true);
    expect(matches({ tags: [{ numeric: ['>', 10] }] }, { tags: [1, 2, [30]] })).toBe(true);
  });

  it('matches nested fields through arrays of objects, one element at a time', () => {
    const event = {
      employees: [
        { firstName: 'John', lastName: 'Doe' },
        { firstName: 'Anna', lastName: 'Smith' },
        [{ firstName: 'Peter', lastName: 'Jones' }],
      ],
    };
    expect(matches({ employees: { firstName: ['Anna'] } }, event)).toBe(true);
    expect(matches({ employees: { firstName: ['Peter'], lastName: ['Jones'] } }, event)).toBe(true);
    expect(matches({ employees: { firstName: ['Anna'], lastName: ['Jones'] } }, event)).toBe(false);
  });

  it('does not match a leaf matcher against an object, nor a nested pattern against a scalar', () => {
    expect(matches({ detail: ['terminated'] }, ec2Event)).toBe(false);
    expect(matches({ source: { name: ['aws.ec2'] } }, ec2Event)).toBe(false);
  });

  it('matches deeply nested fields', () => {
    const event = { detail: { order: { customer: { tier: 'gold' } } } };
    expect(matches({ detail: { order: { customer: { tier: ['gold'] } } } }, event)).toBe(true);
    expect(matches({ detail: { order: { customer: { tier: ['silver'] } } } }, event)).toBe(false);
  });
});

describe('prefix', () => {
  it('matches the start of strings only (AWS time example)', () => {
    expect(matches({ time: [{ prefix: '2017-12-22' }] }, ec2Event)).toBe(true);
    expect(matches({ time: [{ prefix: '2017-10-02' }] }, ec2Event)).toBe(false);
    expect(matches({ detail: { 'c-count': [{ prefix: '5' }] } }, metricsEvent)).toBe(false);
  });

  it('ignores case when wrapped in equals-ignore-case', () => {
    const pattern = { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } };
    expect(matches(pattern, withDetail({ service: 'eventbridge' }))).toBe(true);
    expect(matches(pattern, withDetail({ service: 'EVENTBRIDGE' }))).toBe(true);
    expect(matches(pattern, withDetail({ service: 'my-eventbridge' }))).toBe(false);
  });
});

describe('suffix', () => {
  it('matches the end of strings (AWS FileName example)', () => {
    expect(matches({ FileName: [{ suffix: '.png' }] }, { FileName: 'photo.png' })).toBe(true);
    expect(matches({ FileName: [{ suffix: '.png' }] }, { FileName: 'photo.PNG' })).toBe(false);
    expect(matches({ FileName: [{ suffix: '.png' }] }, { FileName: 'photo.png.txt' })).toBe(false);
  });

  it('ignores case when wrapped in equals-ignore-case', () => {
    const pattern = { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } };
    expect(matches(pattern, withDetail({ FileName: 'photo.PNG' }))).toBe(true);
    expect(matches(pattern, withDetail({ FileName: 'photo.jpg' }))).toBe(false);
  });
});

describe('anything-but', () => {
  it.each([
    ['a string', { state: [{ 'anything-but': 'initializing' }] }, 'running', 'initializing'],
    ['a number', { 'x-limit': [{ 'anything-but': 123 }] }, 301.8, 123],
    ['a string list', { state: [{ 'anything-but': ['stopped', 'overloaded'] }] }, 'running', 'overloaded'],
    ['a number list', { 'x-limit': [{ 'anything-but': [100, 200, 300] }] }, 301.8, 200],
    ['a prefix', { state: [{ 'anything-but': { prefix: 'init' } }] }, 'running', 'initializing'],
    ['a suffix', { FileName: [{ 'anything-but': { suffix: '.png' } }] }, 'a.jpg', 'a.png'],
    ['ignoring case', { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] }, 'running', 'INITIALIZING'],
    ['ignoring case, list', { state: [{ 'anything-but': { 'equals-ignore-case': ['a', 'b'] } }] }, 'c', 'B'],
    ['a wildcard', { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, '/usr/bin/x', '/usr/lib/x'],
  ])('excludes %s', (_name, detailPattern, allowed, excluded) => {
    const [field] = Object.keys(detailPattern);
    const event = (value: unknown): object => withDetail({ [field ?? '']: value });
    expect(matches({ detail: detailPattern }, event(allowed))).toBe(true);
    expect(matches({ detail: detailPattern }, event(excluded))).toBe(false);
  });

  it('does not match a missing field', () => {
    expect(matches({ detail: { missing: [{ 'anything-but': 'x' }] } }, ec2Event)).toBe(false);
  });

  it('matches an event array when any element is outside the exclusion', () => {
    const pattern = { tags: [{ 'anything-but': ['a', 'b'] }] };
    expect(matches(pattern, { tags: ['a', 'c'] })).toBe(true);
    expect(matches(pattern, { tags: ['a', 'b'] })).toBe(false);
  });

  it('treats values of another type as not excluded', () => {
    expect(matches({ code: [{ 'anything-but': ['100'] }] }, { code: 100 })).toBe(true);
    expect(matches({ code: [{ 'anything-but': { prefix: '1' } }] }, { code: 100 })).toBe(true);
  });
});

describe('numeric', () => {
  it('matches ranges, bounds and equality (event-ruler example)', () => {
    const pattern = {
      detail: {
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ numeric: ['=', 3.018e2] }],
      },
    };
    expect(matches(pattern, metricsEvent)).toBe(true);
  });

  it.each([
    [0, false],
    [0.5, true],
    [5, true],
    [5.000001, false],
    [-1, false],
  ])('[">", 0, "<=", 5] against %s is %s', (value, expected) => {
    expect(matches({ n: [{ numeric: ['>', 0, '<=', 5] }] }, { n: value })).toBe(expected);
  });

  it('accepts the bounds in either order and honours >= and <', () => {
    const pattern = { n: [{ numeric: ['<', 10, '>=', 1] }] };
    expect(matches(pattern, { n: 1 })).toBe(true);
    expect(matches(pattern, { n: 10 })).toBe(false);
  });

  it('only matches JSON numbers', () => {
    expect(matches({ n: [{ numeric: ['>', 0] }] }, { n: '5' })).toBe(false);
    expect(matches({ n: [{ numeric: ['>', 0] }] }, { n: null })).toBe(false);
  });
});

describe('exists', () => {
  it('matches present fields for true and absent fields for false', () => {
    expect(matches({ detail: { 'c-count': [{ exists: true }] } }, metricsEvent)).toBe(true);
    expect(matches({ detail: { 'c-count': [{ exists: false }] } }, metricsEvent)).toBe(false);
    expect(matches({ detail: { 'c-count': [{ exists: false }] } }, ec2Event)).toBe(true);
    expect(matches({ detail: { 'c-count': [{ exists: true }] } }, ec2Event)).toBe(false);
  });

  it('counts a null value as present', () => {
    expect(matches({ detail: { responseElements: [{ exists: true }] } }, nullEvent)).toBe(true);
  });

  it('works on leaf nodes only: an object value or an empty array counts as absent', () => {
    expect(matches({ detail: { 'c-count': [{ exists: false }] } }, withDetail({ 'c-count': { c1: 100 } }))).toBe(true);
    expect(matches({ detail: { 'c-count': [{ exists: true }] } }, withDetail({ 'c-count': { c1: 100 } }))).toBe(false);
    expect(matches({ detail: { tags: [{ exists: false }] } }, withDetail({ tags: [] }))).toBe(true);
  });

  it('matches exists: false under a missing parent', () => {
    expect(matches({ detail: { error: { code: [{ exists: false }] } } }, ec2Event)).toBe(true);
  });

  it('can be combined with other matchers for "absent or equal"', () => {
    const pattern = { detail: { priority: [{ exists: false }, 'high'] } };
    expect(matches(pattern, ec2Event)).toBe(true);
    expect(matches(pattern, withDetail({ priority: 'high' }))).toBe(true);
    expect(matches(pattern, withDetail({ priority: 'low' }))).toBe(false);
  });
});

describe('equals-ignore-case', () => {
  it('matches strings regardless of case', () => {
    const pattern = { Name: [{ 'equals-ignore-case': 'alice' }] };
    expect(matches(pattern, { Name: 'Alice' })).toBe(true);
    expect(matches(pattern, { Name: 'ALICE' })).toBe(true);
    expect(matches(pattern, { Name: 'Alicia' })).toBe(false);
    expect(matches({ n: [{ 'equals-ignore-case': '5' }] }, { n: 5 })).toBe(false);
  });
});

describe('wildcard', () => {
  it('matches any run of characters at each star (AWS and event-ruler examples)', () => {
    expect(matches({ source: [{ wildcard: 'Simple*Service' }] }, { source: 'SimpleQueueService' })).toBe(true);
    expect(matches({ source: [{ wildcard: 'Simple*Service' }] }, { source: 'SimpleService' })).toBe(true);
    expect(matches({ source: [{ wildcard: 'Simple*Service' }] }, { source: 'SimpleQueueServices' })).toBe(false);
    expect(matches({ FileName: [{ wildcard: 'dir/*.png' }] }, { FileName: 'dir/sub/a.png' })).toBe(true);
    expect(matches({ FileName: [{ wildcard: 'dir/*.png' }] }, { FileName: 'other/a.png' })).toBe(false);
  });

  it('treats escaped stars, backslashes and regex characters literally', () => {
    expect(matches({ s: [{ wildcard: 'a\\*b' }] }, { s: 'a*b' })).toBe(true);
    expect(matches({ s: [{ wildcard: 'a\\*b' }] }, { s: 'axb' })).toBe(false);
    expect(matches({ s: [{ wildcard: 'a\\\\*' }] }, { s: 'a\\tail' })).toBe(true);
    expect(matches({ s: [{ wildcard: 'a.c*' }] }, { s: 'abc' })).toBe(false);
    expect(matches({ s: [{ wildcard: '*' }] }, { s: 'line one\nline two' })).toBe(true);
  });

  it('does not match non-strings', () => {
    expect(matches({ n: [{ wildcard: '*' }] }, { n: 5 })).toBe(false);
  });
});

describe('$or', () => {
  const pattern = {
    source: ['aws.cloudwatch'],
    $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
  };

  it('matches when any branch matches, ANDed with sibling fields (AWS example)', () => {
    expect(matches(pattern, { source: 'aws.cloudwatch', metricName: 'CPUUtilization' })).toBe(true);
    expect(matches(pattern, { source: 'aws.cloudwatch', namespace: 'AWS/ES' })).toBe(true);
    expect(matches(pattern, { source: 'aws.cloudwatch', metricName: 'DiskQueue' })).toBe(false);
    expect(matches(pattern, { source: 'aws.ec2', metricName: 'CPUUtilization' })).toBe(false);
  });

  it('nests inside objects and inside other $or branches', () => {
    const nested = {
      detail: {
        $or: [
          { 'c-count': [{ numeric: ['>', 100] }] },
          { state: ['running'], $or: [{ 'd-count': [3] }, { 'x-limit': [0] }] },
        ],
      },
    };
    expect(matches(nested, metricsEvent)).toBe(true);
    expect(matches(nested, withDetail({ state: 'running', 'd-count': 4 }))).toBe(false);
  });
});

describe('validateEventPattern', () => {
  it('returns a valid pattern unchanged', () => {
    const pattern = { source: ['aws.ec2'], detail: { n: [{ numeric: ['>=', 0, '<', 1] }] } };
    expect(validateEventPattern(pattern)).toBe(pattern);
  });

  it.each([
    ['a non-object pattern', ['aws.ec2'], '$', 'must be an object'],
    ['an empty pattern', {}, '$', 'at least one field'],
    ['a bare value', { source: 'aws.ec2' }, '$.source', 'must be an array'],
    ['an empty value list', { detail: { state: [] } }, '$.detail.state', 'must not be empty'],
    ['an unknown operator', { detail: { state: [{ prefx: 'a' }] } }, '$.detail.state[0]', 'unsupported operator "prefx"'],
    ['two operators in one object', { a: [{ prefix: 'a', suffix: 'b' }] }, '$.a[0]', 'exactly one key'],
    ['a nested array', { a: [['x']] }, '$.a[0]', 'must be a string, number'],
    ['a non-string prefix', { a: [{ prefix: 1 }] }, '$.a[0].prefix', 'must be a string'],
    ['a bad nested prefix', { a: [{ prefix: { other: 'x' } }] }, '$.a[0].prefix', 'equals-ignore-case'],
    ['a non-boolean exists', { a: [{ exists: 'yes' }] }, '$.a[0].exists', 'true or false'],
    ['a string numeric bound', { a: [{ numeric: ['>', '5'] }] }, '$.a[0].numeric[1]', 'finite number'],
    ['an unknown numeric operator', { a: [{ numeric: ['!=', 5] }] }, '$.a[0].numeric[0]', 'unknown numeric operator'],
    ['an odd numeric list', { a: [{ numeric: ['>', 5, '<'] }] }, '$.a[0].numeric', 'must be [operator, number]'],
    ['a range with "="', { a: [{ numeric: ['=', 1, '<', 5] }] }, '$.a[0].numeric', 'one of ">", ">="'],
    ['two lower bounds', { a: [{ numeric: ['>', 1, '>=', 5] }] }, '$.a[0].numeric', 'one of ">", ">="'],
    ['an empty range', { a: [{ numeric: ['>', 5, '<', 1] }] }, '$.a[0].numeric', 'lower bound must be less'],
    ['consecutive wildcards', { a: [{ wildcard: 'a**b' }] }, '$.a[0].wildcard', 'consecutive wildcard'],
    ['a stray backslash', { a: [{ wildcard: 'a\\b' }] }, '$.a[0].wildcard', 'backslash'],
    ['a mixed anything-but list', { a: [{ 'anything-but': ['a', 1] }] }, '$.a[0].anything-but', 'only strings or only numbers'],
    ['an empty anything-but list', { a: [{ 'anything-but': [] }] }, '$.a[0].anything-but', 'non-empty'],
    ['numeric inside anything-but', { a: [{ 'anything-but': { numeric: ['>', 1] } }] }, '$.a[0].anything-but', 'inside anything-but'],
    ['a single $or branch', { $or: [{ a: ['x'] }] }, '$.$or', 'at least two patterns'],
    ['an invalid $or branch', { $or: [{ a: ['x'] }, { b: 'y' }] }, '$.$or[1].b', 'must be an array'],
    ['an awkward field name', { 'my field': 'x' }, '$["my field"]', 'must be an array'],
  ])('rejects %s', (_name, pattern, path, problem) => {
    expect(() => validateEventPattern(pattern)).toThrow(InvalidEventPatternError);
    expect(() => validateEventPattern(pattern)).toThrow(
      expect.objectContaining({ path, problem: expect.stringContaining(problem) }),
    );
  });

  it('names the path and problem in the message', () => {
    expect(() => validateEventPattern({ detail: { state: 'x' } })).toThrow(
      /^Invalid event pattern at \$\.detail\.state: must be an array/,
    );
  });
});

describe('properties', () => {
  const fieldName = fc.string().filter((key) => key !== '$or');
  const jsonObject = fc.dictionary(fieldName, fc.jsonValue({ maxDepth: 3 }));

  /** A pattern that pins one leaf value of every field that has one, recursing into nested objects. */
  function patternFrom(event: Readonly<Record<string, unknown>>): EventPattern | undefined {
    const fields = Object.entries(event).flatMap(([key, value]) => {
      const node = nodeFrom(value);
      return node === undefined ? [] : [[key, node] as const];
    });
    return fields.length > 0 ? Object.fromEntries(fields) : undefined;
  }

  function nodeFrom(value: unknown): EventPattern[string] | undefined {
    if (Array.isArray(value)) {
      const leaf: unknown = value.flat(Infinity).find((item) => item === null || typeof item !== 'object');
      return leaf === undefined ? undefined : nodeFrom(leaf);
    }
    if (value !== null && typeof value === 'object') return patternFrom(value as Record<string, unknown>);
    return [value as string | number | boolean | null];
  }

  it('a pattern built from an event\'s own values always matches that event', () => {
    fc.assert(
      fc.property(jsonObject, (event) => {
        const pattern = patternFrom(event);
        fc.pre(pattern !== undefined);
        expect(matchesEventPattern(validateEventPattern(pattern), event)).toBe(true);
      }),
    );
  });

  it('exists: true and exists: false disagree on every event', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
        const event = { field: value };
        const present = matches({ field: [{ exists: true }] }, event);
        expect(matches({ field: [{ exists: false }] }, event)).toBe(!present);
      }),
    );
  });
});
