"""Git repositories behind the emulator's repositories: bare repositories in a temporary directory.

Each repository record has a bare repository named after its uuid (so a rename keeps it), made
when the API creates the repository, or on first use for seeded ones. A seeded repository's
``git`` entry (see README "Seed format") is built with git plumbing commands, with fixed
authors and dates, so its commit ids are the same on every machine and after every reset.
The directory belongs to the emulator process and is removed when it exits.
"""

import atexit
import os
import shutil
import subprocess
import tempfile
import threading

GIT = shutil.which('git') or 'git'
SEED_AUTHOR = ('Alice Owner', 'alice@example.com')
# the first seeded commit's date; each later commit is one day younger
SEED_EPOCH = 1546300800  # 2019-01-01T00:00:00Z
DAY = 86400


class GitError(RuntimeError):
    """A git command the emulator ran failed."""


def _environment(extra=None):
    env = {
        'PATH': os.environ.get('PATH', '/usr/bin:/bin'),
        'HOME': tempfile.gettempdir(),
        'GIT_CONFIG_NOSYSTEM': '1',
        'GIT_CONFIG_GLOBAL': os.devnull,
        'LC_ALL': 'C',
    }
    env.update(extra or {})
    return env


def run_git(args, git_dir, stdin=None, env=None):
    """Run one git command on git_dir; returns its stdout (bytes); GitError on failure."""
    completed = subprocess.run([GIT, '--git-dir', git_dir] + list(args), input=stdin, capture_output=True,
                               env=_environment(env), check=False)
    if completed.returncode != 0:
        raise GitError('git %s: %s' % (' '.join(args), completed.stderr.decode('utf-8', 'replace').strip()))
    return completed.stdout


def build_history(git_dir, content, mainbranch):
    """Write the seeded commits, branches and tags of content into the bare repository git_dir."""
    trees = {}
    heads = {}
    for number, commit in enumerate(content.get('commits') or []):
        branch = commit.get('branch') or mainbranch
        if branch not in heads:
            start = commit.get('from') or mainbranch
            heads[branch] = heads.get(start)
            trees[branch] = dict(trees.get(start) or {})
        files = trees[branch]
        files.update(commit.get('files') or {})
        entries = []
        for name in sorted(files):
            blob = run_git(['hash-object', '-w', '--stdin'], git_dir, stdin=files[name].encode('utf-8')).decode().strip()
            entries.append('100644 blob %s\t%s\n' % (blob, name))
        tree = run_git(['mktree'], git_dir, stdin=''.join(entries).encode('utf-8')).decode().strip()
        date = '%d +0000' % (SEED_EPOCH + number * DAY)
        identity = {
            'GIT_AUTHOR_NAME': SEED_AUTHOR[0], 'GIT_AUTHOR_EMAIL': SEED_AUTHOR[1], 'GIT_AUTHOR_DATE': date,
            'GIT_COMMITTER_NAME': SEED_AUTHOR[0], 'GIT_COMMITTER_EMAIL': SEED_AUTHOR[1], 'GIT_COMMITTER_DATE': date,
        }
        parents = ['-p', heads[branch]] if heads[branch] else []
        sha = run_git(['commit-tree', tree] + parents + ['-m', commit.get('message') or 'Commit %d' % (number + 1)],
                      git_dir, env=identity).decode().strip()
        heads[branch] = sha
        run_git(['update-ref', 'refs/heads/%s' % branch, sha], git_dir)
    for tag in content.get('tags') or []:
        target = heads.get(tag.get('ref') or mainbranch) or tag.get('ref')
        run_git(['update-ref', 'refs/tags/%s' % tag['name'], target], git_dir)


class GitStore:
    """The bare repositories of one emulator, under a temporary directory it owns."""

    def __init__(self):
        self.root = tempfile.mkdtemp(prefix='bitbucket-emulator-git-')
        self.lock = threading.RLock()
        atexit.register(self.close)

    @staticmethod
    def name(repository):
        """The directory name of a repository's bare repository (its uuid without braces)."""
        return repository['uuid'].strip('{}').lower() + '.git'

    def path(self, repository):
        """Where the repository's bare repository is (whether or not it exists yet)."""
        return os.path.join(self.root, self.name(repository))

    def ensure(self, repository):
        """The bare repository of a repository record, made (and seeded) when missing."""
        path = self.path(repository)
        with self.lock:
            if os.path.isdir(path):
                return path
            partial = path + '.new'
            shutil.rmtree(partial, ignore_errors=True)
            subprocess.run([GIT, 'init', '--quiet', '--bare', partial], check=True, capture_output=True, env=_environment())
            run_git(['symbolic-ref', 'HEAD', 'refs/heads/%s' % repository['mainbranch']], partial)
            if repository.get('git'):
                build_history(partial, repository['git'], repository['mainbranch'])
            os.rename(partial, path)
            return path

    def remove(self, repository):
        """Delete a repository's bare repository (the API deleted the repository)."""
        with self.lock:
            shutil.rmtree(self.path(repository), ignore_errors=True)

    def refs(self, repository):
        """{refname: sha} of a repository's branches and tags (for tests)."""
        out = run_git(['for-each-ref', '--format=%(refname) %(objectname)'], self.ensure(repository)).decode()
        return dict(line.split(' ', 1) for line in out.splitlines() if line)

    def clear(self):
        """Forget every bare repository (the state was reset)."""
        with self.lock:
            for entry in os.listdir(self.root):
                shutil.rmtree(os.path.join(self.root, entry), ignore_errors=True)

    def close(self):
        """Remove the directory."""
        shutil.rmtree(self.root, ignore_errors=True)
