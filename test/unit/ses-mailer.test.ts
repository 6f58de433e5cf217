import { describe, expect, it } from 'vitest';
import { classifySesError } from '../../shared/adapters/ses/ses-mailer.ts';

const named = (name: string) => Object.assign(new Error(name), { name });

describe('classifySesError', () => {
  it('backs off on throttling, parks refusals, stops on a paused account, and treats the rest as unknown', () => {
    for (const name of ['TooManyRequestsException', 'LimitExceededException', 'Throttling', 'ThrottlingException']) expect(classifySesError(named(name)), name).toBe('throttled');
    for (const name of ['MessageRejected', 'BadRequestException', 'MailFromDomainNotVerifiedException', 'NotFoundException']) expect(classifySesError(named(name)), name).toBe('refused');
    for (const name of ['SendingPausedException', 'AccountSuspendedException']) expect(classifySesError(named(name)), name).toBe('paused');
    // A timeout or a 5xx: SES may have taken the mail, so it must not simply be sent again.
    for (const name of ['TimeoutError', 'InternalServiceErrorException', 'ECONNRESET']) expect(classifySesError(named(name)), name).toBe('unknown');
    expect(classifySesError(undefined)).toBe('unknown');
  });
});
