import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// npm scripts run on the `node` package's binary (node_modules/.bin first on PATH): this fails when
// the tests run on another node, e.g. a system Node 20 reached through a bare `node` or `npx`.
describe('the runtime', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { dependencies: Record<string, string>; engines: { node: string } };

  it('is the Node.js 24 LTS that package.json brings as a dependency', () => {
    const wanted = /^\^?(\d+)\.(\d+)/.exec(pkg.dependencies.node)!;
    const [major, minor] = process.versions.node.split('.').map(Number);
    expect(major).toBe(Number(wanted[1]));
    expect(minor).toBeGreaterThanOrEqual(Number(wanted[2]));
    expect(pkg.engines.node).toMatch(new RegExp(`^>=${major}\\.`));
  });
});
