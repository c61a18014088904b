import { describe, expect, it } from '@jest/globals';
import { parseGitHubRemote } from '../../../core/git/parse-github-remote.js';

describe('parseGitHubRemote', () => {
  it.each([
    ['https://github.com/acme/web.git', 'github.com', 'acme/web'],
    ['https://github.com/acme/web', 'github.com', 'acme/web'],
    ['https://github.com/acme/web/', 'github.com', 'acme/web'],
    ['https://x-access-token:ghs_abc@github.com/acme/web.git', 'github.com', 'acme/web'],
    ['http://github.example.com/acme/web.git', 'github.example.com', 'acme/web'],
    ['git@github.com:acme/web.git', 'github.com', 'acme/web'],
    ['git@github.com:acme/web', 'github.com', 'acme/web'],
    ['github.com:acme/web.git', 'github.com', 'acme/web'],
    ['org-123@ghe.corp.example:platform/my.service.git', 'ghe.corp.example', 'platform/my.service'],
    ['ssh://git@github.com/acme/web.git', 'github.com', 'acme/web'],
    ['ssh://git@ghe.corp.example:2222/acme/web.git', 'ghe.corp.example', 'acme/web'],
    ['git://github.com/acme/web.git', 'github.com', 'acme/web'],
    ['  https://GitHub.com/Acme/Web.git\n', 'github.com', 'Acme/Web'],
  ])('reads %j as %s %s', (url, host, repo) => {
    expect(parseGitHubRemote(url)).toEqual({ host, repo });
  });

  it.each([
    ['a local path', '/srv/git/web.git'],
    ['a relative path', '../web'],
    ['a file URL', 'file:///srv/git/acme/web.git'],
    ['a GitLab subgroup', 'https://gitlab.com/acme/team/web.git'],
    ['a host alone', 'https://github.com/'],
    ['an owner alone', 'git@github.com:acme.git'],
    ['an owner with an underscore', 'https://github.com/ac_me/web.git'],
    ['a name of dots', 'https://github.com/acme/...git'],
    ['nothing', ''],
  ])('gives nothing for %s', (_what, url) => {
    expect(parseGitHubRemote(url)).toBeUndefined();
  });
});
