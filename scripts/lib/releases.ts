import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A released entry of CHANGELOG.md. */
export interface Release {
  version: string;
  /** The git tag that marks it, `v<version>` unless the entry names another. */
  tag: string;
  /** The commit the entry records, for a clone that has no tags. */
  commit: string | null;
}

const HEADING = /^## \[?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\]?(?:\s|$)/;

/**
 * The released entries of a Keep a Changelog file, newest first: each `## <version>` heading (the
 * `Unreleased` one is not a release) with the tag and commit its text names (`Tag \`v0.1.0\`, commit
 * \`<sha>\``).
 */
export function releasesIn(changelog: string): Release[] {
  const releases: Release[] = [];
  let current: { version: string; text: string[] } | null = null;
  const close = () => {
    if (!current) return;
    const text = current.text.join('\n');
    releases.push({
      version: current.version,
      tag: /\btag `([^`]+)`/i.exec(text)?.[1] ?? `v${current.version}`,
      commit: /\bcommit `([0-9a-f]{7,40})`/i.exec(text)?.[1] ?? null,
    });
  };
  for (const line of changelog.split('\n')) {
    if (line.startsWith('## ')) {
      close();
      const version = HEADING.exec(line)?.[1];
      current = version ? { version, text: [] } : null;
    } else current?.text.push(line);
  }
  close();
  return releases;
}

/** What the upgrade test builds: a release, its commit, and how the commit was found. */
export interface ResolvedRelease extends Release {
  commit: string;
  foundBy: 'tag' | 'changelog';
}

const git = (root: string, args: string[]): string | null => {
  try {
    return execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
};
const commitOf = (root: string, rev: string) =>
  git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);

/**
 * The release before the code checked out at `root`: the newest entry of its CHANGELOG.md whose commit
 * is not HEAD (HEAD is that release itself right after it is cut). Its tag says which commit; a clone
 * without tags falls back to the commit the entry records.
 */
export function previousRelease(root: string): ResolvedRelease {
  const head = commitOf(root, 'HEAD');
  if (!head) throw new Error(`${root} is not a git checkout: the upgrade test needs the history`);
  const releases = releasesIn(fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'));
  for (const [index, release] of releases.entries()) {
    const tagged = commitOf(root, `refs/tags/${release.tag}`);
    const recorded = release.commit ? commitOf(root, release.commit) : null;
    if (tagged && recorded && tagged !== recorded)
      throw new Error(
        `CHANGELOG.md says ${release.version} is commit ${release.commit}, but tag ${release.tag} is ${tagged}`,
      );
    const commit = tagged ?? recorded;
    if (!commit) {
      // The release being cut has no tag yet and cannot name its own commit: the one before it is meant.
      if (index === 0 && !release.commit) continue;
      throw new Error(
        `release ${release.version}: neither tag ${release.tag} nor commit ${release.commit ?? '(none recorded)'} ` +
          'is in this clone (git fetch --tags --unshallow)',
      );
    }
    if (commit === head) continue;
    return { ...release, commit, foundBy: tagged ? 'tag' : 'changelog' };
  }
  throw new Error('CHANGELOG.md names no earlier release to upgrade from');
}
