import { etagMatches, unreadEtag } from './unread-etag';

describe('unread ETag', () => {
  const tag = unreadEtag({ unreadCount: 3, latestId: '42' });

  it('changes with the count and with a newer notification', () => {
    expect(tag).toBe('W/"n3-42"');
    expect(unreadEtag({ unreadCount: 2, latestId: '42' })).not.toBe(tag);
    // One read and one new: the count is the same, the newest is not.
    expect(unreadEtag({ unreadCount: 3, latestId: '43' })).not.toBe(tag);
    expect(unreadEtag({ unreadCount: 13, latestId: '4' })).not.toBe(
      unreadEtag({ unreadCount: 1, latestId: '34' }),
    );
  });

  it('matches If-None-Match weakly, in a list, or as *', () => {
    expect(etagMatches(tag, tag)).toBe(true);
    expect(etagMatches('"n3-42"', tag)).toBe(true);
    expect(etagMatches('W/"n1-1", W/"n3-42"', tag)).toBe(true);
    expect(etagMatches('*', tag)).toBe(true);
    expect(etagMatches('W/"n3-4"', tag)).toBe(false);
    expect(etagMatches('', tag)).toBe(false);
    expect(etagMatches(undefined, tag)).toBe(false);
  });
});
