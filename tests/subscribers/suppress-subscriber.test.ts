import { describe, expect, it } from 'vitest';
import { suppressionPolicy } from '../../lambdas/subscribers/suppress-subscriber.ts';

const to = (...emails: string[]) => emails.map((emailAddress) => ({ emailAddress }));

describe('suppressionPolicy', () => {
  it('suppresses every recipient of a permanent bounce, naming its subtype', () => {
    expect(suppressionPolicy({ type: 'Bounce', bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: to('a@x.pe', 'b@x.pe') } })).toEqual({
      action: 'suppress',
      suppressions: [
        { email: 'a@x.pe', reason: 'Bounce/Permanent/General' },
        { email: 'b@x.pe', reason: 'Bounce/Permanent/General' },
      ],
    });
  });

  it('suppresses the recipients of a complaint, with or without a feedback type', () => {
    expect(suppressionPolicy({ type: 'Complaint', complaint: { complaintFeedbackType: 'abuse', complainedRecipients: to('a@x.pe') } })).toEqual({
      action: 'suppress',
      suppressions: [{ email: 'a@x.pe', reason: 'Complaint/abuse' }],
    });
    expect(suppressionPolicy({ type: 'Complaint', complaint: { complainedRecipients: to('a@x.pe') } })).toEqual({
      action: 'suppress',
      suppressions: [{ email: 'a@x.pe', reason: 'Complaint' }],
    });
  });

  it('keeps the address on a transient or undetermined bounce', () => {
    expect(suppressionPolicy({ type: 'Bounce', bounce: { bounceType: 'Transient', bounceSubType: 'MailboxFull', bouncedRecipients: to('a@x.pe') } })).toEqual({
      action: 'keep',
      reason: 'Bounce/Transient/MailboxFull',
    });
    expect(suppressionPolicy({ type: 'Bounce', bounce: { bounceType: 'Undetermined', bouncedRecipients: to('a@x.pe') } })).toEqual({ action: 'keep', reason: 'Bounce/Undetermined' });
  });

  it('ignores other events, and a bounce or complaint without its details', () => {
    expect(suppressionPolicy({ type: 'Delivery' })).toEqual({ action: 'ignore', type: 'Delivery' });
    expect(suppressionPolicy({ type: 'Bounce' })).toEqual({ action: 'ignore', type: 'Bounce' });
    expect(suppressionPolicy({})).toEqual({ action: 'ignore', type: undefined });
  });
});
