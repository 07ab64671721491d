import { refusalOf } from './mail-refusal';

/** nodemailer's errors carry the SMTP code and the server's line when the server answered at all. */
function smtpError(responseCode: number, response: string): Error {
  return Object.assign(new Error(`Can't send mail - all recipients were rejected: ${response}`), {
    code: 'EENVELOPE',
    responseCode,
    response,
  });
}

describe('refusalOf', () => {
  it('takes a 5xx answer as final, with the server’s words', () => {
    expect(refusalOf(smtpError(550, '550 5.1.1 <a@x> mailbox unavailable'))).toEqual({
      kind: 'permanent',
      reason: '550 5.1.1 <a@x> mailbox unavailable',
    });
  });

  it('takes a 4xx answer as worth another try', () => {
    expect(refusalOf(smtpError(451, '451 4.7.1 try again later')).kind).toBe('later');
  });

  it('takes no answer as an unreachable server, naming the error code', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ECONNECTION' });
    expect(refusalOf(refused)).toEqual({
      kind: 'unreachable',
      reason: 'ECONNECTION: connect ECONNREFUSED 127.0.0.1:25',
    });
    expect(refusalOf('socket hang up').kind).toBe('unreachable');
  });

  it('keeps the reason short and on one line', () => {
    const reason = refusalOf(smtpError(552, `552 ${'x'.repeat(2_000)}\r\n552 more`)).reason;
    expect(reason).toHaveLength(500);
    expect(reason).not.toMatch(/[\r\n]/);
  });
});
