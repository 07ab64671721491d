import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { previousRelease, releasesIn } from './releases';

const changelog = (entries: string[]) =>
  ['# Changelog', '', '## Unreleased', '', '- something new', '', ...entries].join('\n');

describe('releasesIn', () => {
  it('reads each released heading, newest first, with the tag and commit its text names', () => {
    const text = changelog([
      '## [0.2.0] - 2027-01-10',
      '',
      'Tag `v0.2.0`, commit `abcdef1234567`.',
      '',
      '## 0.1.0 - 2026-12-01',
      '',
      'Tag `release-0.1`, commit `35330f776ddc93a9f8d655b60fc4acd79e0aaea0`. The first release.',
      '',
      '## 0.0.1',
      '',
      '- no tag named',
    ]);
    expect(releasesIn(text)).toEqual([
      { version: '0.2.0', tag: 'v0.2.0', commit: 'abcdef1234567' },
      { version: '0.1.0', tag: 'release-0.1', commit: '35330f776ddc93a9f8d655b60fc4acd79e0aaea0' },
      { version: '0.0.1', tag: 'v0.0.1', commit: null },
    ]);
  });

  it('finds no release in a changelog that has only unreleased work', () => {
    expect(releasesIn(changelog([]))).toEqual([]);
  });

  it("finds the project's own previous release", () => {
    const own = releasesIn(fs.readFileSync(path.resolve(__dirname, '../../CHANGELOG.md'), 'utf8'));
    expect(own[0]).toEqual({
      version: expect.any(String),
      tag: `v${own[0].version}`,
      commit: expect.any(String),
    });
  });
});

describe('previousRelease', () => {
  let repo: string;
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: repo,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@t',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@t',
      },
    }).trim();
  const commit = (text: string) => {
    fs.writeFileSync(path.join(repo, 'CHANGELOG.md'), text);
    git('add', 'CHANGELOG.md');
    git('commit', '-q', '-m', 'c');
    return git('rev-parse', 'HEAD');
  };

  beforeEach(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'ngk-releases-'));
    git('init', '-q');
  });
  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('takes the tag, and the commit the entry records when a clone has no tags', () => {
    const first = commit(changelog(['## 0.1.0 - 2026-12-01']));
    git('tag', 'v0.1.0');
    commit(changelog([`## 0.1.0 - 2026-12-01`, '', `Tag \`v0.1.0\`, commit \`${first}\`.`]));
    expect(previousRelease(repo)).toMatchObject({ version: '0.1.0', commit: first, foundBy: 'tag' });
    git('tag', '-d', 'v0.1.0');
    expect(previousRelease(repo)).toMatchObject({ version: '0.1.0', commit: first, foundBy: 'changelog' });
  });

  it('skips the release HEAD is, and the one being cut that has no tag yet', () => {
    const first = commit(changelog(['## 0.1.0 - 2026-12-01']));
    git('tag', 'v0.1.0');
    const entry01 = `## 0.1.0 - 2026-12-01\n\nTag \`v0.1.0\`, commit \`${first}\`.`;
    commit(changelog(['## 0.2.0 - 2027-01-10', '', entry01]));
    // Being cut: 0.2.0 has no tag yet, so 0.1.0 is the previous release.
    expect(previousRelease(repo)).toMatchObject({ version: '0.1.0', commit: first });
    git('tag', 'v0.2.0');
    // HEAD is 0.2.0 itself: still 0.1.0.
    expect(previousRelease(repo)).toMatchObject({ version: '0.1.0', commit: first });
  });

  it('refuses a tag and a recorded commit that disagree, and a release this clone lacks', () => {
    const first = commit(changelog(['## 0.1.0 - 2026-12-01']));
    const second = commit(changelog(['## 0.1.0 - 2026-12-01', '', 'x']));
    git('tag', 'v0.1.0', second);
    commit(changelog([`## 0.1.0 - 2026-12-01`, '', `Tag \`v0.1.0\`, commit \`${first}\`.`]));
    expect(() => previousRelease(repo)).toThrow(/says 0\.1\.0 is commit .* but tag v0\.1\.0 is/);
    git('tag', '-d', 'v0.1.0');
    commit(changelog([`## 0.1.0 - 2026-12-01`, '', `Tag \`v0.1.0\`, commit \`${'0'.repeat(40)}\`.`]));
    expect(() => previousRelease(repo)).toThrow(/git fetch --tags --unshallow/);
  });
});
